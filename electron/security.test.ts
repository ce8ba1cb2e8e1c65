import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  checkHost,
  checkOrigin,
  checkWebToken,
  contentSecurityPolicy,
  isSafeExternalUrl,
  isTrustedSenderUrl,
  resolveInside,
  simulatorFrameOrigin,
  webRequestTarget,
} from './security.js';

describe('isTrustedSenderUrl', () => {
  it('trusts only our own app:// page (and the dev server when one is named)', () => {
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/`)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/')).toBe(false);
  });

  it('refuses a destroyed frame (null), look-alike hosts, other schemes and garbage', () => {
    for (const url of [null, undefined, '', 'app://studio.evil.com/', 'app://evil/', 'https://studio/', 'file:///index.html', 'not a url', 'http://localhost:5174/']) {
      expect(isTrustedSenderUrl(url, 'http://localhost:5173'), String(url)).toBe(false);
    }
  });
});

describe('isSafeExternalUrl', () => {
  it('lets http(s) links through', () => {
    expect(isSafeExternalUrl('https://developers.weixin.qq.com/minigame/dev/')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8080/res/')).toBe(true);
  });

  it('refuses other schemes, credentials and non-strings', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com/', 'data:text/html,hi', 'example.com', 42, null]) {
      expect(isSafeExternalUrl(url), String(url)).toBe(false);
    }
  });
});

describe('checkWebToken and checkOrigin', () => {
  it('accepts only the exact token', () => {
    expect(checkWebToken('abc123', 'abc123')).toBe(true);
    expect(checkWebToken('abc124', 'abc123')).toBe(false);
    expect(checkWebToken('abc1234', 'abc123')).toBe(false);
    expect(checkWebToken(null, 'abc123')).toBe(false);
    expect(checkWebToken('', '')).toBe(false);
  });

  it('accepts only the server’s own origin', () => {
    expect(checkOrigin('http://127.0.0.1:4000', 'http://127.0.0.1:4000')).toBe(true);
    expect(checkOrigin('http://127.0.0.1:4001', 'http://127.0.0.1:4000')).toBe(false);
    expect(checkOrigin('https://evil.example', 'http://127.0.0.1:4000')).toBe(false);
    expect(checkOrigin('null', 'http://127.0.0.1:4000')).toBe(false);
    expect(checkOrigin(undefined, 'http://127.0.0.1:4000')).toBe(false);
  });

  it('accepts only a loopback Host header with our port', () => {
    expect(checkHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(checkHost('localhost:4000', 4000)).toBe(true);
    expect(checkHost('evil.example:4000', 4000)).toBe(false);
    expect(checkHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(checkHost(undefined, 4000)).toBe(false);
  });
});

describe('resolveInside', () => {
  const root = resolve('/srv/renderer');

  it('maps URL paths to files inside the root, decoding them', () => {
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/%E4%B8%AD%E6%96%87.js')).toBe(join(root, 'assets', '中文.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });

  it('refuses every way out of the root', () => {
    for (const path of ['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/..%2fsecret', '/..\\secret', '/a%00.js', '/%E4%B8', '/C:/Windows/win.ini', '//etc/passwd/../../..']) {
      expect(resolveInside(root, path), path).toBeNull();
    }
  });
});

describe('webRequestTarget', () => {
  it('names the page for / and /index.html only, however they are encoded', () => {
    for (const path of ['/', '/index.html', '/%69ndex.html', '/index%2Ehtml']) expect(webRequestTarget(path), path).toEqual({ kind: 'page' });
  });

  it('names other files by their decoded path', () => {
    expect(webRequestTarget('/assets/app-1a2b.js')).toEqual({ kind: 'file', path: '/assets/app-1a2b.js' });
    expect(webRequestTarget('/assets/%E4%B8%AD%E6%96%87.js')).toEqual({ kind: 'file', path: '/assets/中文.js' });
  });

  it('refuses any other spelling of the page, HTML files, dot segments and undecodable paths', () => {
    for (const path of ['/index', '/Index', '/index/', '/index.html/', '//index.html', '/INDEX.HTML', '/a/index.htm', '/./index.html', '/assets/%2e%2e/index.html', '/.env', '/a%00.js', '/..%5cx', '/%E4%B8']) {
      expect(webRequestTarget(path), path).toBeNull();
    }
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts only from the page’s own origin and adds the WebSocket origin when given', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:4000']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000");
  });
});

describe('the simulator frame', () => {
  it('is one loopback origin with the simulator port, and the page may frame nothing else', () => {
    expect(simulatorFrameOrigin(43210)).toBe('http://127.0.0.1:43210');
    for (const port of [0, -1, 65536, 1.5, Number.NaN]) expect(() => simulatorFrameOrigin(port), String(port)).toThrow(RangeError);
    const csp = contentSecurityPolicy(['ws://127.0.0.1:4000'], [simulatorFrameOrigin(43210)]);
    const frameSrc = csp.split('; ').filter((d) => d.startsWith('frame-src'));
    expect(frameSrc).toEqual(['frame-src http://127.0.0.1:43210']);
    expect(csp).toContain("frame-ancestors 'none'");
    // Without a simulator (the Electron window: its view is a WebContentsView, not a frame): no frames at all.
    expect(contentSecurityPolicy().split('; ')).toContain("frame-src 'none'");
  });
});
