/**
 * A rebuild that touches only what changed: OUT and OUT-res are updated in place instead of being
 * replaced by a whole new tree of hard links (which cost one link and one unlink per file, ~1 s
 * for 5,000 files). Design and failure analysis: docs/WHAT-THE-STUDIO-WRITES.md, "Updating in place".
 *
 * 1. Decide (nothing written yet): every output file is kept when the build cache says it is a
 *    copy of its source at the stat the scan saw, or a compressed image's encoded bytes that the
 *    layout ships again (the same sha1 under the same name), and the file in OUT still has the
 *    stat the build wrote (one lstat, taken on a worker while the build lays out: stat-worker.ts);
 *    everything else is written. Files of the previous build that this one does not write are
 *    removed. Anything unexpected (a path the new build writes held by something the studio did
 *    not write, a folder where a file was) means "not in place": the build replaces OUT whole,
 *    with that path's own rules (OUTPUT_CONFLICT, carrying).
 *    While those lstats are still being taken, the build decides as if every such file were as
 *    written and starts writing; once they are in, each kept file is checked (allAsWritten), and
 *    one that is not (edited by hand) makes it decide again from the stats, writing into
 *    `new-checked/` instead.
 * 2. Write the new and changed files into the build's temporary folder (`new/<n>`), each checked
 *    like any copy, and the report.
 * 3. Journal the renames: each replaced or removed file moves to `old/<n>` in the temporary
 *    folder, each new one from `new/<n>` to its place, then the report. Only then rename.
 *    A failure puts everything back; a kill is rolled forward by the next build (journal.ts).
 * 4. Commit: the ownership record, folders emptied by removals, the journal, then the temporary
 *    folder with the previous versions.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OutputFile, Plan } from '../types.js';
import { joinClean } from '../paths.js';
import { sameStamp, type FileStamp, type OutputRecord } from './build-cache.js';
import type { Ownership } from './guards.js';
import { runJournalled, stepOf, type Rename, type Step } from './journal.js';
import type { Locations } from './locations.js';
import type { OutStatOf } from './out-stats.js';
import { ownerRecord } from './owner.js';
import { lstatOrNull, ownershipIdOf } from './real-paths.js';
import { sourceStamps } from './reuse.js';
import { sourcePathOf } from './write-one.js';
import type { CopyVerifier } from './verify.js';

export interface InPlaceUpdate {
  /** Records of the files kept as they are. */
  readonly kept: readonly OutputRecord[];
  /** Files to write, with where each goes. */
  readonly write: readonly { readonly file: OutputFile; readonly final: string }[];
  /** Files of the previous build to take out (absolute). */
  readonly remove: readonly string[];
  /** Folders the new files need that do not exist yet, parents first. */
  readonly newFolders: readonly string[];
}

type Recorded = NonNullable<Ownership['recorded']>;

/**
 * What an update in place would do, or null when the build must replace OUT whole. Reads only
 * stats: one per kept file (taken on a worker while the build laid out, when given), one lstat per
 * written or removed one.
 */
export function planInPlace(
  plan: Plan,
  files: readonly OutputFile[],
  hasRemote: boolean,
  locations: Locations,
  recorded: Recorded | null,
  previous: readonly OutputRecord[] | undefined,
  verifier: CopyVerifier,
  /** Stats of the previous build's files taken earlier in this build (output/out-stats.ts), by record; others are stat'ed here. */
  outStats?: OutStatOf,
): InPlaceUpdate | null {
  if (!recorded || !previous || recorded.hasRes !== hasRemote) return null;
  const sources = sourceStamps(plan);
  // Two maps, not one keyed by `remote:out`: no key string made per file.
  const byOut = { out: new Map<string, OutputRecord>(), res: new Map<string, OutputRecord>() };
  for (const record of previous) (record.remote ? byOut.res : byOut.out).set(record.out, record);
  const wanted = { out: new Set<string>(), res: new Set<string>() };
  const kept: OutputRecord[] = [];
  const write: { file: OutputFile; final: string }[] = [];

  const finalOf = (file: OutputFile): string => joinClean(file.remote ? locations.res : locations.out, file.out);
  /** The file in OUT still has the stat the build wrote. */
  const asWritten = (file: OutputFile, record: OutputRecord): boolean => {
    const taken = outStats?.(record);
    const on = taken === undefined ? statOrNull(finalOf(file)) : taken;
    return on !== null && sameStamp(on, record.written);
  };
  for (const file of files) {
    (file.remote ? wanted.res : wanted.out).add(file.out);
    const record = file.source !== null ? (file.remote ? byOut.res : byOut.out).get(file.out) : undefined;
    if (record && file.encoded && record.hash === file.encoded.hash && record.source === file.source && asWritten(file, record)) {
      kept.push(record);
      continue;
    }
    const now = file.source === null ? undefined : sources.get(file.source);
    const copied = file.content === null && !file.encoded && record?.hash === undefined;
    if (copied && record && now && record.source === file.source && sameStamp(record.from, now) && verifier.mayLink(file, sourcePathOf(plan.settings, file)) && asWritten(file, record)) {
      kept.push(record);
      continue;
    }
    write.push({ file, final: finalOf(file) });
  }

  // Never through a link: every folder between OUT (or OUT-res) and a path written or removed must
  // be a real folder, or missing (then made). A user's link there sends the build the whole way.
  const folders = new Map<string, 'folder' | 'missing' | 'other'>();
  const folderOf = (dir: string): 'folder' | 'missing' | 'other' => {
    let kind = folders.get(dir);
    if (kind === undefined) {
      const stats = lstatOrNullSync(dir);
      kind = !stats ? 'missing' : stats.isDirectory() ? 'folder' : 'other';
      folders.set(dir, kind);
    }
    return kind;
  };
  const newFolders = new Set<string>();
  /** False when a folder on the way is not a real folder; with `make`, records the missing ones to make. */
  const realWay = (path: string, root: string, make: boolean): boolean => {
    for (let dir = dirname(path); dir !== root; dir = dirname(dir)) {
      if (dir.length <= root.length) return false;
      const kind = folderOf(dir);
      if (kind === 'other') return false;
      if (kind === 'missing' && make) newFolders.add(dir);
    }
    return true;
  };

  const remove: string[] = [];
  for (const [ours, root, still] of [
    [recorded.outFiles, locations.out, wanted.out],
    [recorded.resFiles, locations.res, wanted.res],
  ] as const) {
    for (const path of ours) {
      if (still.has(path)) continue;
      const at = join(root, path);
      if (!realWay(at, root, false)) return null;
      const stats = lstatOrNullSync(at);
      if (stats?.isDirectory()) return null;
      if (stats) remove.push(at);
    }
  }

  for (const { file, final } of write) {
    const root = file.remote ? locations.res : locations.out;
    if (!realWay(final, root, true)) return null;
    const stats = lstatOrNullSync(final);
    // Something at a new path that the studio did not write there: the whole build's rules decide.
    if (stats && (stats.isDirectory() || !(file.remote ? recorded.resFiles : recorded.outFiles).has(file.out))) return null;
  }
  return { kept, write, remove, newFolders: [...newFolders].sort((a, b) => a.length - b.length) };
}

/** Every kept file is still as the build wrote it, by the stats taken (each one not taken is stat'ed here). */
export function allAsWritten(kept: readonly OutputRecord[], locations: Locations, outStats: OutStatOf | undefined): boolean {
  return kept.every((record) => {
    const taken = outStats?.(record);
    const on = taken === undefined ? statOrNull(joinClean(record.remote ? locations.res : locations.out, record.out)) : taken;
    return on !== null && sameStamp(on, record.written);
  });
}

export interface InPlaceFresh {
  readonly temp: string;
  /** Where each written file's new bytes are, in the order of `update.write`. */
  readonly written: readonly string[];
  readonly report: string;
  /** The files the new build has in OUT and OUT-res (POSIX, relative), for the ownership record. */
  readonly files: readonly string[];
  readonly resFiles: readonly string[];
}

/** Steps 3 and 4: the journalled renames, then the commit. */
export async function applyInPlace(locations: Locations, update: InPlaceUpdate, fresh: InPlaceFresh, rename: Rename): Promise<void> {
  const steps: Step[] = [];
  const add = async (from: string, to: string): Promise<void> => {
    const step = await stepOf(from, to);
    if (step) steps.push(step);
  };
  const replaced = update.write.map(({ final }) => final).filter((final) => lstatOrNullSync(final) !== null);
  let n = 0;
  for (const path of [...update.remove, ...replaced]) await add(path, join(fresh.temp, 'old', String(n++)));
  for (const [index, { final }] of update.write.entries()) await add(fresh.written[index] as string, final);
  await add(locations.report, join(fresh.temp, 'previous-report.json'));
  await add(fresh.report, locations.report);

  const outId = await idOf(locations.out);
  const owner = ownerRecord({
    out: outId,
    res: await idOf(locations.res),
    report: await idOf(fresh.report),
    files: fresh.files,
    resFiles: fresh.resFiles,
  });
  // Parents of removed files, deepest first: emptied ones go at the commit.
  const prune = new Set<string>();
  for (const path of update.remove) {
    for (let dir = dirname(path); dir !== locations.out && dir !== locations.res && dir.length > locations.out.length; dir = dirname(dir)) prune.add(dir);
  }
  const journal = { temp: fresh.temp, steps, owner, prune: [...prune].sort((a, b) => b.length - a.length) };
  mkdirSync(join(fresh.temp, 'old'), { recursive: true });
  await runJournalled(locations, journal, rename, {
    prepare: async () => {
      for (const dir of update.newFolders) await mkdir(dir).catch(ignoreExisting);
    },
    unprepare: async () => {
      for (const dir of [...update.newFolders].reverse()) await rmdir(dir).catch(() => undefined);
    },
  });
}

function ignoreExisting(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
}

async function idOf(path: string): Promise<string | null> {
  const stats = await lstatOrNull(path);
  return stats ? ownershipIdOf(stats) : null;
}

/** Never through a link: a link put where the studio's file was is not that file. */
function statOrNull(path: string): FileStamp | null {
  try {
    // No exception made and thrown for a file that is gone (a user removed it from OUT).
    const stats = lstatSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? stats : null;
  } catch {
    return null;
  }
}

function lstatOrNullSync(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
