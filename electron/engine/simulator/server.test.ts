/**
 * The simulator server on its own: it serves the page, the platform and the build's files only,
 * to its own origin only, and logs each file request with where it came from.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_DOMAINS } from './net-policy.js';
import { startSimulatorServer, type SimulatorServer } from './server.js';
import { removeProjects, writeProject } from './test-support/run-cli.js';

afterAll(removeProjects);

/** A raw GET, so the Host header can be anything (fetch would not let a test set it). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function builtOut(): Promise<{ root: string; out: string }> {
  const root = await writeProject({
    'secret.txt': 'not part of the build',
    'out/game.json': JSON.stringify({ subpackages: [{ name: 'stage1', root: 'stage1/' }] }),
    'out/game.js': "import { a } from './a.js';\nconsole.log(a);\n",
    'out/a.js': 'exports.a = 1;\n',
    'out/stage1/game.js': 'module.exports = 2;\n',
  });
  return { root, out: join(root, 'out') };
}

async function withServer(out: string, run: (server: SimulatorServer) => Promise<void>): Promise<void> {
  const server = await startSimulatorServer({ outDir: out, platform: 'wechat' });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe('simulator server', () => {
  it('listens on 127.0.0.1 and serves the page with a policy that keeps it on its own origin', async () => {
    const { out } = await builtOut();
    await withServer(out, async (server) => {
      expect(new URL(server.url).hostname).toBe('127.0.0.1');
      const page = await get(server.url);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/);
      expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(page.body).toContain('/__sim/platform.js');
      const platform = await get(`${server.url}__sim/platform.js`);
      expect(platform.status).toBe(200);
      expect(platform.body).toContain('__simulator');
      expect(platform.headers['cache-control']).toBe('no-store');
      // The page names the bundle by its version, which the browser may keep from one reload to the next.
      const versioned = /src="\/(__sim\/platform\.js\?v=[0-9a-f]+)"/.exec(page.body)?.[1];
      expect(versioned).toBeDefined();
      const kept = await get(`${server.url}${versioned}`);
      expect(kept.headers['cache-control']).toBe('max-age=31536000, immutable');
      expect(kept.body).toBe(platform.body);
    });
  });

  it('compiles ES module syntax to CommonJS for modules, and serves the bytes as built otherwise', async () => {
    const { out } = await builtOut();
    await withServer(out, async (server) => {
      const asModule = await get(`${server.url}pkg/game.js?module`);
      expect(asModule.body).toMatch(/require\(["']\.\/a\.js["']\)/);
      expect(asModule.body).not.toMatch(/^import /m);
      expect((await get(`${server.url}pkg/game.js`)).body).toBe("import { a } from './a.js';\nconsole.log(a);\n");
      expect((await get(`${server.url}pkg/a.js?module`)).body).toBe('exports.a = 1;\n');
    });
  });

  it('serves nothing outside OUT, to no other host, and logs what was asked', async () => {
    const { root, out } = await builtOut();
    await mkdir(join(out, 'links'), { recursive: true });
    await symlink(join(root, 'secret.txt'), join(out, 'links', 'secret.txt'));
    await withServer(out, async (server) => {
      await server.refresh();
      for (const path of ['pkg/../secret.txt', 'pkg/%2e%2e/secret.txt', 'pkg/links/secret.txt', 'secret.txt', 'res/game.js']) {
        const res = await get(`${server.url}${path}`);
        expect(res.status, path).toBe(404);
        expect(res.body).not.toContain('not part of the build');
      }
      const port = new URL(server.url).port;
      expect((await get(`${server.url}pkg/game.js`, { host: `evil.example:${port}` })).status).toBe(421);
      const posted = await fetch(`${server.url}__sim/events`, { method: 'POST', headers: { origin: 'http://localhost:1' }, body: '[]' });
      expect(posted.status).toBe(403);
      await get(`${server.url}pkg/game.js`);
      await get(`${server.url}pkg/stage1/game.js`);
      await get(`${server.url}pkg/shaders/blur.frag`);
      const log = server.log.snapshot();
      expect(log.requests).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'game.js', source: 'package', status: 200 }),
          expect.objectContaining({ path: 'stage1/game.js', source: 'subpackage', status: 200 }),
          expect.objectContaining({ path: 'shaders/blur.frag', source: 'package', status: 404 }),
        ]),
      );
      expect(log.missing.map((m) => m.path)).toContain('shaders/blur.frag');
    });
  });

  it("makes the game's calls only for its own page: another origin gets nothing, and the target never hears of it", async () => {
    const { out } = await builtOut();
    let hits = 0;
    const target = createServer((_req, res) => {
      hits += 1;
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const server = await startSimulatorServer({ outDir: out, platform: 'wechat', domains: { ...NO_DOMAINS, request: [address] } });
    try {
      const call = (headers: Record<string, string>) => fetch(`${server.url}__sim/net`, { method: 'POST', headers: { 'x-sim-url': `${address}/score`, 'x-sim-kind': 'request', ...headers }, body: '{}' });
      const foreign = await call({ origin: 'http://localhost:1' });
      expect(foreign.status).toBe(403);
      expect(hits).toBe(0);
      const own = await call({ origin: new URL(server.url).origin });
      expect([own.status, own.headers.get('x-sim-status'), await own.text()]).toEqual([200, '200', '{"ok":true}']);
      expect(hits).toBe(1);
      const unlisted = await call({ origin: new URL(server.url).origin, 'x-sim-url': 'http://127.0.0.1:9/x' });
      expect(unlisted.status).toBe(403);
      expect(await unlisted.json()).toMatchObject({ failText: 'url not in domain list' });
    } finally {
      await server.close();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('refuses an OUT that is not a build, naming it', async () => {
    const root = await writeProject({ 'readme.txt': 'x' });
    await writeFile(join(root, 'game.js'), '');
    await expect(startSimulatorServer({ outDir: root, platform: 'wechat' })).rejects.toThrow(/game\.json is missing or not JSON: this is not a built mini game/);
  });
});
