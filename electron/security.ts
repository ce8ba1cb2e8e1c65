/**
 * Security checks for the Electron shell and the web-mode server, kept pure (no 'electron' import)
 * so that each rule is unit-tested in plain Node. Every URL is parsed with `new URL`: prefix
 * matching ('app://studio' vs 'app://studio.evil') is how such checks usually fail.
 */
import { timingSafeEqual } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The origin the Electron renderer is served from (main.ts registers the scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(value: unknown): URL | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Whether an IPC message comes from our own page. `url` is `event.senderFrame?.url`: a frame
 * that navigated away or was destroyed gives null, which is never trusted. `devServerOrigin` is
 * the Vite dev server's origin during development only.
 */
export function isTrustedSenderUrl(url: string | null | undefined, devServerOrigin?: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerOrigin !== undefined && devServerOrigin !== '' && parsed.origin === devServerOrigin;
}

/** Links the renderer may hand to the OS browser: http(s) only, without credentials. */
export function isSafeExternalUrl(value: unknown): boolean {
  const parsed = parse(value);
  if (!parsed) return false;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}

/** Constant-time token comparison; a missing or differently sized token is refused. */
export function checkWebToken(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The WebSocket's Origin must be the server's own page: any other site the user visits could
 * otherwise open a socket to 127.0.0.1 and drive the studio (browsers do not apply CORS to it).
 */
export function checkOrigin(origin: string | null | undefined, ownOrigin: string): boolean {
  const parsed = parse(origin);
  return parsed !== null && parsed.origin === ownOrigin;
}

/**
 * The Host header must name the loopback address and our port: this defeats DNS rebinding, where
 * a foreign name is made to resolve to 127.0.0.1.
 */
export function checkHost(host: string | null | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * The absolute file a URL path maps to inside `root`, or null when it would leave it (`..`,
 * encoded `%2e%2e`, backslashes, a drive letter, NUL). Used by the app:// protocol handler.
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relativePath = decoded.replace(/^\/+/, '');
  if (isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return null;
  const base = resolve(root);
  const target = resolve(base, relativePath);
  const rel = relative(base, target);
  if (rel === '') return base;
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return target;
}

/** What a web-mode request path names: the page (which needs the token), one other file, or nothing. */
export type WebTarget = { readonly kind: 'page' } | { readonly kind: 'file'; readonly path: string };

const PAGE_PATH = '/index.html';

/**
 * Decodes and checks a web-mode URL path once, so that the token check and the file served agree:
 * `/` and `/index.html` are the page; any other path must be a plain file path (no `.`/`..` or
 * dotfile segment, no empty segment or trailing slash, no NUL or backslash) and not an HTML file,
 * since the page is the only one. The static server is then handed exactly this path, with no
 * extension or index guessing, so `/index`, `/index.html/` or `/%69ndex.html` cannot reach the
 * page around the token.
 */
export function webRequestTarget(pathname: string): WebTarget | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === PAGE_PATH) return { kind: 'page' };
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  if (/\.html?$/i.test(decoded) || /^index$/i.test(segments.at(-1) ?? '')) return null;
  return { kind: 'file', path: decoded };
}

/**
 * The one origin the studio page may frame in web mode: the simulator's page on its own loopback
 * port (never the studio's own origin, which would give the game the studio's token and socket).
 */
export function simulatorFrameOrigin(port: number): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new RangeError(`Not a port: ${port}`);
  return `http://127.0.0.1:${port}`;
}

/**
 * The Content-Security-Policy for the studio page; web mode adds its own WebSocket origin and the
 * simulator's frame origin. Nothing else may be framed ('none' when no frame origin is given).
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = [], frameSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    `frame-src ${frameSrc.length > 0 ? frameSrc.join(' ') : "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
