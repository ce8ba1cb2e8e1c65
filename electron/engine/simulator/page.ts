/**
 * The simulator page: the run's settings as JSON (not executed), the platform script, nothing
 * else. Its Content-Security-Policy lets the page reach only its own origin (the simulator
 * server), never the studio; 'unsafe-eval' is there because the platform runs each package file
 * as a CommonJS module, as the mini game platforms do.
 */
import type { Device } from './devices.js';
import type { NetworkProfile } from './network-profiles.js';
import type { BuildIndex } from './build-index.js';
import { createHash } from 'node:crypto';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import type { Fakes } from './fakes.js';

/** How this run starts and answers, beside the build's own facts. */
export interface LaunchOptions {
  readonly fakes: Fakes | null;
  /** An independent subpackage to start in, instead of game.js. */
  readonly subpackage: string | null;
  readonly urlCheck: boolean;
}

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "style-src 'unsafe-inline'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PageConfig {
  readonly platform: string;
  readonly entry: string;
  readonly device: Device;
  readonly network: NetworkProfile;
  readonly storageQuotaBytes: number;
  readonly remoteUrl: string;
  readonly scripts: readonly string[];
  readonly packageFiles: Readonly<Record<string, { bytes: number; package: string }>>;
  /** The main package's bytes (its cold-start download), summed here rather than by the page at each start. */
  readonly mainBytes: number;
  readonly subpackages: readonly { name: string; root: string; independent: boolean; bytes: number }[];
  readonly openDataContext: string | null;
  /** Studio page origins whose control messages the page takes (the app's view in web mode). */
  readonly hostOrigins?: readonly string[];
  readonly workers: string | null;
  readonly appid: string;
  readonly launch: LaunchOptions;
}

export function pageConfig(index: BuildIndex, device: Device, network: NetworkProfile, storageQuotaBytes: number, launch: LaunchOptions): PageConfig {
  const packageFiles: Record<string, { bytes: number; package: string }> = {};
  let mainBytes = 0;
  for (const [path, file] of index.files) {
    packageFiles[path] = { bytes: file.bytes, package: file.package };
    if (file.package === MAIN_PACKAGE) mainBytes += file.bytes;
  }
  return {
    platform: index.platform,
    entry: 'game.js',
    device,
    network,
    storageQuotaBytes,
    remoteUrl: index.remoteUrl,
    scripts: [...index.files.keys()].filter((p) => p.endsWith('.js')),
    packageFiles,
    mainBytes,
    subpackages: index.subpackages,
    openDataContext: index.openDataContext,
    workers: index.workers,
    appid: index.appid,
    launch,
  };
}

/** `run`: which of the server's runs this page is (its events say so); `version`: the platform script's (platformVersion). */
export function pageHtml(config: PageConfig, run = 1, version = ''): string {
  // JSON inside a script element: '<' escaped so no file name can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=${config.device.width}, initial-scale=1, user-scalable=no">
<title>Mini game simulator (${config.platform}, ${config.device.model})</title>
<style>html,body{margin:0;padding:0;background:#000;overflow:hidden}canvas#screen{display:block;width:100%;height:100%}</style>
<script id="sim-config" type="application/json" data-run="${run}">${json}</script>
</head>
<body><script src="/__sim/platform.js${version ? `?v=${version}` : ''}"></script></body>
</html>
`;
}

/**
 * The open data context's frame: its script inline (allowed by its hash), no connections at all.
 * It is loaded in an iframe sandboxed to scripts only, so it has an opaque origin of its own.
 */
export function openDataPage(script: string): { html: string; csp: string } {
  const inline = script.replace(/<\/script/gi, '<\\/script');
  const hash = createHash('sha256').update(inline).digest('base64');
  return {
    html: `<!doctype html>\n<html><head><meta charset="utf-8"></head><body><script>${inline}</script></body></html>\n`,
    csp: `default-src 'none'; script-src 'sha256-${hash}' 'unsafe-eval'; img-src data: blob:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`,
  };
}
