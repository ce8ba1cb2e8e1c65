/**
 * A read-only HTTP server for OUT-res: GET and HEAD only, no directory listing, nothing outside
 * the folder (sirv resolves every path inside its root). The folder is read on each request, so a
 * rebuild is served at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  readonly server: Server;
  readonly port: number;
  /** Serve this folder from now on (null: answer 503 until a build has made one). */
  setRoot(dir: string | null): void;
  close(): Promise<void>;
}

export async function startStaticServer(port: number, host: string): Promise<StaticServer> {
  let handler: ReturnType<typeof sirv> | null = null;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end('Read-only: GET and HEAD only.\n');
      return;
    }
    if (!handler) {
      res.writeHead(503).end('The remote files are being built; try again in a moment.\n');
      return;
    }
    if (hasDotSegment(req.url ?? '/')) {
      // '..' and dotfiles: never part of a build's remote files (sirv's dev mode would serve dotfiles).
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.\n');
      return;
    }
    res.setHeader('access-control-allow-origin', '*');
    handler(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    setRoot(dir) {
      handler = dir ? sirv(dir, { dev: true, dotfiles: false, etag: true }) : null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hasDotSegment(url: string): boolean {
  let path = url.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    return true;
  }
  return path.split(/[/\\]/).some((segment) => segment.startsWith('.'));
}
