/**
 * QR codes. The WeChat CLI writes its own image (PNG; JPEG from miniprogram-ci). minidev's preview
 * names the URL of a QR *image* its server drew (`qrcodeUrl`, `二维码图片地址`): that image is
 * fetched and shown as it is, never encoded again as a QR of its own URL. Without it, the scheme
 * URL (`qrcodeSchema`, `Schema Url`) is encoded the way minidev draws it. minidev's login QR comes
 * from its JS API (`qrcode-generated`), whose value is the QR's content.
 */
import { readFile, writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import type { ToolAction } from '../../../shared/api.js';
import type { Platform } from '../../../shared/platforms.js';
import { minidevResult, previewQrInLine, schemaQrContent } from './minidev-output.js';
import { loginQrInLine } from './minidev-login.js';

/** A QR image is small; anything bigger is not one. */
const MAX_QR_IMAGE_BYTES = 2 * 1024 * 1024;
const QR_IMAGE_TIMEOUT_MS = 15_000;

export async function renderQrPng(text: string, pngPath: string): Promise<string> {
  const png = await QRCode.toBuffer(text, { type: 'png', margin: 2, width: 320, errorCorrectionLevel: 'M' });
  await writeFile(pngPath, png);
  return pngDataUrl(png);
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/**
 * The image type of a whole QR image, from its first bytes: DevTools writes a PNG, miniprogram-ci
 * a JPEG, whatever the file is called. Null for anything else, or an image still being written
 * (a PNG without its IEND chunk, a JPEG without its end-of-image marker).
 */
export function qrImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length > 12 && data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return data.subarray(-8, -4).toString('latin1') === 'IEND' ? 'image/png' : null;
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
    // Some writers pad after the end-of-image marker: look for it near the end.
    return data.subarray(-32).includes(JPEG_END) ? 'image/jpeg' : null;
  }
  return null;
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_END = Buffer.from([0xff, 0xd9]);

/** The QR image at path (PNG or JPEG) as a data: URL of its real type, or null when there is no whole image there. */
export async function readQrDataUrl(path: string): Promise<string | null> {
  try {
    const bytes = await readFile(path);
    const type = qrImageType(bytes);
    return type ? `data:${type};base64,${bytes.toString('base64')}` : null;
  } catch {
    return null;
  }
}

/**
 * The image at an http(s) URL (minidev's qrcodeUrl) saved at path, as a data: URL of its type, or
 * null when it can't be fetched or is not a PNG or JPEG.
 */
export async function fetchQrImage(url: string, path: string, timeoutMs = QR_IMAGE_TIMEOUT_MS): Promise<string | null> {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!response.ok) return null;
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = bytes.length <= MAX_QR_IMAGE_BYTES ? qrImageType(bytes) : null;
    if (!type) return null;
    await writeFile(path, bytes);
    return `data:${type};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}

/**
 * The QR, as soon as it exists: the WeChat CLI writes an image (polled, since login waits for the
 * scan before it exits); minidev's login announces its QR content on a line; its preview names
 * the QR image (or scheme) in its result, read when it has finished.
 */
export function watchQr(platform: Platform, action: ToolAction, qrPath: string, onQr?: (qr: { readonly dataUrl: string; readonly path: string }) => void) {
  let dataUrl: string | null = null;
  let rendering: Promise<void> = Promise.resolve();
  let imageUrl: string | null = null;
  let schema: string | null = null;
  const announce = (url: string | null) => {
    // The poll and the last look may both find the image: it is announced once.
    if (url === null || dataUrl !== null) return;
    dataUrl = url;
    onQr?.({ dataUrl: url, path: qrPath });
  };
  const wantsQr = action === 'preview' || action === 'login';
  const timer = platform === 'wechat' && wantsQr
    ? setInterval(() => {
        if (dataUrl === null) void readQrDataUrl(qrPath).then(announce);
      }, 250)
    : null;
  return {
    line(line: string) {
      if (platform !== 'alipay' || !wantsQr || dataUrl !== null) return;
      if (action === 'login') {
        const content = loginQrInLine(line);
        if (content) rendering = renderQrPng(content, qrPath).then(announce);
        return;
      }
      const named = previewQrInLine(line);
      imageUrl = named?.imageUrl ?? imageUrl;
      schema = named?.schema ?? schema;
    },
    async finish(lines: readonly string[] = []): Promise<string | null> {
      if (timer) clearInterval(timer);
      await rendering.catch(() => undefined);
      if (dataUrl === null && platform === 'alipay' && action === 'preview') {
        const result = minidevResult(lines);
        const image = result?.qrcodeUrl ?? imageUrl;
        if (image) announce(await fetchQrImage(image, qrPath));
        const content = schemaQrContent(result?.qrcodeSchema ?? schema);
        if (dataUrl === null && content) announce(await renderQrPng(content, qrPath));
      }
      if (dataUrl === null && platform === 'wechat' && wantsQr) announce(await readQrDataUrl(qrPath));
      return dataUrl;
    },
  };
}
