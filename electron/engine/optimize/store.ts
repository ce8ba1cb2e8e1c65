/**
 * The compression cache on disk, in the studio's folder beside OUT (output/locations.ts):
 *
 *   .OUT.minigame-studio/optimize/index.json     what each (source content, options) gave
 *   .OUT.minigame-studio/optimize/<sha1>.png|jpg the encoded bytes, named by their own sha1
 *
 * Written only after a build has put OUT in place (so the folder has just been proven the
 * studio's, output/guards.ts), and bounded: it keeps exactly the entries the last build used, and
 * removes the encoded files no entry names. Only a cache: a missing, foreign or unreadable index
 * means "encode again"; a failure to save is ignored.
 *
 * Checked without reading: the index keeps, beside each encoded file's sha1, the stat (size,
 * mtime, inode) the file had when the studio wrote it or last read it whole and hashed it. Only
 * the studio writes the folder, and always a new file renamed into place, so a file with that
 * stat holds those bytes; one with any other stat (damaged, replaced, copied, touched) is read
 * and hashed again, and encoded again when its bytes are not the ones named. A symlink or
 * anything else that is not a plain file in a real folder is never read: encode again.
 */
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { lstatSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { OptimizeMode } from '../../../shared/optimize.js';
import { writeFileAtomic } from '../atomic-write.js';
import { sha1Bytes } from '../hash-cache.js';
import { stateDirFor } from '../output/locations.js';
import { WRITER } from '../output/owner.js';

/** 2: entries grouped by options, as arrays, with the encoded file's stat. Version 1 is still read. */
const VERSION = 2;
export const OPTIMIZE_DIR = 'optimize';
/** The only names the studio writes (and so removes) in the folder: encoded files and their atomic temporaries. */
const BLOB = /^[0-9a-f]{40}\.(png|jpg)$/;
const BLOB_TEMP = /^\.[0-9a-f]{40}\.(png|jpg)\.\d+\.[0-9a-f]+\.tmp$/;

/** The stat of an encoded file as the studio wrote or last verified it (its size is `bytes`). */
export interface BlobStamp {
  readonly mtimeMs: number;
  readonly ino: number;
}

/** What one (source content, options) pair gave. */
export interface StoredResult {
  readonly mode: OptimizeMode;
  readonly originalBytes: number;
  /** sha1 of the encoded bytes; null: the original ships (`reason` says why). */
  readonly hash: string | null;
  readonly bytes: number | null;
  readonly reason?: string;
  /** The encoded file's stat when its bytes were last known to be `hash` (absent: read and hash it before use). */
  readonly blob?: BlobStamp;
}

/** [mode, originalBytes, hash, bytes, mtimeMs, ino, reason?]; hash, bytes and the stat are null when the original ships. */
type Row = [OptimizeMode, number, string | null, number | null, number | null, number | null, string?];

interface IndexFile {
  readonly writer: typeof WRITER;
  readonly version: number;
  /** By target key (targets.ts), then by the source's sha1. */
  readonly targets: Record<string, Record<string, Row>>;
}

/** Version 1: one object per `<source sha1>-<target key>`, without the encoded file's stat. */
interface IndexFileV1 {
  readonly writer: typeof WRITER;
  readonly version: 1;
  readonly entries: Record<string, StoredResult>;
}

/** By OUT: a warm build asks for the folder once per image (through blobPathOf). */
const dirs = new Map<string, string>();
const MAX_DIRS = 16;

export function optimizeDirFor(outDir: string): string {
  let dir = dirs.get(outDir);
  if (dir === undefined) {
    if (dirs.size >= MAX_DIRS) dirs.clear();
    dir = join(stateDirFor(outDir), OPTIMIZE_DIR);
    dirs.set(outDir, dir);
  }
  return dir;
}

function blobName(hash: string, mode: OptimizeMode): string {
  return `${hash}.${mode === 'jpeg' ? 'jpg' : 'png'}`;
}

/** Where the encoded bytes of a stored result are (null when the original ships). */
export function blobPathOf(outDir: string, result: StoredResult): string | null {
  // The folder is already a normalised absolute path: joined by hand, without join's normalising pass.
  return result.hash === null ? null : `${optimizeDirFor(outDir)}${sep}${blobName(result.hash, result.mode)}`;
}

/** The cache key of a source's content under a target (targets.ts): `<sha1>-<target key>`. */
export function cacheKey(sourceHash: string, targetKey: string): string {
  return `${sourceHash}-${targetKey}`;
}

const SHA1_LENGTH = 40;

export async function readIndex(outDir: string): Promise<Map<string, StoredResult>> {
  try {
    const dir = optimizeDirFor(outDir);
    // Never through a link: a folder or index someone put there is not the studio's cache.
    if (!(await lstat(dir)).isDirectory()) return new Map();
    const path = join(dir, 'index.json');
    if (!(await lstat(path)).isFile()) return new Map();
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<IndexFile> | Partial<IndexFileV1>;
    if (parsed.writer !== WRITER) return new Map();
    if (parsed.version === 1 && 'entries' in parsed && typeof parsed.entries === 'object' && parsed.entries !== null) {
      // No stat kept: each encoded file is read and hashed once, then saved with its stat.
      return new Map(Object.entries(parsed.entries).map(([key, { blob: _blob, ...result }]) => [key, result]));
    }
    if (parsed.version !== VERSION || !('targets' in parsed) || typeof parsed.targets !== 'object' || parsed.targets === null) return new Map();
    const results = new Map<string, StoredResult>();
    for (const [target, rows] of Object.entries(parsed.targets)) {
      for (const [source, row] of Object.entries(rows)) {
        const result = resultOf(row);
        if (source.length === SHA1_LENGTH && result) results.set(cacheKey(source, target), result);
      }
    }
    return results;
  } catch {
    return new Map();
  }
}

function resultOf(row: unknown): StoredResult | null {
  if (!Array.isArray(row) || row.length < 6) return null;
  const [mode, originalBytes, hash, bytes, mtimeMs, ino, reason] = row as Row;
  if (typeof originalBytes !== 'number' || (hash !== null && (typeof hash !== 'string' || typeof bytes !== 'number'))) return null;
  return {
    mode,
    originalBytes,
    hash,
    bytes,
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(hash !== null && typeof mtimeMs === 'number' && typeof ino === 'number' ? { blob: { mtimeMs, ino } } : {}),
  };
}

function rowOf(result: StoredResult): Row {
  const row: Row = [result.mode, result.originalBytes, result.hash, result.bytes, result.blob?.mtimeMs ?? null, result.blob?.ino ?? null];
  if (result.reason !== undefined) row.push(result.reason);
  return row;
}

/** An encoded file found with the bytes its entry names. */
export interface CheckedBlob {
  readonly path: string;
  /** Its stat now. */
  readonly stamp: BlobStamp;
  /** Its bytes, when they had to be read to be checked (the stat was not the one kept); else null. */
  readonly content: Buffer | null;
}

function stampOf(stats: Stats): BlobStamp {
  return { mtimeMs: stats.mtimeMs, ino: stats.ino };
}

/** Whether the file at `path` is a plain file with the stat kept for it: then it holds those bytes. */
export function blobUnchanged(path: string, bytes: number | null, stamp: BlobStamp | undefined): boolean {
  if (!stamp) return false;
  try {
    const stats = lstatSync(path);
    return stats.isFile() && stats.size === bytes && stats.mtimeMs === stamp.mtimeMs && stats.ino === stamp.ino;
  } catch {
    return false;
  }
}

/**
 * The encoded file of a stored result, when it holds the bytes the entry names: by its stat alone
 * when that is the stat kept, else read whole and hashed. Null when it is gone, not a plain file,
 * or other bytes.
 */
export async function checkBlob(outDir: string, result: StoredResult): Promise<CheckedBlob | null> {
  const path = blobPathOf(outDir, result);
  if (path === null) return null;
  try {
    // Synchronous: one lstat is ~10 µs of kernel work, and a warm build makes one per image
    // (through the thread pool and a promise apiece it costs several times that, output/reuse.ts).
    const before = lstatSync(path);
    if (!before.isFile() || before.size !== result.bytes) return null;
    const stamp = stampOf(before);
    if (result.blob && stamp.mtimeMs === result.blob.mtimeMs && stamp.ino === result.blob.ino) return { path, stamp, content: null };
    const content = await readFile(path);
    const after = await lstat(path);
    // Read while the stat held still: the stat kept from now on is that of the bytes hashed.
    if (after.mtimeMs !== before.mtimeMs || after.ino !== before.ino || after.size !== content.length) return null;
    return content.length === result.bytes && sha1Bytes(content) === result.hash ? { path, stamp, content } : null;
  } catch {
    return null;
  }
}

/** The bytes of a cache file, read whole and checked against the result's sha1, or null. */
export async function readBlobAt(path: string, result: StoredResult): Promise<Buffer | null> {
  try {
    if (!(await lstat(path)).isFile()) return null;
    const bytes = await readFile(path);
    return bytes.length === result.bytes && sha1Bytes(bytes) === result.hash ? bytes : null;
  } catch {
    return null;
  }
}

export interface SavedEntry {
  readonly key: string;
  readonly result: StoredResult;
  /**
   * The encoded bytes when the file must be written (just encoded, or the one on disk was not
   * them); null when the original ships or the file on disk is known to hold them (`result.blob`).
   */
  readonly bytes: Buffer | null;
  /** A cache file (of another OUT's cache) that holds the bytes, when they are not in memory. */
  readonly from: string | null;
}

/**
 * Replaces the index with exactly these entries, writes the encoded files it lacks and removes
 * the ones no entry names. Writes nothing when the folder is something the studio did not make
 * (a link, a file). Returns the entries as saved (each written file with its stat), or null when
 * nothing was saved.
 */
export async function saveIndex(outDir: string, entries: readonly SavedEntry[]): Promise<Map<string, StoredResult> | null> {
  const dir = optimizeDirFor(outDir);
  try {
    const stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stats && (stats.isSymbolicLink() || !stats.isDirectory())) return null;
    if (!stats && entries.length === 0) return new Map(); // a project that never compressed gets no folder
    if (!stats) await mkdir(dir);
    const present = new Set(await readdir(dir));
    const wanted = new Map<string, BlobStamp | undefined>();
    const saved = new Map<string, StoredResult>();
    for (const entry of entries) {
      const { result } = entry;
      if (result.hash === null) {
        saved.set(entry.key, result);
        continue;
      }
      const name = blobName(result.hash, result.mode);
      let stamp = wanted.get(name) ?? (result.blob && present.has(name) ? result.blob : undefined);
      const bytes = stamp ? null : (entry.bytes ?? (entry.from && entry.from !== join(dir, name) ? await readBlobAt(entry.from, result) : null));
      if (bytes) {
        // Always a new file renamed into place, never a write into the old one (it may be linked into OUT).
        await writeFileAtomic(join(dir, name), bytes);
        stamp = stampOf(await lstat(join(dir, name)));
      }
      if (!stamp) continue; // neither known on disk nor in memory: the next build encodes it again
      wanted.set(name, stamp);
      saved.set(entry.key, { ...result, blob: stamp });
    }
    const targets: IndexFile['targets'] = {};
    for (const key of [...saved.keys()].sort()) {
      const target = key.slice(SHA1_LENGTH + 1);
      (targets[target] ??= {})[key.slice(0, SHA1_LENGTH)] = rowOf(saved.get(key) as StoredResult);
    }
    const index: IndexFile = { writer: WRITER, version: VERSION, targets };
    await writeFileAtomic(join(dir, 'index.json'), JSON.stringify(index));
    for (const name of present) {
      if ((BLOB.test(name) && !wanted.has(name)) || BLOB_TEMP.test(name)) await rm(join(dir, name), { force: true });
    }
    return saved;
  } catch {
    // Only a cache: the next build encodes what it cannot find.
    return null;
  }
}
