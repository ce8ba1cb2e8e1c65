/**
 * The simulator server: 127.0.0.1 only, its own port (so its own origin, never the studio's), and
 * it serves nothing but the simulator page, the platform script, the build's files (/pkg/ from OUT,
 * /res/ from OUT-res, at the network profile's speed) and an endpoint for the page's events. Each
 * file request is logged with its source and status. The app can start the same server and show
 * its URL in a sandboxed view.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Platform } from '../../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { StudioError } from '../errors.js';
import { isInsideOrSame, collapse } from '../paths.js';
import { indexBuild, type BuildIndex } from './build-index.js';
import { DEFAULT_DEVICE, findDevice, oriented, DEVICES, type Device } from './devices.js';
import { DEFAULT_NETWORK, findNetworkProfile, NETWORK_PROFILES, type NetworkProfile } from './network-profiles.js';
import { openDataPage, PAGE_CSP, pageConfig, pageHtml, type LaunchOptions } from './page.js';
import { platformScript, platformVersion } from './platform-bundle.js';
import { SessionLog, type RequestSource } from './session-log.js';
import { createScriptTransformer } from './transform.js';
import { NO_DOMAINS, type DomainLists } from './net-policy.js';
import { createNetProxy } from './net-proxy.js';
import type { Fakes } from './fakes.js';

/** WeChat's cap for user files and cache together. */
export const DEFAULT_STORAGE_QUOTA = 200 * 1024 * 1024;
const MAX_EVENT_BODY = 1024 * 1024;

export interface SimulatorOptions {
  readonly outDir: string;
  readonly platform: Platform;
  readonly device?: string;
  readonly network?: string;
  readonly storageQuotaBytes?: number;
  /** The game's domain lists (minigame-studio.json `simulator.domains`). */
  readonly domains?: DomainLists;
  /** Overrides OUT/project.config.json's setting.urlCheck. */
  readonly urlCheck?: boolean;
  /** Answers of the servers' APIs (login, payment, ads, cloud…); absent: as the platform answers offline. */
  readonly fakes?: Fakes;
  /** Cold start into this independent subpackage instead of game.js. */
  readonly subpackage?: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Overrides game.json's orientation (the app's rotate button). */
  readonly orientation?: 'portrait' | 'landscape';
  /**
   * The studio page origins that may frame the page and send it controls (web mode's view); the
   * page's frame-ancestors. Absent: no one may frame it, and it listens to no messages.
   */
  readonly hostOrigins?: readonly string[];
  /** What OUT holds, when the caller already knows (the app's session: from the build's layout); absent: OUT is walked. */
  readonly index?: BuildIndex;
}

export interface SimulatorServer {
  readonly url: string;
  readonly device: Device;
  readonly network: NetworkProfile;
  /** The current run's log (a new one after each `reload`). */
  readonly log: SessionLog;
  /** Re-reads OUT after a rebuild; the next page load runs the new build. */
  refresh(): Promise<void>;
  /**
   * A new run on the same port: serves `index` (a rebuild's OUT) from now on, with a fresh log; the
   * game's sockets are closed, and events the page of an earlier run still sends are ignored.
   */
  reload(index: BuildIndex): SessionLog;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.mp4': 'video/mp4',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function resolveDevice(name: string | undefined): Device {
  const device = findDevice(name ?? DEFAULT_DEVICE);
  if (!device) throw new StudioError(`Unknown device "${name}"; the devices are ${DEVICES.map((d) => d.name).join(', ')}.`, { code: 'USAGE', field: 'device', exitCode: 2 });
  return device;
}

export function resolveNetwork(name: string | undefined): NetworkProfile {
  const profile = findNetworkProfile(name ?? DEFAULT_NETWORK);
  if (!profile) throw new StudioError(`Unknown network profile "${name}"; the profiles are ${NETWORK_PROFILES.map((p) => p.name).join(', ')}.`, { code: 'USAGE', field: 'network', exitCode: 2 });
  return profile;
}

export async function startSimulatorServer(options: SimulatorOptions): Promise<SimulatorServer> {
  let index = options.index ?? (await indexBuild(options.outDir, options.platform));
  const baseDevice = resolveDevice(options.device);
  const network = resolveNetwork(options.network);
  const quota = options.storageQuotaBytes ?? DEFAULT_STORAGE_QUOTA;
  let log = new SessionLog(index);
  /** Which run the page was served for (its events carry it), so a replaced page's late events are dropped. */
  let run = 1;
  const scripts = createScriptTransformer();
  const device = (): Device => oriented(baseDevice, options.orientation ?? index.orientation);
  const hostOrigins = options.hostOrigins ?? [];
  const pageCsp = `${PAGE_CSP}; frame-ancestors ${hostOrigins.length > 0 ? hostOrigins.join(' ') : "'none'"}`;
  let origin = '';
  const net = createNetProxy(
    () => ({ domains: options.domains ?? NO_DOMAINS, urlCheck: options.urlCheck ?? index.urlCheck, remoteUrl: index.remoteUrl, network, ownOrigin: origin }),
    () => log,
  );
  const launch = (): LaunchOptions => ({ fakes: options.fakes ?? null, subpackage: options.subpackage ?? null, urlCheck: options.urlCheck ?? index.urlCheck });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `simulator: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this origin: a page elsewhere (DNS rebinding, another local site) gets nothing.
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'text/plain; charset=utf-8', 'wrong host');
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname === '/__sim/events') return receiveEvents(req, url, res);
    if (url.pathname === '/__sim/net') return net.handle(req, res);
    if (url.pathname === '/__sim/judge') return net.judge(req, url, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'read-only');
    if (url.pathname === '/') {
      const html = pageHtml({ ...pageConfig(index, device(), network, quota, launch()), hostOrigins }, run, await platformVersion());
      return send(res, 200, 'text/html; charset=utf-8', html, { 'content-security-policy': pageCsp });
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/__sim/odc.html') {
      const odc = openDataPage(await platformScript('odc/boot.js'));
      return send(res, 200, 'text/html; charset=utf-8', odc.html, { 'content-security-policy': odc.csp });
    }
    if (url.pathname === '/__sim/platform.js') {
      // The versioned address the page names is immutable for this process: the browser keeps it between reloads.
      const current = url.searchParams.get('v') === (await platformVersion());
      return send(res, 200, TYPES['.js'] as string, await platformScript(), current ? { 'cache-control': 'max-age=31536000, immutable' } : {});
    }
    if (url.pathname.startsWith('/pkg/')) return servePackageFile(decodePath(url.pathname.slice(5)), url.searchParams.has('module'), res);
    if (url.pathname.startsWith('/res/')) return serveRemoteFile(decodePath(url.pathname.slice(5)), res);
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  }

  function receiveEvents(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (req.headers.origin !== origin) {
      req.resume();
      return send(res, 403, 'text/plain; charset=utf-8', 'wrong origin');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_EVENT_BODY) chunks.push(chunk);
    });
    // Events of a page served for an earlier run belong to that run's log, which is gone.
    const current = !url.searchParams.has('run') || url.searchParams.get('run') === String(run);
    req.on('end', () => {
      if (size <= MAX_EVENT_BODY && current) {
        try {
          log.addPageEvents(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          // A malformed batch is dropped.
        }
      }
      send(res, 204, 'text/plain; charset=utf-8', '');
    });
  }

  async function servePackageFile(path: string | null, asModule: boolean, res: ServerResponse): Promise<void> {
    const file = path === null ? undefined : index.files.get(path);
    const source: RequestSource = file ? (file.package === MAIN_PACKAGE ? 'package' : 'subpackage') : path !== null && index.subpackages.some((s) => (s.root.endsWith('/') ? path.startsWith(s.root) : path === s.root)) ? 'subpackage' : 'package';
    const bytes = path === null || !file ? null : await readInside(index.outDir, path);
    if (bytes === null) {
      if (path !== null) log.request(path, source, 404);
      return send(res, 404, 'text/plain; charset=utf-8', 'not in the build');
    }
    log.request(path as string, source, 200);
    const type = TYPES[extname(path as string).toLowerCase()] ?? 'application/octet-stream';
    if (asModule && (path as string).endsWith('.js')) {
      let code: string;
      try {
        code = await scripts.script(bytes.toString('utf8'), path as string);
      } catch (error) {
        // A syntax error the transformer found: the page reports it as the platform would, at load.
        code = `throw new SyntaxError(${JSON.stringify(`${path}: ${(error as Error).message.split('\n')[0] ?? 'syntax error'}`)});`;
      }
      return send(res, 200, type, code);
    }
    return send(res, 200, type, bytes);
  }

  async function serveRemoteFile(path: string | null, res: ServerResponse): Promise<void> {
    const bytes = path === null || index.remoteDir === null ? null : await readInside(index.remoteDir, path);
    if (network.latencyMs > 0 || network.bytesPerSecond > 0) {
      const ms = network.latencyMs + (bytes && network.bytesPerSecond > 0 ? (bytes.length / network.bytesPerSecond) * 1000 : 0);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    if (path !== null) log.request(path, 'remote', bytes === null ? 404 : 200);
    if (bytes === null) return send(res, 404, 'text/plain; charset=utf-8', 'not in OUT-res');
    return send(res, 200, TYPES[extname(path as string).toLowerCase()] ?? 'application/octet-stream', bytes);
  }

  server.on('upgrade', (req, socket, head) => net.upgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    get device() {
      return device();
    },
    network,
    get log() {
      return log;
    },
    async refresh() {
      index = await indexBuild(options.outDir, options.platform);
      log.useIndex(index);
    },
    reload(next) {
      index = next;
      log = new SessionLog(index);
      run += 1;
      // The old page's sockets end; its HTTP connections stay (a client may be reusing one right now).
      net.dropSockets();
      return log;
    },
    close: () =>
      new Promise<void>((resolve) => {
        net.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** '/pkg/a%20b/c.png' → 'a b/c.png'; null for anything that climbs out or is not a plain path. */
function decodePath(raw: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  return collapse(path.replace(/^\/+/, ''));
}

/** A file's bytes, only when its real path (links resolved) lies inside `root`. */
async function readInside(root: string, path: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(join(root, path))]);
    if (!isInsideOrSame(realFile, realRoot) || realFile === realRoot) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}
