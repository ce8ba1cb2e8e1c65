/**
 * One play session of a game that loads its remote files at once (a loading burst), then uses each
 * of them, as the pressure tests and the benchmark measure it: requests made, files read back
 * correctly, and the time until every file is usable and until the cache has settled.
 */
import { readFile } from 'node:fs/promises';
import type { FixtureFile } from './load-runtime.js';
import type { Launched, Scenario } from './scenario.js';

export interface SessionFigures {
  /** Requests to the asset server during the session. */
  readonly requests: number;
  /** Files whose bytes were right both when load() resolved and after the session's saves. */
  readonly correct: number;
  readonly files: number;
  /** Logical paths the game could not read, or read wrong. */
  readonly failed: readonly string[];
  /** From the first load() to the last one resolving. */
  readonly usableMs: number;
  /** From the first load() to flush() resolving (every save done, the index written). */
  readonly settledMs: number;
  /** Files in the cache when the session ended. */
  readonly cachedFiles: number;
  readonly cachedBytes: number;
}

async function same(rt: Launched, local: string, body: Buffer): Promise<boolean> {
  try {
    return (await readFile(rt.platform.fs.toReal(local))).equals(body);
  } catch {
    return false;
  }
}

export async function playSession(
  scenario: Scenario,
  files: Readonly<Record<string, FixtureFile>>,
  options: { config?: Record<string, number>; before?: (rt: Launched) => Promise<void> } = {},
): Promise<{ rt: Launched; figures: SessionFigures }> {
  const rt = scenario.launch({ config: options.config });
  await options.before?.(rt);
  const paths = Object.keys(files);
  const requestsBefore = scenario.server.requests();
  const started = performance.now();
  const ok = new Map<string, boolean>();
  // The game uses each file as soon as it has it (and again below, once the saves are done).
  const locals = await Promise.all(paths.map(async (p) => {
    const local = await rt.studio.load(p).catch(() => null);
    ok.set(p, local !== null && (await same(rt, local, Buffer.from(files[p]!.body))));
    return local;
  }));
  const usableMs = performance.now() - started;
  await rt.studio.flush();
  const settledMs = performance.now() - started;
  const failed: string[] = [];
  for (const [i, p] of paths.entries()) {
    const local = locals[i];
    if (!ok.get(p) || !local || !(await same(rt, local, Buffer.from(files[p]!.body)))) failed.push(p);
  }
  const info = rt.studio.cacheInfo();
  return {
    rt,
    figures: {
      requests: scenario.server.requests() - requestsBefore,
      correct: paths.length - failed.length,
      files: paths.length,
      failed,
      usableMs,
      settledMs,
      cachedFiles: info.files,
      cachedBytes: info.bytes,
    },
  };
}
