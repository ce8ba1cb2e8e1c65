/**
 * The build cache a build leaves for the next one (build-cache.ts): what OUT now holds, and the
 * hashes of the plan's files as they are, no others, so the cache never grows with files long gone.
 */
import { sep } from 'node:path';
import type { HashCache, HashRecord } from '../hash-cache.js';
import { joinClean } from '../paths.js';
import type { Plan } from '../types.js';
import { sameStamp, writeBuildCache, type BuildCache, type FileStamp, type OutputRecord } from './build-cache.js';
import { plannedStamps } from './reuse.js';

/** Never fails: only a cache. */
export function saveBuildCache(plan: Plan, outputs: readonly OutputRecord[], hashes: HashCache | undefined, previous: BuildCache | null): Promise<void> {
  const kept = keptHashes(plan, hashes?.snapshot() ?? previous?.hashes ?? []);
  return writeBuildCache(plan.settings.sourceDir, plan.settings.outDir, { hashes: kept, outputs });
}

function keptHashes(plan: Plan, records: readonly HashRecord[]): HashRecord[] {
  const stampOf = plannedStamps(plan);
  const root = plan.settings.sourceDir;
  const prefix = sep === '/' ? (root.endsWith('/') ? root : `${root}/`) : null;
  // By absolute path only where one can't be cut to the logical path (Windows' separators).
  let byPath: Map<string, FileStamp | undefined> | null = null;
  const planned = (path: string): FileStamp | undefined => {
    if (prefix) return path.startsWith(prefix) ? stampOf(path.slice(prefix.length)) : undefined;
    byPath ??= new Map(plan.files.map((file) => [joinClean(root, file.path), stampOf(file.path)]));
    return byPath.get(path);
  };
  return records.filter((record) => {
    const file = planned(record.path);
    return file !== undefined && sameStamp(record, file);
  });
}
