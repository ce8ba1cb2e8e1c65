/**
 * Copies made while the layout hashes: a build from nothing would otherwise hash every file, then
 * copy every file, one after the other. The copy of a file does not depend on its hash (only its
 * name does), so each source the build will copy is copied into the build's temporary folder
 * (`stage/<n>`) as soon as the build knows it will write, on libuv's threads, while the hash
 * workers read the same files. The writer then renames each staged copy to its name and checks it
 * exactly like a copy made later (output/verify.ts): the check depends only on the source's stat
 * after the copy and the time the copy started, not on when that was.
 *
 * A staged copy that fails, or that is not used (a file whose bytes the build generates, a layout
 * that turned out otherwise), is left to the normal copy and removed with the temporary folder.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../types.js';
import { sameStamp, type OutputRecord } from './build-cache.js';
import { mapLimit } from './concurrency.js';
import { copiedFromSource } from './layout.js';
import { COPY_MODE } from './write-one.js';

/** Copies at once: enough to keep the disk busy beside the hashing, within libuv's 4 threads. */
const STAGE_CONCURRENCY = 8;

export interface StagedCopy {
  readonly path: string;
  /** Date.now() taken before the copy began (for the racy-window check). */
  readonly startedAt: number;
}

export interface Stager {
  /** Settles when every staged copy has finished or failed (never rejects). */
  readonly done: Promise<void>;
  /** The staged copy of a source (logical path), once done; taken at most once. */
  take(source: string): StagedCopy | undefined;
}

type Copy = (src: string, dest: string, mode: number) => Promise<void>;

/**
 * Starts copying every file of the plan that the build will copy from its source and cannot take
 * from the previous output (its source's stat is not the one the build cache recorded).
 */
export function startStaging(plan: Plan, temp: string, previous: readonly OutputRecord[], copy: Copy, signal?: AbortSignal): Stager {
  const recorded = new Map(previous.map((record) => [record.source, record]));
  const sources = plan.files.filter((file) => {
    if (!copiedFromSource(file)) return false;
    const record = recorded.get(file.path);
    return !(record && file.ino && sameStamp(record.from, { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino }));
  });
  const staged = new Map<string, StagedCopy>();
  const dir = join(temp, 'stage');
  const done = (async () => {
    if (sources.length === 0) return;
    await mkdir(dir);
    await mapLimit(
      sources,
      STAGE_CONCURRENCY,
      async (file, index) => {
        const path = join(dir, String(index));
        const startedAt = Date.now();
        try {
          await copy(join(plan.settings.sourceDir, file.path), path, COPY_MODE);
          staged.set(file.path, { path, startedAt });
        } catch {
          // The writer copies it again, and names the error if there is one.
        }
      },
      signal,
    );
  })().catch(() => undefined);
  return {
    done,
    take(source) {
      const copy = staged.get(source);
      staged.delete(source);
      return copy;
    },
  };
}
