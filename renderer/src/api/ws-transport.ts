/**
 * Web mode: StudioApi over one WebSocket, with the envelope from shared/api.ts. Calls made
 * before the socket opens wait in a queue; a closed socket rejects what is pending and reconnects,
 * so a restarted `minigame-studio serve` is picked up without a reload.
 */
import type { ApiMethod, RpcEvent, RpcRequest, RpcResponse, StudioEventName } from '../../../shared/api.js';
import { StudioCallError, type Transport, type Unsubscribe } from './client.js';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface WsTransportOptions {
  /** Tells the UI whether the engine is reachable. */
  readonly onStatus?: (status: 'connecting' | 'open' | 'closed') => void;
  readonly reconnectMs?: number;
  /** The WebSocket class; the browser's by default (tests in Node pass the `ws` package's). */
  readonly WebSocketImpl?: typeof WebSocket;
}

/** The /rpc URL for the page this renderer was served from, carrying its ?token=. */
export function rpcUrlFor(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc?token=${encodeURIComponent(token)}`;
}

export function createWsTransport(url: string, options: WsTransportOptions = {}): Transport {
  const pending = new Map<number, Pending>();
  const listeners = new Map<StudioEventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let closed = false;
  const Impl = options.WebSocketImpl ?? WebSocket;

  const connect = (): void => {
    options.onStatus?.('connecting');
    socket = new Impl(url);
    socket.addEventListener('open', () => {
      options.onStatus?.('open');
      for (const message of queue.splice(0)) socket.send(message);
    });
    socket.addEventListener('message', (event) => receive(String(event.data)));
    socket.addEventListener('close', () => {
      options.onStatus?.('closed');
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new StudioCallError('DISCONNECTED', 'The connection to the studio engine closed; it reconnects by itself.'));
      }
      if (!closed) setTimeout(connect, options.reconnectMs ?? 1000);
    });
  };

  const receive = (text: string): void => {
    let message: RpcResponse | RpcEvent;
    try {
      message = JSON.parse(text) as RpcResponse | RpcEvent;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const cb of listeners.get(message.event) ?? []) cb(message.payload);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.ok) p.resolve(message.result);
    else p.reject(new StudioCallError(message.error.code, message.error.message, message.error.field));
  };

  connect();

  return {
    call(method: ApiMethod, params: unknown): Promise<unknown> {
      const request: RpcRequest = { id: nextId++, method, params };
      const text = JSON.stringify(request);
      return new Promise((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        if (socket.readyState === Impl.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, cb): Unsubscribe {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb);
      return () => set.delete(cb);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
