/**
 * One game on one phone: an asset server holding the build's remote files, a user-data folder that
 * survives relaunches, and `launch()` to start the runtime afresh (a new session) over it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAssetServer, type AssetServer } from './asset-server.js';
import { loadRuntime, makeManifest, type FixtureFile, type LoadedRuntime, type ManifestShape } from './load-runtime.js';
import { createSimulatedPlatform, type PlatformKind, type SimulatedPlatform, type SimulatedPlatformOptions } from './simulated-platform.js';

/** Short delays so retries and index writes do not slow the tests; nothing asserts on time. */
export const FAST = { retryDelayMs: 5, indexDelayMs: 5 } as const;

export interface ScenarioOptions {
  readonly kind: PlatformKind;
  readonly files: Readonly<Record<string, FixtureFile>>;
  readonly quotaBytes?: number;
  readonly md5Names?: boolean;
  readonly subpackages?: ManifestShape['subpackages'];
  readonly platform?: Omit<SimulatedPlatformOptions, 'kind' | 'userDataDir' | 'quotaBytes'>;
}

export interface Launched extends LoadedRuntime {
  readonly platform: SimulatedPlatform;
}

export interface Scenario {
  readonly server: AssetServer;
  readonly manifest: ManifestShape;
  readonly userDataDir: string;
  /** The code package (OUT): files the manifest places in a package are written here. */
  readonly packageDir: string;
  /** Where the runtime keeps its cache, as a real folder. */
  readonly cacheDir: string;
  launch(options?: { manifest?: ManifestShape; config?: Record<string, number>; globals?: Record<string, unknown> }): Launched;
  /** A new build of the same game: new manifest, its files added to the server. */
  rebuild(files: Readonly<Record<string, FixtureFile>>): ManifestShape;
  dispose(): Promise<void>;
}

export async function createScenario(options: ScenarioOptions): Promise<Scenario> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'msr-usr-'));
  const packageDir = await mkdtemp(path.join(os.tmpdir(), 'msr-pkg-'));
  const server = await startAssetServer({});
  const platformName = options.kind === 'my' ? 'alipay' : 'wechat';
  const build = (files: Readonly<Record<string, FixtureFile>>): ManifestShape => {
    const { manifest, served } = makeManifest(files, server.url, { platform: platformName, md5Names: options.md5Names, subpackages: options.subpackages });
    for (const [p, body] of Object.entries(served)) server.set(p, body);
    return manifest;
  };
  const manifest = build(options.files);
  for (const [logical, f] of Object.entries(options.files)) {
    const out = manifest.files[logical]?.out;
    if (!out || (f.where ?? 'remote') === 'remote') continue;
    await mkdir(path.dirname(path.join(packageDir, out)), { recursive: true });
    await writeFile(path.join(packageDir, out), f.body);
  }
  const launched: SimulatedPlatform[] = [];
  const runtimes: LoadedRuntime[] = [];
  return {
    server, manifest, userDataDir, packageDir,
    cacheDir: path.join(userDataDir, 'minigame-studio-cache'),
    launch(o = {}) {
      const platform = createSimulatedPlatform({ ...options.platform, kind: options.kind, userDataDir, packageDir, quotaBytes: options.quotaBytes });
      launched.push(platform);
      const rt = loadRuntime({ platform, manifest: o.manifest ?? manifest, config: { ...FAST, ...o.config }, globals: o.globals });
      runtimes.push(rt);
      return { ...rt, platform };
    },
    rebuild: build,
    async dispose() {
      await server.close();
      // Let background saves and index writes finish before the folders go.
      await Promise.all(runtimes.map((rt) => rt.studio.flush().catch(() => {})));
      for (const rt of runtimes) rt.stop();
      await Promise.all(launched.map((p) => p.dispose()));
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      await rm(packageDir, { recursive: true, force: true });
    },
  };
}
