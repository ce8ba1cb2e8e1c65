/**
 * Test images, made with sharp from pixels computed here: a photo-like picture (smooth gradients
 * with a little deterministic noise) saved without compression, so that every encoder has
 * something to save, and an already tight palette PNG that no encoder can make smaller.
 */
import sharp from 'sharp';

/** RGBA pixels of a w×h picture: gradients, a disc, some noise; half-transparent at one edge. */
export function photoPixels(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let state = seed;
  const noise = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state >> 16) % 9;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (width / 4) ** 2;
      data[i] = Math.min(255, Math.round((x / width) * 230) + noise());
      data[i + 1] = Math.min(255, Math.round((y / height) * 200) + (inDisc ? 40 : 0) + noise());
      data[i + 2] = Math.min(255, (inDisc ? 200 : 90) + noise());
      data[i + 3] = x < width / 8 ? 128 : 255;
    }
  }
  return data;
}

/** A photo-like PNG stored without zlib compression: lossless re-encoding always shrinks it. */
export function loosePng(width = 96, height = 96, seed = 1): Promise<Buffer> {
  return sharp(photoPixels(width, height, seed), { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A few flat colours as an 8-bit palette PNG at the highest compression: nothing smaller exists here. */
export function tightPalettePng(): Promise<Buffer> {
  const width = 32;
  const height = 32;
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data[i * 3] = i % width < 16 ? 255 : 0;
  return sharp(data, { raw: { width, height, channels: 3 } }).png({ palette: true, colours: 2, compressionLevel: 9, effort: 10 }).toBuffer();
}

/** A photo-like JPEG at a high quality, so a lower one is smaller. */
export function fineJpeg(width = 96, height = 96, quality = 98): Promise<Buffer> {
  return sharp(photoPixels(width, height), { raw: { width, height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality })
    .toBuffer();
}
