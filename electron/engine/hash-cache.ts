/**
 * Content hashes, computed once per file and only when a stage asks for one (MD5 Cache names,
 * remote files' cache keys). sha1 rather than md5: on the machines we measured it is ~15 % faster
 * (node:crypto, 64 MiB buffer: sha1 98 ms, md5 114 ms) and the runtime only needs a stable key.
 *
 * Entries are keyed by absolute path and trusted while size, mtime and inode are unchanged, so a
 * rebuild or a live re-plan never reads an unchanged file again. `snapshot()` / `seed` let a
 * persistent on-disk cache be layered on later without changing callers.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ScannedFile } from './types.js';

/** Files up to this size are read in one call; larger ones are streamed to bound memory. */
const ONE_SHOT_LIMIT = 1_048_576;

export interface HashRecord {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** sha1, lower-case hex (40 digits). */
  readonly hash: string;
}

export interface HashCache {
  /** sha1 hex of the file's content; reads the file only when its size, mtime or inode changed. */
  hash(absPath: string, file: Pick<ScannedFile, 'size' | 'mtimeMs' | 'ino'>): Promise<string>;
  /** How many files were actually read (for tests and the benchmark). */
  readonly reads: number;
  /** The settled entries, for a persistent cache to save. */
  snapshot(): HashRecord[];
}

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly hash: Promise<string>;
  settled?: string;
}

export function createHashCache(options: { seed?: readonly HashRecord[] } = {}): HashCache {
  const entries = new Map<string, Entry>();
  let reads = 0;
  for (const record of options.seed ?? []) {
    entries.set(record.path, { ...record, hash: Promise.resolve(record.hash), settled: record.hash });
  }

  return {
    hash(absPath, file) {
      const known = entries.get(absPath);
      if (known && known.size === file.size && known.mtimeMs === file.mtimeMs && known.ino === file.ino) {
        return known.hash;
      }
      reads += 1;
      const entry: Entry = {
        size: file.size,
        mtimeMs: file.mtimeMs,
        ino: file.ino,
        hash: sha1File(absPath, file.size).then(
          (hex) => {
            entry.settled = hex;
            return hex;
          },
          (error: unknown) => {
            // A failed read must not poison the cache: the next call tries again.
            if (entries.get(absPath) === entry) entries.delete(absPath);
            throw error;
          },
        ),
      };
      entries.set(absPath, entry);
      return entry.hash;
    },
    get reads() {
      return reads;
    },
    snapshot() {
      const records: HashRecord[] = [];
      for (const [path, entry] of entries) {
        if (entry.settled) records.push({ path, size: entry.size, mtimeMs: entry.mtimeMs, ino: entry.ino, hash: entry.settled });
      }
      return records;
    },
  };
}

/** sha1 of a file: one read for small files, a stream for big ones. */
export async function sha1File(absPath: string, size: number): Promise<string> {
  if (size <= ONE_SHOT_LIMIT) {
    return createHash('sha1').update(await readFile(absPath)).digest('hex');
  }
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(absPath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha1Bytes(bytes: string | Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
