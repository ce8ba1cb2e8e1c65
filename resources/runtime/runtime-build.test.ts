/**
 * The contract with the build (electron/engine): the runtime and manifest it writes into
 * OUT/minigame-studio/, and the files it moves to OUT-res/, work together in a simulated game.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProject } from '../../electron/engine/index.js';
import { createSimulatedPlatform, FAST, loadRuntime, startAssetServer, type AssetServer, type ManifestShape, type SimulatedPlatform } from './test-support/index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, base)));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

const SOURCES: Record<string, Buffer | string> = {
  'game.js': "wx.getSystemInfoSync && console.log('hello');\n",
  'game.json': '{ "deviceOrientation": "portrait" }\n',
  'images/hero.png': randomBytes(3000),
  'audio/theme.mp3': randomBytes(5000),
  'levels/one.json': '{"level":1}',
};

async function buildAndServe(platform: 'wechat' | 'alipay'): Promise<{ server: AssetServer; outDir: string; manifest: ManifestShape; game: string }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'msr-build-'));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  const game = path.join(tmp, 'game');
  for (const [p, body] of Object.entries(SOURCES)) {
    await mkdir(path.dirname(path.join(game, p)), { recursive: true });
    await writeFile(path.join(game, p), body);
  }
  const server = await startAssetServer({});
  cleanups.push(() => server.close());
  const outDir = path.join(tmp, 'out', platform);
  const built = await buildProject(game, { platform, remoteUrl: server.url, outDir, md5Cache: true });
  expect(built.built).toBe(true);
  for (const f of await walk(`${outDir}-res`)) server.set(f, await readFile(path.join(`${outDir}-res`, f)));
  const manifest = createRequire(import.meta.url)(path.join(outDir, 'minigame-studio', 'manifest.js')) as ManifestShape;
  return { server, outDir, manifest, game };
}

describe('the runtime with what the build writes', () => {
  for (const [platform, kind] of [['wechat', 'wx'], ['alipay', 'my']] as const) {
    it(`${platform}: every remote file loads with its source bytes, then comes from the cache`, async () => {
      const { server, outDir, manifest, game } = await buildAndServe(platform);
      const remote = Object.keys(manifest.files).filter((p) => manifest.files[p]!.where === 'remote').sort();
      expect(remote).toEqual(['audio/theme.mp3', 'images/hero.png', 'levels/one.json']);

      const userDataDir = path.join(outDir, '..', 'phone');
      const launch = (): { sim: SimulatedPlatform; studio: ReturnType<typeof loadRuntime>['studio'] } => {
        const sim = createSimulatedPlatform({ kind, packageDir: outDir, userDataDir });
        cleanups.push(() => sim.dispose());
        const rt = loadRuntime({ platform: sim, manifest, runtimePath: path.join(outDir, 'minigame-studio', 'runtime.js'), config: FAST });
        return { sim, studio: rt.studio };
      };
      const first = launch();
      for (const p of remote) {
        const local = await first.studio.load(p);
        expect((await readFile(first.sim.fs.toReal(local))).equals(await readFile(path.join(game, p))), p).toBe(true);
      }
      await first.studio.flush();
      expect(server.requests()).toBe(remote.length);

      const again = launch();
      for (const p of remote) expect(await again.studio.load(p)).toMatch(/minigame-studio-cache\//);
      expect(server.requests()).toBe(remote.length);
      await again.studio.flush();
    });
  }
});
