/** Timing helpers: medians of repeated runs, and the physical floor measured with the shell's tools. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function timeRuns(runs: number, run: () => Promise<void>, before?: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Flushes dirty pages to disk, so a timed run doesn't pay for the previous run's 500 MB of
 * writeback (which swung a build's write stage between 1.4 and 3.7 s back to back).
 *
 * `sync` runs in a helper process started once, never forked from this one per run: a fork marks
 * every page of this process copy-on-write, and a build timed inside it (P2-app, with the live
 * project's heap) then pays a page fault for each page it writes to. Measured: ~3,000 more minor
 * faults and ~50 ms more per rebuild after a forked `sync` than after none, none more after the
 * helper's.
 */
export function settleDisk(): Promise<void> {
  const helper = (syncHelper ??= startSyncHelper());
  return new Promise((resolve) => {
    helper.waiting.push(resolve);
    helper.child.ref();
    helper.child.stdin?.write('sync\n');
  });
}

interface SyncHelper {
  readonly child: ChildProcess;
  readonly waiting: (() => void)[];
}
let syncHelper: SyncHelper | null = null;

function startSyncHelper(): SyncHelper {
  const child = spawn('sh', ['-c', 'while read -r _; do sync; echo; done'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const helper: SyncHelper = { child, waiting: [] };
  child.stdout?.on('data', (chunk: Buffer) => {
    for (let n = chunk.toString().split('\n').length - 1; n > 0; n--) helper.waiting.shift()?.();
    if (helper.waiting.length === 0) child.unref();
  });
  child.on('exit', () => {
    // Gone (killed): the runs waiting go on unsettled rather than hang, and the next call starts another.
    if (syncHelper === helper) syncHelper = null;
    for (const resolve of helper.waiting.splice(0)) resolve();
  });
  // Never what keeps the bench alive: its pipes stop counting once nothing waits on them.
  for (const pipe of [child.stdin, child.stdout] as const) (pipe as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return helper;
}

/** `cp -r` of the tree plus `sha1sum` of every file: what any build must at least do. */
export async function floorRuns(runs: number, src: string, dest: string): Promise<number[]> {
  return timeRuns(
    runs,
    async () => {
      execFileSync('bash', ['-c', 'cp -r "$0" "$1" && find "$0" -type f -print0 | xargs -0 sha1sum > /dev/null', src, dest]);
    },
    () => rm(dest, { recursive: true, force: true }),
  );
}
