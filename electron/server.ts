/**
 * Web mode: the studio UI in a browser, for machines with no Electron binary (and for the e2e
 * tests). One loopback-only HTTP server serves the built renderer (dist/renderer) and, on the same
 * port, a WebSocket at /rpc that carries the StudioApi (shared/api.ts envelope, same `dispatch`
 * as Electron IPC). Any web page the user visits can reach 127.0.0.1, so every request is checked:
 * the Host header (DNS rebinding), a random token on the page URL and on the socket URL, and the
 * socket's Origin, which must be this server's own page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocket, WebSocketServer } from 'ws';
import type { RpcEvent, StudioEventName } from '../shared/api.js';
import { StudioError } from './engine/errors.js';
import { defaultUserDataDir } from './engine/preferences.js';
import { handleRequest } from './engine/studio/dispatch.js';
import { PACKAGE_ROOT } from './engine/package-root.js';
import { createStudio, type Studio } from './engine/studio/create-studio.js';
import { openWithOs } from './engine/studio/open-with-os.js';
import { checkHost, checkOrigin, checkWebToken, contentSecurityPolicy, simulatorFrameOrigin, webRequestTarget } from './security.js';

/** Re-exported for the serve command: dist/renderer and resources/ are found from here. */
export { PACKAGE_ROOT };
export const RPC_PATH = '/rpc';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface WebServerOptions {
  /** The project to open; absent: the last project, else the bundled sample game. */
  readonly dir?: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Defaults to MINIGAME_STUDIO_USER_DATA, else the OS user-data folder. */
  readonly userDataDir?: string;
  /** The built renderer; defaults to dist/renderer (`npm run build:web`). */
  readonly rendererDir?: string;
  readonly resourcesDir?: string;
  readonly sampleGameDir?: string;
  readonly locale?: string;
  /** Whether revealOutput opens the folder in the OS file manager (off in tests). */
  readonly openFolders?: boolean;
}

export interface WebServer {
  /** The page to open, with its token: http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly token: string;
  /** http://127.0.0.1:PORT, the only Origin the socket accepts (besides the localhost spelling). */
  readonly origin: string;
  readonly port: number;
  /** The simulator's port: the one frame origin the page allows is http://127.0.0.1:<this>. */
  readonly simulatorPort: number;
  /** The StudioApi behind the socket, for tests that want to look at the engine directly. */
  readonly studio: Studio;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ?? join(PACKAGE_ROOT, 'dist', 'renderer');
  const clients = new Set<WebSocket>();
  const broadcast = (event: StudioEventName, payload: unknown): void => {
    const text = JSON.stringify({ event, payload } satisfies RpcEvent);
    for (const client of clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  };

  // The simulator view is an iframe on the simulator's own origin: its port is fixed for the
  // server's life, so the page's CSP can name exactly that frame origin.
  const simulatorPort = await freePort();
  let port = 0;
  const studio = createStudio({
    userDataDir: options.userDataDir ?? defaultUserDataDir(),
    resourcesDir: options.resourcesDir ?? join(PACKAGE_ROOT, 'resources'),
    sampleGameDir: options.sampleGameDir,
    locale: options.locale,
    emit: broadcast,
    dependencyDirs: [PACKAGE_ROOT],
    openPath: options.openFolders ? openWithOs : undefined,
    simulator: { port: simulatorPort, hostOrigins: () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`] },
  });
  try {
    if (options.dir) await studio.openProject({ dir: options.dir });
    else await studio.getProject({});
  } catch (error) {
    await studio.close();
    throw error;
  }

  // dev: look files up per request, so a renderer rebuilt (or first built) while serving is picked up on reload.
  // No extension or index guessing: webRequestTarget decides which file a path names, and sirv is
  // handed exactly that path.
  const statics = sirv(rendererDir, { dev: true, etag: true, dotfiles: false, extensions: [] });
  const server = createServer((req, res) => handleHttp(req, res));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    if (!checkHost(req.headers.host, port)) return refuse(res, 403, 'This server answers only on 127.0.0.1.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET is served here.');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`], [simulatorFrameOrigin(simulatorPort)]));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The page URL carries the token: never send it on to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = webRequestTarget(url.pathname);
    if (!target) return refuse(res, 404, `Not found: ${url.pathname}`);
    if (target.kind === 'page') {
      if (!checkWebToken(url.searchParams.get('token'), token)) {
        return refuse(res, 403, 'Open the studio with the URL that `minigame-studio serve` printed: it carries the access token.');
      }
      res.setHeader('Cache-Control', 'no-store');
      if (!existsSync(join(rendererDir, 'index.html'))) {
        return refuse(res, 503, `The studio UI is not built (no ${join(rendererDir, 'index.html')}): run \`npm run build:web\`, then reload.`);
      }
    }
    // sirv reads req.url: give it the one path checked above, so it cannot resolve another file.
    const checkedPath = target.kind === 'page' ? '/index.html' : target.path;
    req.url = checkedPath.split('/').map(encodeURIComponent).join('/');
    statics(req, res, () => {
      // Browsers ask for a favicon on their own; answering 204 keeps the console free of a 404.
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      refuse(res, 404, `Not found: ${url.pathname}`);
    });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host;
    const allowed =
      url.pathname === RPC_PATH &&
      checkHost(host, port) &&
      checkOrigin(req.headers.origin, `http://${host}`) &&
      checkWebToken(url.searchParams.get('token'), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data) => {
        let raw: unknown = null;
        try {
          raw = JSON.parse(String(data));
        } catch {
          // handleRequest answers a malformed envelope with BAD_REQUEST.
        }
        void handleRequest(studio, raw).then((response) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(response));
        });
      });
    });
  }

  server.on('upgrade', handleUpgrade);
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    await studio.close();
    throw error;
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    origin,
    port,
    simulatorPort,
    studio,
    async close() {
      for (const client of clients) client.terminate();
      sockets.close();
      const stopped = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await stopped;
      await studio.close();
    },
  };
}

/** A port free now on 127.0.0.1, for the simulator to listen on later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StudioError(`Port ${port} is already in use: choose another with --port, or leave it out to use a free one.`, { code: 'PORT_IN_USE', exitCode: 2 })
          : error,
      );
    });
    // Loopback only: the studio reads and writes the user's files and must not be reachable from the network.
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}
