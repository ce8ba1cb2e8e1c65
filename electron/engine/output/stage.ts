/**
 * Copies made while the layout hashes: a build from nothing would otherwise hash every file, then
 * copy every file, one after the other. The copy of a file does not depend on its hash (only its
 * name does), so each source the build will copy is copied into the build's temporary folder
 * (`stage/<n>`) as soon as the build knows it will write, on libuv's threads, while the hash
 * workers read the same files. The writer then renames each staged copy to its name and checks it
 * exactly like a copy made later (output/verify.ts): the check depends only on the source's stat
 * after the copy and the time the copy started, not on when that was. The writer takes each copy
 * as soon as it is made, so its renames and checks run while the later copies are still going
 * (the layout, which hashes on the workers, is done long before the copies on a full build).
 *
 * A staged copy that fails, or that is not used (a file whose bytes the build generates, a layout
 * that turned out otherwise), is left to the normal copy and removed with the temporary folder.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../types.js';
import { sameStamp, type OutputRecord } from './build-cache.js';
import { mapLimit } from './concurrency.js';
import { targetsFor } from '../optimize/targets.js';
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
  /**
   * The staged copy of a source (logical path), once made; undefined when it was not staged, its
   * copy failed or the staging stopped. Taken at most once.
   */
  take(source: string): Promise<StagedCopy | undefined>;
}

/** A staged copy to come: settled once, when its copy is made, fails or will not be made. */
interface Pending {
  readonly copy: Promise<StagedCopy | undefined>;
  settle(copy: StagedCopy | undefined): void;
}

function pending(): Pending {
  let settle: (copy: StagedCopy | undefined) => void = () => undefined;
  const copy = new Promise<StagedCopy | undefined>((resolve) => {
    settle = resolve;
  });
  return { copy, settle };
}

const NOT_STAGED: Promise<undefined> = Promise.resolve(undefined);

type Copy = (src: string, dest: string, mode: number) => Promise<void>;

/**
 * Starts copying every file of the plan that the build will copy from its source and cannot take
 * from the previous output (its source's stat is not the one the build cache recorded).
 */
export function startStaging(plan: Plan, temp: string, previous: readonly OutputRecord[], copy: Copy, signal?: AbortSignal): Stager {
  const recorded = new Map(previous.map((record) => [record.source, record]));
  // An image "optimize" compresses ships its encoded bytes (or, rarely, its source, copied then).
  const compressed = targetsFor(plan.settings.optimize);
  const sources = plan.files.filter((file) => {
    if (!copiedFromSource(file) || compressed(file.path) !== null) return false;
    const record = recorded.get(file.path);
    return !(record && file.ino && sameStamp(record.from, { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino }));
  });
  // Settled by the copies; `take` hands each out once (a copy may be taken before it is made).
  const staged = new Map(sources.map((file) => [file.path, pending()]));
  const untaken = new Map(staged);
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
          staged.get(file.path)?.settle({ path, startedAt });
        } catch {
          // The writer copies it again, and names the error if there is one.
          staged.get(file.path)?.settle(undefined);
        }
      },
      signal,
    );
  })()
    .catch(() => undefined)
    // A copy never started (a cancel, a failed mkdir) is the writer's to make.
    .finally(() => {
      for (const copy of staged.values()) copy.settle(undefined);
    });
  return {
    done,
    take(source) {
      const copy = untaken.get(source);
      if (!copy) return NOT_STAGED;
      untaken.delete(source);
      return copy.copy;
    },
  };
}
