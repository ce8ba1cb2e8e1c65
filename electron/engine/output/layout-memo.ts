/**
 * The live report lays out the whole project again on every change. Between two layouts with the
 * same settings (and the same hash cache: one live session), a file whose plan entry did not
 * change gets the same output entry, so it is reused instead of made again; with the manifest's
 * per-entry text cache (manifest.ts) an unchanged 10,000-file project costs little more than a
 * pass over its files.
 */
import type { HashCache } from '../hash-cache.js';
import type { OutputFile, PlannedFile, ProjectSettings } from '../types.js';
import type { ManifestInput } from './manifest.js';

export interface MemoEntry {
  readonly planned: PlannedFile;
  readonly output: OutputFile;
  readonly manifest: ManifestInput | null;
}

interface Memo {
  readonly settings: ProjectSettings;
  /** The plan's files of the previous layout, and each one's entry at the same index (or none). */
  readonly planFiles: readonly PlannedFile[];
  readonly entries: readonly (MemoEntry | undefined)[];
  /** By path, made only when a file is not at its previous index (a file came or went). */
  byPath?: Map<string, MemoEntry>;
}

/** The previous layout's entry of a file, looked up by its index in the plan, else by its path. */
export type PreviousEntry = (index: number, path: string) => MemoEntry | undefined;

const memos = new WeakMap<HashCache, Memo>();
const NONE: PreviousEntry = () => undefined;

/**
 * The previous layout's entries, when it had the same settings; else none. Between two live
 * updates the plan's file list usually has the same paths at the same places, so the lookup is
 * by index: no map of 10,000 paths to fill or probe per change (issue 7, P3).
 */
export function previousEntries(hashes: HashCache, settings: ProjectSettings, options: { whatIf?: boolean } = {}): PreviousEntry {
  const memo = memos.get(hashes);
  if (!memo || (memo.settings !== settings && !(options.whatIf === true && sameNaming(memo.settings, settings)))) return NONE;
  return (index, path) => {
    // Same path at the same place: its entry, or none (game.js and unhashed files keep none).
    if (memo.planFiles[index]?.path === path) return memo.entries[index];
    if (!memo.byPath) {
      memo.byPath = new Map();
      for (const kept of memo.entries) if (kept) memo.byPath.set(kept.planned.path, kept);
    }
    return memo.byPath.get(path);
  };
}

/**
 * A what-if layout (the fit planner's: other Remote URL, exclude, subpackages or compression) may
 * take the live layout's entries too: a file's output entry depends on the settings only through
 * its package and destination (which unchanged() compares), MD5 Cache and the game's folder, and
 * on compression (an entry that shipped compressed is never taken: layout.ts).
 */
function sameNaming(a: ProjectSettings, b: ProjectSettings): boolean {
  return a.md5Cache === b.md5Cache && a.sourceDir === b.sourceDir;
}

export function keepEntries(hashes: HashCache, settings: ProjectSettings, planFiles: readonly PlannedFile[], entries: readonly (MemoEntry | undefined)[]): void {
  memos.set(hashes, { settings, planFiles, entries });
}

/** Whether a file's plan entry is what it was: same content stamp, same place in the output. */
export function unchanged(entry: MemoEntry | undefined, file: PlannedFile): entry is MemoEntry {
  const before = entry?.planned;
  return (
    before !== undefined &&
    (before === file ||
      (before.size === file.size &&
        before.mtimeMs === file.mtimeMs &&
        before.ino === file.ino &&
        before.destination === file.destination &&
        before.package === file.package &&
        before.isScript === file.isScript))
  );
}

/** Forgets the previous layout of a session: one of its hashes was found not to match its file. */
export function dropEntries(hashes: HashCache): void {
  memos.delete(hashes);
}
