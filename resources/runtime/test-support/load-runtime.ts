/**
 * Loads the real runtime.js into a Node `vm` context whose globals are a simulated platform, the
 * way a mini game's base library runs it: `wx`/`my`, GameGlobal, timers, and a `require` that
 * answers './manifest.js' with the manifest the test wrote.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { ManifestEntry, Manifest } from '../../../shared/manifest.js';
import type { SimulatedPlatform } from './simulated-platform.js';

/** The runtime under test; MINIGAME_STUDIO_RUNTIME (also read by the build) points at another copy. */
export const RUNTIME_PATH = process.env.MINIGAME_STUDIO_RUNTIME ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'runtime.js');

/** The manifest the build writes (the shared contract). */
export type ManifestShape = Manifest;

/** The public API of the runtime, as the game sees it. */
export interface RuntimeApi {
  resolve(path: string): string;
  load(path: string): Promise<string>;
  loadSubpackage(name: string, onProgress?: (res: { progress: number; totalBytesWritten: number; totalBytesExpectedToWrite: number }) => void): Promise<void>;
  cleanAllCaches(): Promise<void>;
  cleanOldCaches(): Promise<number>;
  cacheInfo(): { files: number; bytes: number; limitBytes: number };
  flush(): Promise<void>;
  configure(options: Record<string, number>): RuntimeApi;
}

export interface LoadedRuntime {
  readonly studio: RuntimeApi;
  readonly context: vm.Context;
  /** Paths the runtime passed to `require` other than the manifest. */
  readonly required: string[];
  /** Clears the runtime's pending timers (an index write it would make later): the game is over. */
  stop(): void;
}

export interface LoadRuntimeOptions {
  readonly platform: SimulatedPlatform;
  readonly manifest: ManifestShape;
  /** Extra globals (e.g. an adapter's `Image`). */
  readonly globals?: Readonly<Record<string, unknown>>;
  /** Applied with `configure` right after loading (e.g. short retry delays). */
  readonly config?: Readonly<Record<string, number>>;
  readonly runtimePath?: string;
}

export function loadRuntime(options: LoadRuntimeOptions): LoadedRuntime {
  const required: string[] = [];
  // The runtime's timers, so a harness that is done with it can end them, as a phone does when the
  // game is closed (a pending index write would otherwise keep the process alive).
  const pending = new Set<NodeJS.Timeout>();
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout: (run: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer: NodeJS.Timeout = setTimeout(() => {
        pending.delete(timer);
        run(...args);
      }, ms);
      pending.add(timer);
      return timer;
    },
    clearTimeout: (timer: NodeJS.Timeout | undefined) => {
      if (timer === undefined) return;
      pending.delete(timer);
      clearTimeout(timer);
    },
    require: (p: string) => {
      if (p === './manifest.js') return JSON.parse(JSON.stringify(options.manifest));
      required.push(p);
      return {};
    },
    ...options.globals,
  };
  sandbox[options.platform.kind] = options.platform.api;
  sandbox.GameGlobal = sandbox;
  const context = vm.createContext(sandbox);
  const file = options.runtimePath ?? RUNTIME_PATH;
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  const studio = context.minigameStudio as RuntimeApi;
  if (options.config) studio.configure({ ...options.config });
  const stop = (): void => {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
  };
  return { studio, context, required, stop };
}

/** The manifest's content hash: the first 20 hex digits of sha1 (shared/manifest.ts). */
export function contentHash(body: Buffer | string): string {
  return createHash('sha1').update(body).digest('hex').slice(0, 20);
}

export interface FixtureFile {
  readonly body: Buffer | string;
  /** 'remote' (default), '__GAME__' or a subpackage name. */
  readonly where?: string;
}

/**
 * A manifest as the build writes it, for files that live on `remoteUrl` (with MD5 names, like
 * `images/a.<10 hex>.png`), plus the bodies the asset server should hold under those names.
 */
export function makeManifest(
  files: Readonly<Record<string, FixtureFile>>,
  remoteUrl: string,
  extra: { platform?: 'wechat' | 'alipay'; subpackages?: ManifestShape['subpackages']; md5Names?: boolean } = {},
): { manifest: ManifestShape; served: Record<string, Buffer> } {
  const served: Record<string, Buffer> = {};
  const entries: Record<string, ManifestEntry> = {};
  for (const [logical, f] of Object.entries(files)) {
    const body = Buffer.from(f.body);
    const hash = contentHash(body);
    const ext = path.posix.extname(logical);
    const out = extra.md5Names === false ? logical : `${logical.slice(0, logical.length - ext.length)}.${hash.slice(0, 10)}${ext}`;
    const where = f.where ?? 'remote';
    entries[logical] = { out, hash, size: body.length, where };
    if (where === 'remote') served[out] = body;
  }
  return {
    manifest: { version: 1, platform: extra.platform ?? 'wechat', remoteUrl, subpackages: extra.subpackages ?? {}, files: entries },
    served,
  };
}
