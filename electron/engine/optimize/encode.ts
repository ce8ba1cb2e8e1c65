/**
 * The encoders (sharp, with its prebuilt libvips). Each returns the bytes to ship, or null when
 * the original ships: the result is not smaller, or it would not keep the mode's promise.
 *
 * - png-lossless: re-encoded at zlib level 9 with adaptive filtering; both files are decoded and
 *   their pixels compared, and only identical pixels ship.
 * - png-palette: quantised to at most 256 colours (libimagequant, with dithering). The result ships
 *   only when its PSNR against the original, over alpha-premultiplied RGB and alpha, is at least
 *   PALETTE_MIN_PSNR_DB; otherwise the lossless encoding is used instead.
 * - jpeg: re-encoded at the quality asked for, with the JPEG standard's (Annex K) quantisation
 *   tables scaled by that quality as libjpeg does, so the quality can be read back from the file;
 *   trellis quantisation and optimised Huffman coding. A JPEG with an EXIF orientation other than
 *   upright ships as it is (re-encoding drops the tag, and the image would turn).
 *
 * sharp is loaded on first use: it takes ~0.3 s, which a build without "optimize" never pays.
 */
import type { Sharp } from 'sharp';
import type { OptimizeMode } from '../../../shared/optimize.js';
import type { Target } from './targets.js';

/** Below this, a palette image is judged visibly different from its original (docs/OPTIMIZE.md). */
export const PALETTE_MIN_PSNR_DB = 35;

export interface Encoded {
  /** The bytes to ship; null: the original ships. */
  readonly bytes: Buffer | null;
  /** The mode that made `bytes` (palette may fall back to lossless). */
  readonly mode: OptimizeMode;
  /** Why the original ships, when it does. */
  readonly reason?: string;
}

/** Bytes enough to tell an image file from other bytes (isImageSignature). */
export const SIGNATURE_BYTES = 12;

/**
 * Whether bytes start like an image file sharp may read: PNG, JPEG, GIF, WebP (RIFF), TIFF,
 * AVIF/HEIF (ftyp) or SVG/XML (`<svg`, `<?xml`). Anything else could not be decoded, so it ships as it is without
 * loading the encoder (a game's .png that holds other bytes, an engine's packed asset).
 */
export function isImageSignature(head: Buffer): boolean {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  return (
    starts(0x89, 0x50, 0x4e, 0x47) || // PNG
    starts(0xff, 0xd8, 0xff) || // JPEG
    starts(0x47, 0x49, 0x46, 0x38) || // GIF8
    starts(0x52, 0x49, 0x46, 0x46) || // RIFF (WebP)
    starts(0x49, 0x49, 0x2a, 0x00) ||
    starts(0x4d, 0x4d, 0x00, 0x2a) || // TIFF
    head.subarray(4, 8).toString('latin1') === 'ftyp' || // AVIF, HEIF
    /^(\uFEFF)?\s*<(\?xml|svg)/i.test(head.toString('utf8')) // SVG, XML
  );
}

type SharpFactory = (input: Buffer) => Sharp;
let loaded: Promise<SharpFactory> | null = null;

function loadSharp(): Promise<SharpFactory> {
  loaded ??= import('sharp').then((module) => {
    const sharp = module.default;
    // One image at a time per call; the build runs a few calls at once. No operation cache:
    // every image is seen once per build, and the cache would only hold memory.
    sharp.cache(false);
    return (input: Buffer) => sharp(input, { failOn: 'error' });
  });
  return loaded;
}

export async function encodeImage(source: Buffer, target: Target): Promise<Encoded> {
  const sharp = await loadSharp();
  try {
    switch (target.mode) {
      case 'png-lossless':
        return await lossless(sharp, source);
      case 'png-palette':
        return await palette(sharp, source);
      case 'jpeg':
        return await jpeg(sharp, source, target.quality);
    }
  } catch (error) {
    return { bytes: null, mode: target.mode, reason: `could not be decoded (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function lossless(sharp: SharpFactory, source: Buffer): Promise<Encoded> {
  const meta = await sharp(source).metadata();
  if (meta.format !== 'png') return { bytes: null, mode: 'png-lossless', reason: `is ${meta.format ?? 'not a PNG'} inside` };
  let pipeline = sharp(source);
  if (meta.icc) pipeline = pipeline.keepIccProfile();
  const out = await pipeline.png({ compressionLevel: 9, adaptiveFiltering: true, palette: false, effort: 10 }).toBuffer();
  if (out.length >= source.length) return { bytes: null, mode: 'png-lossless', reason: 'is already as small losslessly' };
  if (!(await samePixels(sharp, source, out))) return { bytes: null, mode: 'png-lossless', reason: 'would not keep the same pixels' };
  return { bytes: out, mode: 'png-lossless' };
}

async function palette(sharp: SharpFactory, source: Buffer): Promise<Encoded> {
  const meta = await sharp(source).metadata();
  if (meta.format !== 'png') return { bytes: null, mode: 'png-palette', reason: `is ${meta.format ?? 'not a PNG'} inside` };
  const out = await sharp(source).png({ palette: true, quality: 100, colours: 256, dither: 1, effort: 10, compressionLevel: 9 }).toBuffer();
  const fallback = await lossless(sharp, source);
  const smallest = fallback.bytes ? fallback.bytes.length : source.length;
  if (out.length < smallest && (await psnr(sharp, source, out)) >= PALETTE_MIN_PSNR_DB) return { bytes: out, mode: 'png-palette' };
  return fallback;
}

async function jpeg(sharp: SharpFactory, source: Buffer, quality: number): Promise<Encoded> {
  const meta = await sharp(source).metadata();
  if (meta.format !== 'jpeg') return { bytes: null, mode: 'jpeg', reason: `is ${meta.format ?? 'not a JPEG'} inside` };
  if (meta.orientation !== undefined && meta.orientation !== 1) return { bytes: null, mode: 'jpeg', reason: 'has an EXIF orientation that re-encoding would drop' };
  const out = await sharp(source)
    .jpeg({ quality, quantisationTable: 0, trellisQuantisation: true, overshootDeringing: true, optimiseCoding: true, progressive: false, mozjpeg: false })
    .toBuffer();
  if (out.length >= source.length) return { bytes: null, mode: 'jpeg', reason: `is not smaller at quality ${quality}` };
  return { bytes: out, mode: 'jpeg' };
}

interface Raw {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** Decoded pixels, always RGBA 8-bit for the palette comparison, else as stored. */
export async function decode(sharp: SharpFactory | null, bytes: Buffer, rgba = false): Promise<Raw> {
  const factory = sharp ?? (await loadSharp());
  let pipeline = factory(bytes);
  if (rgba) pipeline = pipeline.ensureAlpha();
  const meta = await factory(bytes).metadata();
  const { data, info } = await pipeline.raw(meta.depth === 'ushort' && !rgba ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function samePixels(sharp: SharpFactory, a: Buffer, b: Buffer): Promise<boolean> {
  const [left, right] = await Promise.all([decode(sharp, a), decode(sharp, b)]);
  return left.width === right.width && left.height === right.height && left.channels === right.channels && left.data.equals(right.data);
}

/** PSNR in dB over alpha-premultiplied R, G, B and alpha (Infinity when identical). */
export async function psnr(sharp: SharpFactory | null, a: Buffer, b: Buffer): Promise<number> {
  const [left, right] = await Promise.all([decode(sharp, a, true), decode(sharp, b, true)]);
  if (left.width !== right.width || left.height !== right.height) return 0;
  let squared = 0;
  const { data: x } = left;
  const { data: y } = right;
  for (let i = 0; i < x.length; i += 4) {
    const ax = x[i + 3] as number;
    const ay = y[i + 3] as number;
    for (let c = 0; c < 3; c++) {
      const d = ((x[i + c] as number) * ax - (y[i + c] as number) * ay) / 255;
      squared += d * d;
    }
    squared += (ax - ay) * (ax - ay);
  }
  const mse = squared / x.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
