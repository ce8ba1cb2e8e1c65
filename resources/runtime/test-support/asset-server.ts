/**
 * A loopback HTTP server standing in for the Remote URL (what OUT-res/ is uploaded to). It counts
 * requests and can misbehave per path: an error status, a slow or held answer, a truncated body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { readonly kind: 'ok' }
  | { readonly kind: 'status'; readonly status: number }
  /** Waits this long before answering. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Waits until `release()` is called (for tests that must not depend on timing). */
  | { readonly kind: 'held'; readonly until: Promise<void> }
  /** Announces the full Content-Length, sends `bytes` of it, then closes the connection. */
  | { readonly kind: 'cut'; readonly bytes: number }
  /** A complete, valid answer whose body is shorter than the real file (a stale or broken upload). */
  | { readonly kind: 'short'; readonly bytes: number }
  /** A complete answer of the right length whose bytes differ (a broken proxy, a bad upload). */
  | { readonly kind: 'corrupt' };

export interface AssetServer {
  /** With a trailing slash, as a manifest's remoteUrl. */
  readonly url: string;
  /** Requests received, for one path (as under the URL) or in all. */
  requests(path?: string): number;
  /** Sets how a path (or every path, with '*') is answered from now on; `times` limits it to the next N requests. */
  behave(path: string, behaviour: Behaviour, times?: number): void;
  set(path: string, body: Buffer | string): void;
  /** The most requests that were open at one time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export async function startAssetServer(files: Readonly<Record<string, Buffer | string>>): Promise<AssetServer> {
  const bodies = new Map<string, Buffer>();
  for (const [p, b] of Object.entries(files)) bodies.set(p, Buffer.from(b));
  const counts = new Map<string, number>();
  const rules = new Map<string, { behaviour: Behaviour; left: number }>();
  let inFlight = 0;
  let maxInFlight = 0;

  function ruleFor(p: string): Behaviour {
    for (const key of [p, '*']) {
      const r = rules.get(key);
      if (!r) continue;
      if (r.left !== Infinity && --r.left <= 0) rules.delete(key);
      return r.behaviour;
    }
    return { kind: 'ok' };
  }

  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    counts.set(p, (counts.get(p) ?? 0) + 1);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    res.on('close', () => { inFlight--; });
    const body = bodies.get(p);
    const b = ruleFor(p);
    const send = (): void => {
      if (b.kind === 'status' || !body) {
        res.writeHead(b.kind === 'status' ? b.status : 404, { 'Content-Type': 'text/plain' });
        res.end('not served');
        return;
      }
      if (b.kind === 'cut') {
        res.writeHead(200, { 'Content-Length': body.length });
        res.write(body.subarray(0, b.bytes), () => res.destroy());
        return;
      }
      const sent = b.kind === 'short' ? body.subarray(0, b.bytes) : b.kind === 'corrupt' ? Buffer.from(body.map((x) => x ^ 0xff)) : body;
      res.writeHead(200, { 'Content-Length': sent.length, 'Content-Type': 'application/octet-stream' });
      res.end(sent);
    };
    if (b.kind === 'slow') setTimeout(send, b.delayMs);
    else if (b.kind === 'held') void b.until.then(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests: (p) => (p === undefined ? [...counts.values()].reduce((a, n) => a + n, 0) : counts.get(p) ?? 0),
    behave: (p, behaviour, times) => { rules.set(p, { behaviour, left: times ?? Infinity }); },
    set: (p, body) => { bodies.set(p, Buffer.from(body)); },
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
