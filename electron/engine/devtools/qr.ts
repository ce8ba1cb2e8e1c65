/**
 * QR codes: the WeChat CLI writes its own image (PNG; JPEG from miniprogram-ci); minidev prints a URL, which the studio renders as a
 * PNG (qrcode) so that both platforms show the same kind of image.
 */
import { readFile, writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import type { ToolAction } from '../../../shared/api.js';
import type { Platform } from '../../../shared/platforms.js';

const URL_IN_TEXT = /(?:https?|alipays?):\/\/[^\s'"<>()\u3000-\u303f\uff08\uff09]+/i;
const MENTIONS_QR = /qr|二维码|扫码|scan|预览|preview|login|登录/i;

/** The QR target a line of minidev output names ("qrcodeUrl: https://…", "扫码 https://…"), if any. */
export function qrUrlInLine(line: string): string | null {
  const url = URL_IN_TEXT.exec(line)?.[0];
  if (!url) return null;
  return MENTIONS_QR.test(line.replace(url, '')) || /qr/i.test(url) ? url.replace(/[.,;。，]+$/, '') : null;
}

/** Any alipay.com (or alipays://) link in a line: the fallback when no line names a QR. */
export function alipayUrlInLine(line: string): string | null {
  const url = URL_IN_TEXT.exec(line)?.[0]?.replace(/[.,;。，]+$/, '');
  return url && /^alipays?:|^https?:\/\/[^/]*alipay\.com\//i.test(url) ? url : null;
}

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
 * The QR, as soon as it exists: the WeChat CLI writes a PNG (polled, since login waits for the
 * scan before it exits); minidev prints a URL, rendered here as a PNG at the same path.
 */
export function watchQr(platform: Platform, action: ToolAction, qrPath: string, onQr?: (qr: { readonly dataUrl: string; readonly path: string }) => void) {
  let dataUrl: string | null = null;
  let rendering: Promise<void> = Promise.resolve();
  const announce = (url: string) => {
    // The poll and the last look may both find the image: it is announced once.
    if (dataUrl !== null) return;
    dataUrl = url;
    onQr?.({ dataUrl: url, path: qrPath });
  };
  const wantsQr = action === 'preview' || action === 'login';
  const timer = platform === 'wechat' && wantsQr
    ? setInterval(() => {
        if (dataUrl === null) void readQrDataUrl(qrPath).then((url) => url && announce(url));
      }, 250)
    : null;
  return {
    line(line: string) {
      if (platform !== 'alipay' || !wantsQr || dataUrl !== null) return;
      const url = qrUrlInLine(line);
      if (url) rendering = renderQrPng(url, qrPath).then(announce);
    },
    async finish(lines: readonly string[] = []): Promise<string | null> {
      if (timer) clearInterval(timer);
      await rendering.catch(() => undefined);
      if (dataUrl === null && platform === 'alipay' && wantsQr) {
        // No line announced a QR: the last Alipay link printed is the best guess (the format is unverified).
        const url = [...lines].reverse().map(alipayUrlInLine).find((u) => u !== null);
        if (url) announce(await renderQrPng(url, qrPath));
      }
      if (dataUrl === null && platform === 'wechat' && wantsQr) {
        const url = await readQrDataUrl(qrPath);
        if (url) announce(url);
      }
      return dataUrl;
    },
  };
}
