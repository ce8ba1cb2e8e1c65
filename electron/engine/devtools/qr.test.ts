import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrImageType, readQrDataUrl } from './qr.js';

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const JPEG_END = Buffer.from([0xff, 0xd9]);

describe('the QR image DevTools or miniprogram-ci wrote', () => {
  it('is typed by its first bytes, whatever its name', async () => {
    const png = await QRCode.toBuffer('https://example.com/qr', { type: 'png' });
    const jpeg = Buffer.concat([JPEG_START, Buffer.alloc(64, 1), JPEG_END]);
    expect(qrImageType(png)).toBe('image/png');
    expect(qrImageType(jpeg)).toBe('image/jpeg');

    const dir = await mkdtemp(join(tmpdir(), 'mgs-qr-'));
    try {
      // DevTools is told to write preview-qr.png; miniprogram-ci writes a JPEG there all the same.
      await writeFile(join(dir, 'preview-qr.png'), jpeg);
      expect(await readQrDataUrl(join(dir, 'preview-qr.png'))).toBe(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
      expect(await readQrDataUrl(join(dir, 'missing.png'))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is not shown while still being written, nor when it is not an image', async () => {
    const png = await QRCode.toBuffer('https://example.com/qr', { type: 'png' });
    expect(qrImageType(png.subarray(0, png.length - 12))).toBeNull();
    expect(qrImageType(Buffer.concat([JPEG_START, Buffer.alloc(64, 1)]))).toBeNull();
    expect(qrImageType(Buffer.from('<html>not an image</html>'))).toBeNull();
  });
});
