/**
 * A PNG reader for the simulator's tests (8-bit RGB or RGBA, not interlaced: what Chromium's
 * screenshots are), so tests look at the pixels of the screen, not only at a file being there.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row. */
  readonly data: Uint8Array;
}

export function readPng(path: string): Pixels {
  const file = readFileSync(path);
  if (file.readUInt32BE(0) !== 0x89504e47) throw new Error(`${path} is not a PNG`);
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (at < file.length) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error(`${path}: only 8-bit, non-interlaced PNGs are read here`);
      colorType = body[9] as number;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (channels === 0) throw new Error(`${path}: colour type ${colorType} is not read here`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (rows[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (rows[(y - 1) * stride + x - channels] as number) : 0;
      const v = line[x] as number;
      let out: number;
      if (filter === 0) out = v;
      else if (filter === 1) out = v + a;
      else if (filter === 2) out = v + b;
      else if (filter === 3) out = v + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      rows[y * stride + x] = out & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    data[i * 4] = rows[j] as number;
    data[i * 4 + 1] = rows[j + 1] as number;
    data[i * 4 + 2] = rows[j + 2] as number;
    data[i * 4 + 3] = channels === 4 ? (rows[j + 3] as number) : 255;
  }
  return { width, height, data };
}

/** How many distinct colours (quantised to 4 bits a channel) the image holds: 1 for a blank screen. */
export function colourCount(pixels: Pixels): number {
  const seen = new Set<number>();
  for (let i = 0; i < pixels.data.length; i += 4) {
    seen.add(((pixels.data[i] as number) >> 4) | (((pixels.data[i + 1] as number) >> 4) << 4) | (((pixels.data[i + 2] as number) >> 4) << 8));
  }
  return seen.size;
}

/** The share of pixels that differ (by more than a little) between two images of one size, in a band of rows. */
export function differingShare(a: Pixels, b: Pixels, fromRow = 0, toRow = a.height): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let differing = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      const d = Math.abs((a.data[i] as number) - (b.data[i] as number)) + Math.abs((a.data[i + 1] as number) - (b.data[i + 1] as number)) + Math.abs((a.data[i + 2] as number) - (b.data[i + 2] as number));
      if (d > 48) differing++;
    }
  }
  return differing / (a.width * (toRow - fromRow));
}
