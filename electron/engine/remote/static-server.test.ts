import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../output/plan-fixture.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A raw request, so the path reaches the server exactly as written (no URL normalisation). */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serving(): Promise<{ server: StaticServer; root: string }> {
  const base = await tempDir();
  const root = join(base, 'wechatgame-res');
  await writeTree(base, { 'secret.txt': 'do not serve', 'wechatgame-res/images/bg.png': 'png', 'wechatgame-res/.hidden': 'x' });
  const server = await startStaticServer(0, '127.0.0.1');
  cleanups.push(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });
  return { server, root };
}

describe('the remote file server', () => {
  it('answers 503 until a build has made the folder, then serves its files', async () => {
    const { server, root } = await serving();
    expect((await get(server.port, '/images/bg.png')).status).toBe(503);
    server.setRoot(root);
    expect(await get(server.port, '/images/bg.png')).toEqual({ status: 200, body: 'png' });
  });

  it('lists no directory', async () => {
    const { server, root } = await serving();
    server.setRoot(root);
    for (const path of ['/', '/images', '/images/']) {
      const res = await get(server.port, path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('bg.png');
    }
  });

  it('serves nothing outside the folder, however the path is written', async () => {
    const { server, root } = await serving();
    server.setRoot(root);
    for (const path of ['/../secret.txt', '/images/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/images/..%2f..%2fsecret.txt', '/.hidden']) {
      const res = await get(server.port, path);
      expect(res.status, path).not.toBe(200);
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('is read-only', async () => {
    const { server, root } = await serving();
    server.setRoot(root);
    for (const method of ['PUT', 'POST', 'DELETE']) expect((await get(server.port, '/images/bg.png', method)).status).toBe(405);
  });
});
