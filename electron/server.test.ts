import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ProjectState, RpcEvent, RpcResponse } from '../shared/api.js';
import { makeWorkspace, type Workspace } from './engine/studio/test-helpers.js';
import { startWebServer, type WebServer } from './server.js';

let work: Workspace;
let server: WebServer;

beforeEach(async () => {
  work = await makeWorkspace();
  const rendererDir = join(work.root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Minigame Studio</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("studio")');
  server = await startWebServer({ dir: work.project, port: 0, userDataDir: work.userData, rendererDir, locale: 'en' });
});
afterEach(async () => {
  await server.close();
  await work.dispose();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status the server refused it with. */
function openSocket(query: string, origin: string | null = server.origin): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function rpc(ws: WebSocket, id: number, method: string, params: unknown): Promise<RpcResponse> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const message = JSON.parse(String(data)) as RpcResponse | RpcEvent;
      if ('id' in message && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

function nextEvent(ws: WebSocket, test: (event: RpcEvent) => boolean): Promise<RpcEvent> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const message = JSON.parse(String(data)) as RpcResponse | RpcEvent;
      if ('event' in message && test(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('web mode server', () => {
  it('listens on the loopback address only', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`));
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect(server.port, external.address);
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('serves the page only with the token, with a strict CSP and no referrer', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Minigame Studio');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // The simulator view's frame: exactly the simulator's own origin, never the studio's or a wider one.
    expect(page.headers['content-security-policy']).toContain(`frame-src http://127.0.0.1:${server.simulatorPort};`);
    expect(server.simulatorPort).not.toBe(server.port);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('serves the page under no other spelling of its path without the token', async () => {
    const spellings = ['/index', '/index/', '/index.html/', '/%69ndex.html', '/INDEX.HTML', '/index.htm', '//index.html', '/./index.html', '/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/..%2findex.html', '/%2findex.html'];
    for (const path of spellings) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
      expect(response.body, path).not.toContain('Minigame Studio');
    }
    // With the token, the page is served; the files it loads need none.
    expect((await get(`/%69ndex.html?token=${server.token}`)).body).toContain('Minigame Studio');
    await writeFile(join(work.root, 'renderer', 'assets', '中文 logo.svg'), '<svg/>');
    expect((await get('/assets/%E4%B8%AD%E6%96%87%20logo.svg')).status).toBe(200);
    expect((await get('/assets/app.js/')).status).toBe(404);
  });

  it('serves nothing outside the renderer folder', async () => {
    await writeFile(join(work.root, 'secret.txt'), 'TOP-SECRET-CONTENT');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
      expect(response.body, path).not.toContain('TOP-SECRET-CONTENT');
    }
  });

  it('refuses a request whose Host is not the loopback address (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses a socket without the token, with a wrong one, or from another origin', async () => {
    expect(await openSocket('')).toBe(403);
    expect(await openSocket('?token=nope')).toBe(403);
    expect(await openSocket(`?token=${server.token}`, 'https://evil.example')).toBe(403);
    expect(await openSocket(`?token=${server.token}`, null)).toBe(403);
  });

  it('round-trips a call, validates params, and pushes live events', async () => {
    const ws = await openSocket(`?token=${server.token}`);
    if (typeof ws === 'number') throw new Error(`socket refused: ${ws}`);
    try {
      const got = await rpc(ws, 1, 'getProject', {});
      expect(got).toMatchObject({ id: 1, ok: true });
      expect((got as { result: ProjectState }).result.dir).toBe(work.project);

      expect(await rpc(ws, 2, 'openProject', { dir: 7 })).toMatchObject({ id: 2, ok: false, error: { code: 'INVALID_PARAMS', field: 'dir' } });
      expect(await rpc(ws, 3, 'rm -rf', {})).toMatchObject({ id: 3, ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await rpc(ws, 4, 'updateProject', { patch: { remoteUrl: 'not a url' } })).toMatchObject({
        ok: false,
        error: { code: 'REMOTE_URL_INVALID', field: 'remoteUrl' },
      });

      const live = nextEvent(ws, (e) => e.event === 'project:changed' && (e.payload as ProjectState).tree.some((f) => f.path === 'notes.psd'));
      await writeFile(join(work.project, 'notes.psd'), 'hello');
      const event = await live;
      expect((event.payload as ProjectState).tree.find((f) => f.path === 'notes.psd')?.status).toBe('not-whitelisted');
    } finally {
      ws.close();
    }
  });
});
