/**
 * The compression cache on disk, in the studio's folder beside OUT (output/locations.ts):
 *
 *   .OUT.minigame-studio/optimize/index.json     what each (source content, options) gave
 *   .OUT.minigame-studio/optimize/<sha1>.png|jpg the encoded bytes, named by their own sha1
 *
 * Written only after a build has put OUT in place (so the folder has just been proven the
 * studio's, output/guards.ts), and bounded: it keeps exactly the entries the last build used, and
 * removes the encoded files no entry names. An encoded file is checked against its name when it
 * is read, so a damaged cache makes the studio encode again, never ship wrong bytes. Only a cache:
 * a missing, foreign or unreadable index means "encode again"; a failure to save is ignored.
 */
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OptimizeMode } from '../../../shared/optimize.js';
import { writeFileAtomic } from '../atomic-write.js';
import { sha1Bytes } from '../hash-cache.js';
import { stateDirFor } from '../output/locations.js';
import { WRITER } from '../output/owner.js';

const VERSION = 1;
export const OPTIMIZE_DIR = 'optimize';
/** The only names the studio writes (and so removes) in the folder: encoded files and their atomic temporaries. */
const BLOB = /^[0-9a-f]{40}\.(png|jpg)$/;
const BLOB_TEMP = /^\.[0-9a-f]{40}\.(png|jpg)\.\d+\.[0-9a-f]+\.tmp$/;

/** What one (source content, options) pair gave. */
export interface StoredResult {
  readonly mode: OptimizeMode;
  readonly originalBytes: number;
  /** sha1 of the encoded bytes; null: the original ships (`reason` says why). */
  readonly hash: string | null;
  readonly bytes: number | null;
  readonly reason?: string;
}

interface IndexFile {
  readonly writer: typeof WRITER;
  readonly version: number;
  readonly entries: Record<string, StoredResult>;
}

export function optimizeDirFor(outDir: string): string {
  return join(stateDirFor(outDir), OPTIMIZE_DIR);
}

function blobName(hash: string, mode: OptimizeMode): string {
  return `${hash}.${mode === 'jpeg' ? 'jpg' : 'png'}`;
}

export async function readIndex(outDir: string): Promise<Map<string, StoredResult>> {
  try {
    const parsed = JSON.parse(await readFile(join(optimizeDirFor(outDir), 'index.json'), 'utf8')) as Partial<IndexFile>;
    if (parsed.writer !== WRITER || parsed.version !== VERSION || typeof parsed.entries !== 'object' || parsed.entries === null) return new Map();
    return new Map(Object.entries(parsed.entries));
  } catch {
    return new Map();
  }
}

/** The encoded bytes of a stored result, or null when the file is gone or not those bytes. */
export async function readBlob(outDir: string, result: StoredResult): Promise<Buffer | null> {
  if (result.hash === null) return null;
  try {
    const bytes = await readFile(join(optimizeDirFor(outDir), blobName(result.hash, result.mode)));
    return bytes.length === result.bytes && sha1Bytes(bytes) === result.hash ? bytes : null;
  } catch {
    return null;
  }
}

export interface SavedEntry {
  readonly key: string;
  readonly result: StoredResult;
  /** The encoded bytes (null when the original ships). */
  readonly bytes: Buffer | null;
}

/**
 * Replaces the index with exactly these entries, writes the encoded files it lacks and removes
 * the ones no entry names. Writes nothing when the folder is something the studio did not make
 * (a link, a file).
 */
export async function saveIndex(outDir: string, entries: readonly SavedEntry[]): Promise<void> {
  const dir = optimizeDirFor(outDir);
  try {
    const stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stats && (stats.isSymbolicLink() || !stats.isDirectory())) return;
    if (!stats && entries.length === 0) return; // a project that never compressed gets no folder
    if (!stats) await mkdir(dir);
    const present = new Set(await readdir(dir));
    const wanted = new Set<string>();
    for (const entry of entries) {
      if (entry.result.hash === null || entry.bytes === null) continue;
      const name = blobName(entry.result.hash, entry.result.mode);
      if (!wanted.has(name) && !present.has(name)) await writeFileAtomic(join(dir, name), entry.bytes);
      wanted.add(name);
    }
    const index: IndexFile = {
      writer: WRITER,
      version: VERSION,
      entries: Object.fromEntries([...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((entry) => [entry.key, entry.result])),
    };
    await writeFileAtomic(join(dir, 'index.json'), JSON.stringify(index));
    for (const name of present) {
      if ((BLOB.test(name) && !wanted.has(name)) || BLOB_TEMP.test(name)) await rm(join(dir, name), { force: true });
    }
  } catch {
    // Only a cache: the next build encodes what it cannot find.
  }
}
