/**
 * QR codes: the WeChat CLI writes its own PNG; minidev prints a URL, which the studio renders as a
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

/** The PNG at path as a data: URL, or null when there is no whole PNG there. */
export async function readPngDataUrl(path: string): Promise<string | null> {
  try {
    const png = await readFile(path);
    // A PNG still being written has no IEND chunk yet: wait for the whole image.
    const whole = png.subarray(1, 4).toString('latin1') === 'PNG' && png.subarray(-8, -4).toString('latin1') === 'IEND';
    return whole ? pngDataUrl(png) : null;
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
        if (dataUrl === null) void readPngDataUrl(qrPath).then((url) => url && announce(url));
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
        const url = await readPngDataUrl(qrPath);
        if (url) announce(url);
      }
      return dataUrl;
    },
  };
}
