/**
 * The game's own network (request, uploadFile, downloadFile, connectSocket to addresses other than
 * the Remote URL) goes through the simulator server, so the page keeps `connect-src 'self'`: the
 * server judges each address (net-policy.ts), waits the network profile's time, makes the call and
 * logs it as a `network` request with why it passed or was refused.
 *
 * HTTP: the page sends the call to /__sim/net with the target in `x-sim-url`, the kind of call in
 * `x-sim-kind` and the game's headers as JSON in `x-sim-headers` (a custom header, so no other
 * origin can send it without a preflight this server never answers). The answer carries the
 * target's status and headers in `x-sim-status` / `x-sim-headers`; a refusal is a 403 with
 * `{ note, failText }`. Sockets: /__sim/socket?url=… is accepted once the target's socket is open,
 * then frames are passed both ways; a refusal or a failed connection closes with 4403 / 4502.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { netDecision, NET_KINDS, type NetKind, type NetPolicyInput } from './net-policy.js';
import type { NetworkProfile } from './network-profiles.js';
import type { SessionLog } from './session-log.js';

const MAX_BODY = 64 * 1024 * 1024;
/** Headers the proxy sets itself or that belong to one hop only. */
const DROPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'origin', 'referer', 'cookie']);

export const REFUSED_CLOSE = 4403;
export const FAILED_CLOSE = 4502;

export interface NetProxy {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** GET /__sim/judge?kind=socket&url=…: the decision alone (a socket's refusal is logged here). */
  judge(req: IncomingMessage, url: URL, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends the page's sockets (a new run replaces the page), keeping the proxy. */
  dropSockets(): void;
  close(): void;
}

export function profileDelay(network: NetworkProfile, bytes: number): Promise<void> {
  const ms = network.latencyMs + (network.bytesPerSecond > 0 ? (bytes / network.bytesPerSecond) * 1000 : 0);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_BODY ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

function gameHeaders(raw: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(typeof raw === 'string' ? raw : '{}');
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) if (!DROPPED.has(key.toLowerCase()) && value !== undefined && value !== null) out[key] = String(value);
    }
  } catch {
    // Headers that are not JSON are dropped, as a platform drops what it cannot send.
  }
  return out;
}

/** The platform's words for a failed connection, as DevTools prints them. */
function failureText(error: unknown): string {
  const code = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'net::ERR_CONNECTION_REFUSED';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'net::ERR_NAME_NOT_RESOLVED';
  if (code === 'ECONNRESET') return 'net::ERR_CONNECTION_RESET';
  return 'net::ERR_FAILED';
}

export function createNetProxy(policy: () => NetPolicyInput, log: () => SessionLog): NetProxy {
  const sockets = new WebSocketServer({ noServer: true });

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const input = policy();
    if (req.headers.origin !== undefined && req.headers.origin !== input.ownOrigin) {
      req.resume();
      return sendJson(res, 403, { note: 'wrong origin', failText: 'url not in domain list' });
    }
    const target = String(req.headers['x-sim-url'] ?? '');
    const kindHeader = String(req.headers['x-sim-kind'] ?? '');
    const kind: NetKind = (NET_KINDS as readonly string[]).includes(kindHeader) && kindHeader !== 'socket' ? (kindHeader as NetKind) : 'request';
    const decision = netDecision(input, kind, target);
    const body = await readBody(req);
    if (!decision.allowed) {
      log().request(target, 'network', 0, `${kind}: ${decision.note}`);
      return sendJson(res, 403, { note: decision.note, failText: decision.failText });
    }
    if (body === null) return sendJson(res, 413, { note: 'body too large', failText: 'request entity too large' });
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = gameHeaders(req.headers['x-sim-headers']);
    if (req.headers['content-type'] && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = req.headers['content-type'];
    await profileDelay(input.network, body.length);
    let response: Response;
    try {
      response = await fetch(target, { method, headers, body: method === 'GET' || method === 'HEAD' || body.length === 0 ? undefined : new Uint8Array(body), redirect: 'follow' });
    } catch (error) {
      const text = failureText(error);
      log().request(target, 'network', 0, `${kind}: ${decision.note}; ${text}`);
      return sendJson(res, 502, { note: text, failText: text });
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    await profileDelay({ ...input.network, latencyMs: 0 }, bytes.length);
    log().request(target, 'network', response.status, `${kind}: ${decision.note}`);
    const answered: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      answered[key] = value;
    });
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-sim-status': String(response.status),
      'x-sim-headers': encodeURIComponent(JSON.stringify(answered)),
    });
    res.end(bytes);
  }

  function judge(req: IncomingMessage, url: URL, res: ServerResponse): void {
    // Only the page may ask (a refusal is logged): a request from another origin gets nothing.
    if (req.headers.origin !== undefined && req.headers.origin !== policy().ownOrigin) return sendJson(res, 403, { allowed: false });
    const target = url.searchParams.get('url') ?? '';
    const decision = netDecision(policy(), 'socket', target);
    if (!decision.allowed) log().request(target, 'network', 0, `socket: ${decision.note}`);
    sendJson(res, 200, decision);
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const input = policy();
    const url = new URL(req.url ?? '/', input.ownOrigin);
    if (url.pathname !== '/__sim/socket' || req.headers.origin !== input.ownOrigin || req.headers.host !== new URL(input.ownOrigin).host) {
      socket.destroy();
      return;
    }
    const target = url.searchParams.get('url') ?? '';
    const decision = netDecision(input, 'socket', target);
    const closeWith = (code: number, reason: string): void => {
      sockets.handleUpgrade(req, socket, head, (client) => client.close(code, reason.slice(0, 120)));
    };
    if (!decision.allowed) {
      log().request(target, 'network', 0, `socket: ${decision.note}`);
      closeWith(REFUSED_CLOSE, decision.failText ?? 'url not in domain list');
      return;
    }
    const protocols = url.searchParams.getAll('protocol');
    void profileDelay(input.network, 0).then(() => {
      const upstream = new WebSocket(target, protocols.length ? protocols : undefined);
      upstream.once('error', (error) => {
        const text = failureText(error);
        log().request(target, 'network', 0, `socket: ${decision.note}; ${text}`);
        closeWith(FAILED_CLOSE, text);
      });
      upstream.once('open', () => {
        log().request(target, 'network', 101, `socket: ${decision.note}`);
        sockets.handleUpgrade(req, socket, head, (client) => {
          const relay = (to: WebSocket) => (data: RawData, binary: boolean) => {
            if (to.readyState === WebSocket.OPEN) void profileDelay({ ...input.network, latencyMs: input.network.latencyMs / 2 }, 0).then(() => to.send(data, { binary }));
          };
          client.on('message', relay(upstream));
          upstream.on('message', relay(client));
          client.on('close', (code, reason) => upstream.close(code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000, reason));
          upstream.on('close', (code, reason) => client.close(code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000, reason));
          client.on('error', () => upstream.terminate());
          upstream.on('error', () => client.terminate());
        });
      });
    });
  }

  return {
    handle,
    judge,
    upgrade,
    dropSockets: () => {
      for (const client of sockets.clients) client.terminate();
    },
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}
