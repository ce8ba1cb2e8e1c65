/** Timing helpers: medians of repeated runs, and the physical floor measured with the shell's tools. */
import { execFileSync } from 'node:child_process';
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
 */
export function settleDisk(): void {
  execFileSync('sync');
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
