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
  readonly entries: ReadonlyMap<string, MemoEntry>;
}

const memos = new WeakMap<HashCache, Memo>();
const NONE: ReadonlyMap<string, MemoEntry> = new Map();

/** The previous layout's entries, when it had the same settings; else none. */
export function previousEntries(hashes: HashCache, settings: ProjectSettings): ReadonlyMap<string, MemoEntry> {
  const memo = memos.get(hashes);
  return memo && memo.settings === settings ? memo.entries : NONE;
}

export function keepEntries(hashes: HashCache, settings: ProjectSettings, entries: ReadonlyMap<string, MemoEntry>): void {
  memos.set(hashes, { settings, entries });
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
