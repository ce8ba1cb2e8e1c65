/**
 * Content hashes, computed once per file and only when a stage asks for one (MD5 Cache names,
 * remote files' cache keys). sha1 rather than md5: on the machines we measured it is ~15 % faster
 * (node:crypto, 64 MiB buffer: sha1 98 ms, md5 114 ms) and the runtime only needs a stable key.
 *
 * Entries are keyed by absolute path and trusted while size, mtime and inode are unchanged, so a
 * rebuild or a live re-plan never reads an unchanged file again. `snapshot()` and `remember()` are
 * how the build cache (output/build-cache.ts) keeps them on disk between processes.
 *
 * A hash is only ever given for the stat it was asked for: the file is stat'ed again once it has
 * been read, and a file that changed since the scan, or while it was read, fails with
 * SOURCE_CHANGED instead of lending its new bytes' hash to the old stat.
 *
 * A stat vouches for content only once the file is older than the file system's timestamp
 * granularity (RACY_WINDOW_MS): two writes within one tick of the clock, same size, leave the
 * same stat. An entry read while its file was younger than that is "unpinned": used for this
 * build (whose copy is then checked by content, output/verify.ts), never saved, and read again
 * once the file has aged past the window.
 */
import { createHash } from 'node:crypto';
import { sha1FileOnWorker, type HashedRead } from './hash-workers.js';
import type { ScannedFile } from './types.js';

/**
 * How old (by mtime, against the clock) a file must be before its stat pins its content. Linux
 * file systems stamp with a clock tick of 1–10 ms, FAT with 2 s; 3 s covers them with a margin.
 */
export const RACY_WINDOW_MS = 3_000;

/** The error code of a file that changed after the scan or while it was being read. */
export const SOURCE_CHANGED = 'SOURCE_CHANGED';

type Stamp = Pick<ScannedFile, 'size' | 'mtimeMs' | 'ino'>;

/** Whether a file with this stat, looked at no earlier than `at`, can't change without a new stat. */
export function pinsContent(stamp: Stamp, at: number): boolean {
  return stamp.mtimeMs <= at - RACY_WINDOW_MS;
}

export function isSourceChanged(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === SOURCE_CHANGED;
}

export interface HashRecord {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** sha1, lower-case hex (40 digits). */
  readonly hash: string;
}

export interface HashCache {
  /**
   * sha1 hex of the file's content for this stat; reads the file only when its size, mtime or
   * inode changed. Fails with SOURCE_CHANGED when the file on disk no longer has this stat.
   */
  hash(absPath: string, file: Stamp): Promise<string>;
  /**
   * The hash when it is already known for this stat, without a promise: a layout of 5,000
   * unchanged files then costs a Map lookup each, not an await each.
   */
  known(absPath: string, file: Stamp): string | undefined;
  /** How many files were actually read (for tests and the benchmark). */
  readonly reads: number;
  /** The settled, pinned entries, for a persistent cache to save. */
  snapshot(): HashRecord[];
  /** Adds saved entries for files it does not know yet; what it knows is at least as fresh. */
  remember(records: readonly HashRecord[]): void;
  /** The hash only when the stat pins it (see RACY_WINDOW_MS): then a same stat means same bytes. */
  pinned(absPath: string, file: Stamp): string | undefined;
  /** Drops what is known of a file (its bytes were found to differ from its hash). */
  forget(absPath: string): void;
}

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** While the file is being read; a saved or settled entry has none (made on demand). */
  pending?: Promise<string>;
  settled?: string;
  /** The file was older than RACY_WINDOW_MS when read (saved entries: always). */
  readonly pinned: boolean;
  /** Its record in snapshots, made once: successive snapshots share the records of unchanged files. */
  record?: HashRecord;
}

export function createHashCache(options: { seed?: readonly HashRecord[] } = {}): HashCache {
  const entries = new Map<string, Entry>();
  let reads = 0;
  const remember = (records: readonly HashRecord[]): void => {
    for (const record of records) {
      // Only pinned entries are ever saved.
      if (!entries.has(record.path)) entries.set(record.path, { size: record.size, mtimeMs: record.mtimeMs, ino: record.ino, settled: record.hash, pinned: true });
    }
  };
  remember(options.seed ?? []);

  /** The entry for this stat; an unpinned one only until its file is old enough to be read pinned. */
  const current = (absPath: string, file: Stamp): Entry | undefined => {
    const entry = entries.get(absPath);
    if (!entry || entry.size !== file.size || entry.mtimeMs !== file.mtimeMs || entry.ino !== file.ino) return undefined;
    return entry.pinned || entry.pending || !pinsContent(entry, Date.now()) ? entry : undefined;
  };

  return {
    known(absPath, file) {
      return current(absPath, file)?.settled;
    },
    hash(absPath, file) {
      const known = current(absPath, file);
      if (known) return known.settled !== undefined ? Promise.resolve(known.settled) : (known.pending as Promise<string>);
      reads += 1;
      // Taken before the read starts: any write from now on gives the file a newer mtime.
      const startedAt = Date.now();
      const entry: Entry = { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, pinned: pinsContent(file, startedAt) };
      entry.pending = sha1File(absPath, file.size)
        .then((read) => {
          if (read.size !== file.size || read.mtimeMs !== file.mtimeMs || read.ino !== file.ino) throw changedWhileRead(absPath);
          return read.hash;
        })
        .then(
          (hex) => {
            entry.settled = hex;
            entry.pending = undefined;
            return hex;
          },
          (error: unknown) => {
            // A failed read must not poison the cache: the next call tries again.
            if (entries.get(absPath) === entry) entries.delete(absPath);
            throw error;
          },
        );
      entries.set(absPath, entry);
      return entry.pending;
    },
    get reads() {
      return reads;
    },
    snapshot() {
      const records: HashRecord[] = [];
      for (const [path, entry] of entries) {
        if (entry.settled && entry.pinned) records.push((entry.record ??= { path, size: entry.size, mtimeMs: entry.mtimeMs, ino: entry.ino, hash: entry.settled }));
      }
      return records;
    },
    remember,
    pinned(absPath, file) {
      const entry = entries.get(absPath);
      return entry?.pinned && entry.size === file.size && entry.mtimeMs === file.mtimeMs && entry.ino === file.ino ? entry.settled : undefined;
    },
    forget(absPath) {
      entries.delete(absPath);
    },
  };
}

function changedWhileRead(absPath: string): Error {
  return Object.assign(new Error(`${absPath} changed while it was being read`), { code: SOURCE_CHANGED });
}

/**
 * sha1 of a file and its stat once read (on the open file: a file replaced meanwhile shows another
 * inode), on the worker threads (hash-workers.ts), small files several to a message.
 */
export function sha1File(absPath: string, size: number): Promise<HashedRead> {
  return sha1FileOnWorker(absPath, size);
}

export function sha1Bytes(bytes: string | Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
