/**
 * The build cache: what the last successful build knew, kept on disk beside OUT so the next build
 * (a new CLI process, or the app after a restart) need not read or copy unchanged files again.
 *
 * - `hashes`: content hashes of source files, trusted while a file's size, mtime and inode are
 *   unchanged (the hash cache's own rule).
 * - `outputs`: for every file OUT or OUT-res holds as a copy of a source file, the source's stat
 *   when it was copied and the output file's own stat. A later build hard-links such a file from
 *   the previous output instead of copying it, when both stats still match. A compressed image's
 *   record holds the sha1 of the encoded bytes written instead (`hash`): it is kept while the
 *   layout ships those bytes under that name and the file in OUT keeps its stat.
 *
 * It lives in the studio's folder beside OUT, `.OUT.minigame-studio/cache.json` (locations.ts):
 * never in the game's own files, never uploaded, never in a folder the user did not point the
 * studio at. Only a cache: a missing, unreadable or foreign file means "start from nothing"; it is
 * written atomically, only over a cache the studio wrote, once OUT is in place or (an update in
 * place) while its renames run: every record is a fact about a stat, so a cache saved by an update
 * that is then rolled back or killed only makes the next build copy a file again.
 */
import { lstat, open } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { toPosix } from '../paths.js';
import { writeFileAtomic } from '../atomic-write.js';
import type { HashRecord } from '../hash-cache.js';
import { stateDirFor } from './locations.js';
import { WRITER } from './owner.js';

/** 2: only hashes and copies whose stat pins their content are kept (hash-cache.ts, RACY_WINDOW_MS). */
const VERSION = 2;

/** Stat of a file, as far as the caches trust it. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface OutputRecord {
  /** Path inside OUT, or inside OUT-res when `remote`. */
  readonly out: string;
  readonly remote: boolean;
  /** Logical source path (relative to the game root). */
  readonly source: string;
  /** The source file when it was copied. */
  readonly from: FileStamp;
  /** The output file as written. */
  readonly written: FileStamp;
  /**
   * Set for a compressed image (electron/engine/optimize/): the sha1 of the encoded bytes written,
   * which is what the record vouches for (`from` is then the written file's stat, not a source's).
   * A record without it is a copy of its source.
   */
  readonly hash?: string;
}

export interface BuildCache {
  readonly hashes: readonly HashRecord[];
  readonly outputs: readonly OutputRecord[];
}

type Stamp = [size: number, mtimeMs: number, ino: number];
interface CacheFile {
  readonly writer: typeof WRITER;
  readonly version: number;
  readonly sourceDir: string;
  readonly outDir: string;
  /** [source path relative to sourceDir, size, mtimeMs, ino, sha1 hex] */
  readonly hashes: [string, number, number, number, string][];
  /** [out, remote 0/1, source, from, written, sha1 of a compressed image's bytes?] */
  readonly outputs: ([string, 0 | 1, string, Stamp, Stamp] | [string, 0 | 1, string, Stamp, Stamp, string])[];
}

export function buildCachePath(outDir: string): string {
  return join(stateDirFor(outDir), 'cache.json');
}

export function outputKey(remote: boolean, out: string): string {
  return `${remote ? 'remote' : 'package'}:${out}`;
}

/**
 * The cache as this process last wrote or read it, by cache path, with the identity of that file
 * (device, inode, size, mtime). While the file on disk still has that identity, a build of the app
 * takes it from memory instead of parsing 1 MB of JSON again. Safe even if the identity lied: every
 * record is a fact about a stat (a source's hash at that stat, an output written with that stat),
 * which later builds check against the stats on disk before trusting it.
 */
const remembered = new Map<string, { readonly id: string; readonly sourceDir: string; readonly outDir: string; readonly cache: BuildCache }>();

function fileId(stats: { dev: number; ino: number; size: number; mtimeMs: number }): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

async function idOnDisk(path: string): Promise<string | null> {
  try {
    const stats = await lstat(path);
    return stats.isFile() ? fileId(stats) : null;
  } catch {
    return null;
  }
}

/** The cache of the last build of `sourceDir` into `outDir`, or null when there is none to trust. */
export async function readBuildCache(sourceDir: string, outDir: string): Promise<BuildCache | null> {
  const path = buildCachePath(outDir);
  const known = remembered.get(path);
  if (known && known.sourceDir === sourceDir && known.outDir === outDir && known.id === (await idOnDisk(path))) return known.cache;
  let parsed: CacheFile;
  let id: string;
  try {
    const handle = await open(path, 'r');
    try {
      // The identity of the bytes read, not of whatever is at the path a moment later.
      id = fileId(await handle.stat());
      parsed = JSON.parse(await handle.readFile('utf8')) as CacheFile;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  if (parsed?.version !== VERSION || parsed.sourceDir !== sourceDir || parsed.outDir !== outDir) return null;
  if (!Array.isArray(parsed.hashes) || !Array.isArray(parsed.outputs)) return null;
  const stamp = ([size, mtimeMs, ino]: Stamp): FileStamp => ({ size, mtimeMs, ino });
  // A string append per record, not path.join (which normalises each: ~10 ms for 5,000 records).
  const prefix = sep === '/' ? (sourceDir.endsWith('/') ? sourceDir : `${sourceDir}/`) : null;
  const cache: BuildCache = {
    hashes: parsed.hashes.map(([path, size, mtimeMs, ino, hash]) => ({ path: prefix ? prefix + path : join(sourceDir, path), size, mtimeMs, ino, hash })),
    outputs: parsed.outputs.map(([out, remote, source, from, written, hash]) => ({
      out,
      remote: remote === 1,
      source,
      from: stamp(from),
      written: stamp(written),
      ...(typeof hash === 'string' ? { hash } : {}),
    })),
  };
  remembered.set(path, { id, sourceDir, outDir, cache });
  return cache;
}

/** The cache this process last wrote or read for `sourceDir` into `outDir`, without looking at the disk (null: none). */
export function rememberedBuildCache(sourceDir: string, outDir: string): BuildCache | null {
  const known = remembered.get(buildCachePath(outDir));
  return known && known.sourceDir === sourceDir && known.outDir === outDir ? known.cache : null;
}

/**
 * Each record's JSON text as last written. A rebuild after one change writes 10,000 records of
 * which a handful changed: the others' text is taken from here instead of being made again. An
 * output record is the same object from build to build while it is kept; a hash record is made
 * afresh by the hash cache, so its text is found by path and checked against every field.
 */
const outputText = new WeakMap<OutputRecord, string>();
const HASH_TEXTS_KEPT = 100_000;
const hashText = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly ino: number; readonly hash: string; readonly text: string }>();

/** The cache file's text: what JSON.stringify gives for a CacheFile, written from the records' texts. */
function cacheText(sourceDir: string, outDir: string, hashes: readonly HashRecord[], outputs: readonly OutputRecord[]): string {
  const prefix = sourceDir.endsWith(sep) ? sourceDir : `${sourceDir}${sep}`;
  const stamp = (s: FileStamp): Stamp => [s.size, s.mtimeMs, s.ino];
  // Sorted, so the same build writes the same bytes (records arrive in completion order). Keys made
  // once per record, not once per comparison: 10,000 records for a 5,000-file project.
  const sorted = <T>(records: readonly T[], key: (record: T) => string): T[] =>
    records
      .map((record) => ({ record, key: key(record) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ record }) => record);
  const hashTexts: string[] = [];
  for (const record of sorted(hashes, (r) => r.path)) {
    if (!record.path.startsWith(prefix)) continue;
    const known = hashText.get(record.path);
    if (known && known.size === record.size && known.mtimeMs === record.mtimeMs && known.ino === record.ino && known.hash === record.hash) {
      hashTexts.push(known.text);
      continue;
    }
    const text = JSON.stringify([toPosix(record.path.slice(prefix.length)), record.size, record.mtimeMs, record.ino, record.hash]);
    // Only a memo: a process that has seen very many files (many projects) starts it again.
    if (hashText.size >= HASH_TEXTS_KEPT) hashText.clear();
    hashText.set(record.path, { size: record.size, mtimeMs: record.mtimeMs, ino: record.ino, hash: record.hash, text });
    hashTexts.push(text);
  }
  const outputTexts = sorted(outputs, (record) => `${record.remote ? 1 : 0}${record.out}`).map((record) => {
    let text = outputText.get(record);
    if (text === undefined) {
      const fields = [record.out, record.remote ? 1 : 0, record.source, stamp(record.from), stamp(record.written)];
      text = JSON.stringify(record.hash === undefined ? fields : [...fields, record.hash]);
      outputText.set(record, text);
    }
    return text;
  });
  // The key order of CacheFile (mayReplace judges a cache by how it begins).
  const head = JSON.stringify({ writer: WRITER, version: VERSION, sourceDir, outDir } satisfies Omit<CacheFile, 'hashes' | 'outputs'>);
  return `${head.slice(0, -1)},"hashes":[${hashTexts.join(',')}],"outputs":[${outputTexts.join(',')}]}`;
}

/** Saves the cache; a failure is ignored (the next build just does more work). */
export async function writeBuildCache(sourceDir: string, outDir: string, cache: BuildCache): Promise<void> {
  const prefix = sourceDir.endsWith(sep) ? sourceDir : `${sourceDir}${sep}`;
  const text = cacheText(sourceDir, outDir, cache.hashes, cache.outputs);
  const path = buildCachePath(outDir);
  const known = remembered.get(path);
  remembered.delete(path);
  try {
    // The cache this process wrote or read is still there: no need to look at how it begins.
    const ours = known !== undefined && known.id === (await idOnDisk(path));
    if (!ours && !(await mayReplace(path))) return;
    const written = await writeFileAtomic(path, text);
    // What a read of it would give: the records under sourceDir, by absolute path.
    const hashes = cache.hashes.filter((record) => record.path.startsWith(prefix));
    remembered.set(path, { id: fileId(written), sourceDir, outDir, cache: { hashes, outputs: cache.outputs } });
  } catch {
    // Only a cache.
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** How every cache the studio writes begins (JSON.stringify keeps the key order of CacheFile). */
const CACHE_START = `{"writer":${JSON.stringify(WRITER)},`;

/**
 * Only over nothing or a cache the studio wrote: any other file there is left as it is, and the
 * cache not kept. Judged by how the file begins, so a 5,000-file project's 1 MB cache is not read
 * and parsed again just to be replaced.
 */
async function mayReplace(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const start = Buffer.alloc(CACHE_START.length);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return (await handle.stat()).isFile() && bytesRead === start.length && start.toString('utf8') === CACHE_START;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
