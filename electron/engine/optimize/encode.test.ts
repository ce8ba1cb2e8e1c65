import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeImage, isImageSignature, PALETTE_MIN_PSNR_DB, SIGNATURE_BYTES } from './encode.js';
import { targetsFor, type Target } from './targets.js';
import { fineJpeg, loosePng, tightPalettePng } from './test-support/images.js';

function targetFor(settings: Parameters<typeof targetsFor>[0], path: string): Target {
  const target = targetsFor(settings)(path);
  if (!target) throw new Error(`no target for ${path}`);
  return target;
}

async function rgba(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The JPEG standard's (Annex K) luminance table, in natural order. */
const ANNEX_K_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
/** Natural-order index of each zigzag position (how DQT stores the table). */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** libjpeg's jpeg_quality_scaling + jpeg_add_quant_table (baseline): the table a quality gives. */
function expectedLuminance(quality: number): number[] {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  return ANNEX_K_LUMINANCE.map((base) => Math.min(255, Math.max(1, Math.floor((base * scale + 50) / 100))));
}

/** Table 0 of the file's first DQT segment, in natural order. */
function luminanceTable(jpeg: Buffer): number[] {
  for (let i = 2; i < jpeg.length - 4; ) {
    if (jpeg[i] !== 0xff) throw new Error(`no marker at ${i}`);
    const marker = jpeg[i + 1] as number;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker === 0xdb) {
      let at = i + 4;
      while (at < i + 2 + length) {
        const precision = (jpeg[at] as number) >> 4;
        const id = (jpeg[at] as number) & 15;
        const values = Array.from({ length: 64 }, (_, k) => (precision ? jpeg.readUInt16BE(at + 1 + k * 2) : (jpeg[at + 1 + k] as number)));
        if (id === 0) {
          const natural = new Array<number>(64);
          values.forEach((value, k) => (natural[ZIGZAG[k] as number] = value));
          return natural;
        }
        at += 1 + 64 * (precision ? 2 : 1);
      }
    }
    i += 2 + length;
  }
  throw new Error('no luminance table');
}

describe('png lossless', () => {
  it('ships the same pixels in fewer bytes', async () => {
    const source = await loosePng();
    const encoded = await encodeImage(source, targetFor({ png: 'lossless' }, 'a.png'));
    expect(encoded.mode).toBe('png-lossless');
    expect(encoded.bytes).not.toBeNull();
    const out = encoded.bytes as Buffer;
    expect(out.length).toBeLessThan(source.length);
    const [before, after] = await Promise.all([rgba(source), rgba(out)]);
    expect([after.width, after.height, after.channels]).toEqual([before.width, before.height, before.channels]);
    expect(after.data.equals(before.data)).toBe(true);
  });

  it('ships the original when re-encoding would not make it smaller', async () => {
    const source = await tightPalettePng();
    const encoded = await encodeImage(source, targetFor({ png: 'lossless' }, 'a.png'));
    expect(encoded.bytes).toBeNull();
    expect(encoded.reason).toMatch(/already as small/);
  });

  it('tells image files from other bytes by their first bytes', async () => {
    expect(isImageSignature((await loosePng()).subarray(0, SIGNATURE_BYTES))).toBe(true);
    expect(isImageSignature((await fineJpeg()).subarray(0, SIGNATURE_BYTES))).toBe(true);
    expect(isImageSignature(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(true);
    expect(isImageSignature(Buffer.from([0x13, 0x20, 0, 0, 0xfa, 0x6f, 0x4f, 0xad, 0xb4, 0x48, 0x13, 0xe2]))).toBe(false);
    expect(isImageSignature(Buffer.alloc(0))).toBe(false);
  });

  it('ships the original of a file that is not a PNG inside, or not an image at all', async () => {
    const jpeg = await encodeImage(await fineJpeg(), targetFor({ png: 'lossless' }, 'a.png'));
    expect(jpeg.bytes).toBeNull();
    expect(jpeg.reason).toMatch(/is jpeg inside/);
    const junk = await encodeImage(Buffer.from('not an image at all'), targetFor({ png: 'lossless' }, 'a.png'));
    expect(junk.bytes).toBeNull();
    expect(junk.reason).toMatch(/could not be decoded/);
  });
});

describe('png palette', () => {
  it(`is smaller than lossless and within ${PALETTE_MIN_PSNR_DB} dB PSNR of the original`, async () => {
    const source = await loosePng(128, 128);
    const [palette, lossless] = await Promise.all([
      encodeImage(source, targetFor({ png: 'palette' }, 'a.png')),
      encodeImage(source, targetFor({ png: 'lossless' }, 'a.png')),
    ]);
    expect(palette.mode).toBe('png-palette');
    const out = palette.bytes as Buffer;
    expect(out.length).toBeLessThan((lossless.bytes as Buffer).length);
    expect((await sharp(out).metadata()).isPalette).toBe(true);
    // Measured here, independently of the encoder's own check: PSNR over straight RGBA and the largest per-channel difference.
    const [before, after] = await Promise.all([rgba(source), rgba(out)]);
    let squared = 0;
    let worst = 0;
    for (let i = 0; i < before.data.length; i++) {
      const d = (before.data[i] as number) - (after.data[i] as number);
      squared += d * d;
      worst = Math.max(worst, Math.abs(d));
    }
    const psnr = 10 * Math.log10((255 * 255) / (squared / before.data.length));
    expect(psnr).toBeGreaterThanOrEqual(PALETTE_MIN_PSNR_DB);
    expect(worst).toBeLessThanOrEqual(32); // measured: 37.7 dB, 20 (docs/OPTIMIZE.md)
  });
});

describe('jpeg', () => {
  it.each([60, 85])('encodes at quality %i: the file carries that quality’s quantisation table, and is smaller', async (quality) => {
    const source = await fineJpeg();
    const encoded = await encodeImage(source, targetFor({ jpeg: quality }, 'photo.JPG'));
    expect(encoded.mode).toBe('jpeg');
    const out = encoded.bytes as Buffer;
    expect(out.length).toBeLessThan(source.length);
    expect(luminanceTable(out)).toEqual(expectedLuminance(quality));
    expect(luminanceTable(source)).not.toEqual(expectedLuminance(quality));
  });

  it('ships the original when the quality asked for gives no smaller file', async () => {
    const source = await fineJpeg(96, 96, 40);
    const encoded = await encodeImage(source, targetFor({ jpeg: 100 }, 'a.jpeg'));
    expect(encoded.bytes).toBeNull();
    expect(encoded.reason).toMatch(/not smaller at quality 100/);
  });
});

describe('targets', () => {
  it('picks images by extension and leaves out what optimize.exclude matches', () => {
    const targetOf = targetsFor({ png: 'palette', jpeg: 70, exclude: ['ui/pixel-art/**', 'keep.png'] });
    expect(targetOf('images/a.png')?.mode).toBe('png-palette');
    expect(targetOf('images/a.PNG')?.mode).toBe('png-palette');
    expect(targetOf('images/b.jpeg')?.quality).toBe(70);
    expect(targetOf('ui/pixel-art/hero.png')).toBeNull();
    expect(targetOf('keep.png')).toBeNull();
    expect(targetOf('audio/a.mp3')).toBeNull();
    expect(targetsFor({ jpeg: 70 })('a.png')).toBeNull();
    expect(targetsFor({ exclude: ['x'] })('a.png')).toBeNull();
  });
});
