import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { RpcRequest } from '../../../shared/api.js';
import { clientFromTransport, StudioCallError } from './client.js';
import { createWsTransport, rpcUrlFor } from './ws-transport.js';

let server: WebSocketServer | null = null;

afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
});

/** A stand-in engine speaking the shared envelope: answers getPreferences, refuses openProject, pushes an event. */
async function fakeEngine(): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((done) => server!.once('listening', () => done()));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as RpcRequest;
      if (request.method === 'openProject') {
        socket.send(JSON.stringify({ id: request.id, ok: false, error: { code: 'DIR_MISSING', message: 'No such folder' } }));
        return;
      }
      socket.send(JSON.stringify({ event: 'tool:log', payload: { line: 'hello', stream: 'stdout' } }));
      socket.send(JSON.stringify({ id: request.id, ok: true, result: { echo: request.params } }));
    });
  });
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/rpc?token=t`;
}

describe('web-mode transport', () => {
  it('builds the socket URL from the page URL and its token', () => {
    expect(rpcUrlFor({ protocol: 'http:', host: '127.0.0.1:5123', search: '?token=a%2Bb%2Fc' })).toBe('ws://127.0.0.1:5123/rpc?token=a%2Bb%2Fc');
  });

  it('answers calls, including those made before the socket opened, and delivers events', async () => {
    const url = await fakeEngine();
    const transport = createWsTransport(url, { WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket });
    const api = clientFromTransport(transport, { mode: 'web', pathForFile: () => null });
    const lines: unknown[] = [];
    api.on('tool:log', (l) => lines.push(l));
    const result = await api.getPreferences({});
    expect(result).toEqual({ echo: {} });
    expect(lines).toEqual([{ line: 'hello', stream: 'stdout' }]);

    const refused = api.openProject({ dir: '/nope' });
    await expect(refused).rejects.toBeInstanceOf(StudioCallError);
    await expect(refused).rejects.toMatchObject({ code: 'DIR_MISSING', message: 'No such folder' });
    transport.close?.();
  });
});
