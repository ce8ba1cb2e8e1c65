/**
 * The lstat of every file the previous build wrote in OUT and OUT-res, for the update in place's
 * check that each is still as the build wrote it (in-place.ts). Taken on a worker thread
 * (stat-worker.ts) so that it runs on another core while the main thread works.
 *
 * The app's build starts it at once, before it holds the lock, from the build cache and ownership
 * record this process last wrote or read (the paths to stat). The answer is used only when the
 * cache and the record read under the lock are those very ones (unchanged on disk: no other build
 * has committed or been rolled forward since), so the stats are of the OUT that the decision is
 * about. A stat that is stale can only be of a file that changed since: it differs from the stat
 * the build wrote and the file is written again, never kept by mistake. Else the build stats on
 * its main thread, under the lock.
 */
import type { BuildCache, FileStamp, OutputRecord } from './build-cache.js';
import { rememberedBuildCache } from './build-cache.js';
import type { Locations } from './locations.js';
import { rememberedOwner, type OwnerRecord } from './owner.js';
import { joinedOnce } from '../paths.js';
import { statOutputStamps } from '../stat-worker.js';

/** The stat of a previous build's file as taken (null: missing, or not a regular file; undefined: not taken, stat it now). */
export type OutStatOf = (record: OutputRecord) => FileStamp | null | undefined;
export type OutStats = Promise<OutStatOf | null>;

/** Stats taken before the lock, with the records they were taken against. */
export interface EarlyOutStats {
  readonly cache: BuildCache;
  readonly owner: OwnerRecord;
  readonly stats: OutStats;
}

const outPaths = joinedOnce<OutputRecord>();
const resPaths = joinedOnce<OutputRecord>();

/** Per records array (the app's builds share one while OUT is unchanged): each record's file by absolute path, and each record's place. */
const madeFor = new WeakMap<readonly OutputRecord[], { readonly out: string; readonly res: string; readonly paths: readonly string[]; readonly index: ReadonlyMap<OutputRecord, number> }>();

function pathsFor(outputs: readonly OutputRecord[], locations: Pick<Locations, 'out' | 'res'>): { readonly paths: readonly string[]; readonly index: ReadonlyMap<OutputRecord, number> } {
  const known = madeFor.get(outputs);
  if (known && known.out === locations.out && known.res === locations.res) return known;
  const made = {
    out: locations.out,
    res: locations.res,
    paths: outputs.map((record) => (record.remote ? resPaths(locations.res, record, record.out) : outPaths(locations.out, record, record.out))),
    index: new Map(outputs.map((record, i) => [record, i])),
  };
  madeFor.set(outputs, made);
  return made;
}

/**
 * Starts the stats of the previous build's files as the cache lists them; answered by record, read
 * straight from the worker's array (no object or key string made per file).
 */
export function statPreviousOutputs(cache: BuildCache, locations: Pick<Locations, 'out' | 'res'>): OutStats {
  const { paths, index } = pathsFor(cache.outputs, locations);
  return statOutputStamps(paths).then((stamps) => {
    if (!stamps) return null;
    return (record) => {
      const i = index.get(record);
      if (i === undefined) return undefined;
      const size = stamps[3 * i] as number;
      return size < 0 ? null : { size, mtimeMs: stamps[3 * i + 1] as number, ino: stamps[3 * i + 2] as number };
    };
  });
}

/** Starts them before the lock, from what this process remembers (null: it remembers nothing to go by). */
export function statRememberedOutputs(sourceDir: string, locations: Locations): EarlyOutStats | null {
  const cache = rememberedBuildCache(sourceDir, locations.out);
  const owner = rememberedOwner(locations.owner);
  if (!cache || !owner) return null;
  return { cache, owner, stats: statPreviousOutputs(cache, locations) };
}

/** The early stats, when the records read under the lock are the ones they were taken against. */
export function earlyStatsFor(early: EarlyOutStats | null | undefined, cache: BuildCache | null, owner: OwnerRecord | null): OutStats | null {
  return early && cache !== null && early.cache === cache && early.owner === owner ? early.stats : null;
}
