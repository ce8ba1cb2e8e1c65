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
 * It lives in the studio's folder beside OUT, `.OUT.minigame-studio/cache.json` (locations.ts),
 * with `cache.log` beside it: the changes of the builds since cache.json was written whole, a line
 * each. Never in the game's own files, never uploaded, never in a folder the user did not point the
 * studio at. Only a cache: a missing, unreadable or foreign file means "start from nothing", and a
 * log line cut short by a kill ends the log there. cache.json is written atomically, only over a
 * cache the studio wrote; both are written once OUT is in place or (an update in place) while its
 * renames run: every record is a fact about a stat, so a cache saved by an update that is then
 * rolled back or killed only makes the next build copy a file again.
 */
import { closeSync, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { HashRecord } from '../hash-cache.js';
import { appendLogLine, applyLogLines, logHasRoom, logLinesOf, logLineFor, removeOurLog } from './build-cache-log.js';
import { CACHE_START, hashRow, mayReplace, outputRow, sameHash, type HashRow, type OutputRow, type Stamp } from './build-cache-format.js';
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

interface CacheFile {
  readonly writer: typeof WRITER;
  readonly version: number;
  readonly sourceDir: string;
  readonly outDir: string;
  readonly hashes: HashRow[];
  readonly outputs: OutputRow[];
}

export function buildCachePath(outDir: string): string {
  return join(stateDirFor(outDir), 'cache.json');
}

/** The changes appended since cache.json was last written whole, a line per build (writeBuildCache). */
export function buildCacheLogPath(outDir: string): string {
  return join(stateDirFor(outDir), 'cache.log');
}

export function outputKey(remote: boolean, out: string): string {
  return `${remote ? 'remote' : 'package'}:${out}`;
}

interface Remembered {
  /** cache.json's identity and the log's, as this process last wrote or read them. */
  readonly id: string;
  readonly baseId: string;
  readonly baseBytes: number;
  /** Lines in the log and its size; `appendable` false when it holds anything but this base's lines, read to the end. */
  readonly log: { readonly lines: number; readonly bytes: number; readonly appendable: boolean };
  readonly sourceDir: string;
  readonly outDir: string;
  readonly cache: BuildCache;
}

/**
 * The cache as this process last wrote or read it, by cache path, with the identity of its files
 * (device, inode, size, mtime of cache.json and of the log). While the files on disk still have
 * that identity, a build of the app takes it from memory instead of parsing 1 MB of JSON again.
 * Safe even if the identity lied: every record is a fact about a stat (a source's hash at that
 * stat, an output written with that stat), which later builds check against the stats on disk
 * before trusting it.
 */
const remembered = new Map<string, Remembered>();

function fileId(stats: { dev: number; ino: number; size: number; mtimeMs: number }): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

// Stats and reads are synchronous (as lstatOrNull, real-paths.ts): the two stats run at every build.
function fileIdOnDisk(path: string): string | null {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? fileId(stats) : null;
  } catch {
    return null;
  }
}

const NO_LOG = '-';

function idOnDisk(outDir: string): string | null {
  const base = fileIdOnDisk(buildCachePath(outDir));
  return base === null ? null : `${base}|${fileIdOnDisk(buildCacheLogPath(outDir)) ?? NO_LOG}`;
}

/** The text of a file and the identity of the bytes read (not of whatever is at the path a moment later); null when there is none. */
function readWithId(path: string): { readonly id: string; readonly size: number; readonly text: string } | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const stats = fstatSync(fd);
      return { id: fileId(stats), size: stats.size, text: readFileSync(fd, 'utf8') };
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** The cache of the last build of `sourceDir` into `outDir`, or null when there is none to trust. */
export async function readBuildCache(sourceDir: string, outDir: string): Promise<BuildCache | null> {
  const path = buildCachePath(outDir);
  const known = remembered.get(path);
  if (known && known.sourceDir === sourceDir && known.outDir === outDir && known.id === idOnDisk(outDir)) return known.cache;
  const base = readWithId(path);
  if (!base) return null;
  let parsed: CacheFile;
  try {
    parsed = JSON.parse(base.text) as CacheFile;
  } catch {
    return null;
  }
  if (parsed?.version !== VERSION || parsed.sourceDir !== sourceDir || parsed.outDir !== outDir) return null;
  if (!Array.isArray(parsed.hashes) || !Array.isArray(parsed.outputs)) return null;
  const logFile = readWithId(buildCacheLogPath(outDir));
  const log = logFile ? logLinesOf(logFile.text, base.id) : { lines: [], whole: true };
  const { hashRows, outputRows } = log.lines.length > 0 ? applyLogLines(parsed.hashes, parsed.outputs, log.lines) : { hashRows: parsed.hashes, outputRows: parsed.outputs };
  const stamp = ([size, mtimeMs, ino]: Stamp): FileStamp => ({ size, mtimeMs, ino });
  // A string append per record, not path.join (which normalises each: ~10 ms for 5,000 records).
  const prefix = sep === '/' ? (sourceDir.endsWith('/') ? sourceDir : `${sourceDir}/`) : null;
  let cache: BuildCache;
  try {
    cache = {
      hashes: hashRows.map(([path, size, mtimeMs, ino, hash]) => ({ path: prefix ? prefix + path : join(sourceDir, path), size, mtimeMs, ino, hash })),
      outputs: outputRows.map(([out, remote, source, from, written, hash]) => ({
        out,
        remote: remote === 1,
        source,
        from: stamp(from),
        written: stamp(written),
        ...(typeof hash === 'string' ? { hash } : {}),
      })),
    };
  } catch {
    // A row of another shape: a damaged cache, so start from nothing.
    return null;
  }
  remembered.set(path, {
    id: `${base.id}|${logFile?.id ?? NO_LOG}`,
    baseId: base.id,
    baseBytes: base.size,
    log: { lines: log.lines.length, bytes: logFile?.size ?? 0, appendable: log.whole },
    sourceDir,
    outDir,
    cache,
  });
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
    if (known && sameHash(known, record)) {
      hashTexts.push(known.text);
      continue;
    }
    const text = JSON.stringify(hashRow(record, prefix));
    // Only a memo: a process that has seen very many files (many projects) starts it again.
    if (hashText.size >= HASH_TEXTS_KEPT) hashText.clear();
    hashText.set(record.path, { size: record.size, mtimeMs: record.mtimeMs, ino: record.ino, hash: record.hash, text });
    hashTexts.push(text);
  }
  const outputTexts = sorted(outputs, (record) => `${record.remote ? 1 : 0}${record.out}`).map((record) => {
    let text = outputText.get(record);
    if (text === undefined) {
      text = JSON.stringify(outputRow(record));
      outputText.set(record, text);
    }
    return text;
  });
  // The key order of CacheFile (CACHE_START: mayReplace judges a cache by how it begins).
  const head = JSON.stringify({ writer: WRITER, version: VERSION, sourceDir, outDir } satisfies Omit<CacheFile, 'hashes' | 'outputs'>);
  return `${head.slice(0, -1)},"hashes":[${hashTexts.join(',')}],"outputs":[${outputTexts.join(',')}]}`;
}

/**
 * Saves the cache; a failure is ignored (the next build just does more work). A build that changed
 * a few records appends them to the log (a rebuild after one change writes ~1 KB, not the 1 MB of
 * a 5,000-file project's cache.json); cache.json is written whole when there is no log to append
 * to, or the log has grown past its share.
 */
export async function writeBuildCache(sourceDir: string, outDir: string, cache: BuildCache): Promise<void> {
  const prefix = sourceDir.endsWith(sep) ? sourceDir : `${sourceDir}${sep}`;
  const path = buildCachePath(outDir);
  const logPath = buildCacheLogPath(outDir);
  const known = remembered.get(path);
  remembered.delete(path);
  // What a read of it would give: the records under sourceDir, by absolute path.
  const kept: BuildCache = { hashes: cache.hashes.filter((record) => record.path.startsWith(prefix)), outputs: cache.outputs };
  try {
    // The cache this process wrote or read is still there: no need to look at how it begins.
    const ours = known !== undefined && known.sourceDir === sourceDir && known.outDir === outDir && known.id === idOnDisk(outDir);
    if (ours && known.log.appendable && logHasRoom(known.log, known.baseBytes)) {
      const text = logLineFor(known.cache, kept, known.baseId, prefix);
      if (text === null) {
        remembered.set(path, { ...known, cache: kept });
        return;
      }
      if (logHasRoom(known.log, known.baseBytes, Buffer.byteLength(text))) {
        const appended = appendLogLine(logPath, text);
        remembered.set(path, { ...known, id: `${known.baseId}|${fileId(appended)}`, log: { lines: known.log.lines + 1, bytes: appended.size, appendable: true }, cache: kept });
        return;
      }
    }
    if (!ours && !mayReplace(path, CACHE_START)) return;
    const written = await writeFileAtomic(path, cacheText(sourceDir, outDir, cache.hashes, cache.outputs));
    // The log's lines are of the cache.json just replaced: gone with it (a kill before this leaves them, and a read ignores them).
    const logGone = removeOurLog(logPath);
    const baseId = fileId(written);
    const logId = logGone ? NO_LOG : (fileIdOnDisk(logPath) ?? NO_LOG);
    remembered.set(path, { id: `${baseId}|${logId}`, baseId, baseBytes: written.size, log: { lines: 0, bytes: 0, appendable: logGone }, sourceDir, outDir, cache: kept });
  } catch {
    // Only a cache.
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

