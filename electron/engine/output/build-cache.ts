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
import { constants, type Stats } from 'node:fs';
import { lstat, open, rm } from 'node:fs/promises';
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
/** [source path relative to sourceDir, size, mtimeMs, ino, sha1 hex] */
type HashRow = [string, number, number, number, string];
/** [out, remote 0/1, source, from, written, sha1 of a compressed image's bytes?] */
type OutputRow = [string, 0 | 1, string, Stamp, Stamp] | [string, 0 | 1, string, Stamp, Stamp, string];
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

/**
 * One build's changes to the records, appended to cache.log. Each line names the cache.json it
 * changes by that file's identity, so a line left from before cache.json was written whole again
 * is never applied to the new one. Removals are applied before additions.
 */
interface LogLine {
  readonly writer: typeof WRITER;
  readonly base: string;
  readonly dropHashes: string[];
  readonly hashes: HashRow[];
  readonly dropOutputs: [0 | 1, string][];
  readonly outputs: OutputRow[];
}

/** A build appends its changes while the log stays this small next to cache.json; past it, cache.json is written whole and the log removed. */
const LOG_LINES_KEPT = 32;
const LOG_SHARE_OF_BASE = 1 / 4;

/** How every line of the log begins (JSON.stringify keeps the key order of LogLine). */
const LOG_START = `{"writer":${JSON.stringify(WRITER)},"base":`;

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

async function fileIdOnDisk(path: string): Promise<string | null> {
  try {
    const stats = await lstat(path);
    return stats.isFile() ? fileId(stats) : null;
  } catch {
    return null;
  }
}

const NO_LOG = '-';

async function idOnDisk(outDir: string): Promise<string | null> {
  const [base, log] = await Promise.all([fileIdOnDisk(buildCachePath(outDir)), fileIdOnDisk(buildCacheLogPath(outDir))]);
  return base === null ? null : `${base}|${log ?? NO_LOG}`;
}

/** The text of a file and the identity of the bytes read (not of whatever is at the path a moment later); null when there is none. */
async function readWithId(path: string): Promise<{ readonly id: string; readonly size: number; readonly text: string } | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      return { id: fileId(stats), size: stats.size, text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** The log's lines of this base, in order, up to the first that is not one (a line cut short by a kill, or another base's). */
function logLinesOf(text: string, baseId: string): { readonly lines: LogLine[]; readonly whole: boolean } {
  const parts = text.split('\n');
  // After the last line break: '' when the last append finished.
  const whole = parts.pop() === '';
  const lines: LogLine[] = [];
  for (const part of parts) {
    let line: LogLine;
    try {
      line = JSON.parse(part) as LogLine;
    } catch {
      return { lines, whole: false };
    }
    const wellFormed = line?.writer === WRITER && line.base === baseId && [line.dropHashes, line.hashes, line.dropOutputs, line.outputs].every(Array.isArray);
    if (!wellFormed) return { lines, whole: false };
    lines.push(line);
  }
  return { lines, whole };
}

/** The cache of the last build of `sourceDir` into `outDir`, or null when there is none to trust. */
export async function readBuildCache(sourceDir: string, outDir: string): Promise<BuildCache | null> {
  const path = buildCachePath(outDir);
  const known = remembered.get(path);
  if (known && known.sourceDir === sourceDir && known.outDir === outDir && known.id === (await idOnDisk(outDir))) return known.cache;
  const base = await readWithId(path);
  if (!base) return null;
  let parsed: CacheFile;
  try {
    parsed = JSON.parse(base.text) as CacheFile;
  } catch {
    return null;
  }
  if (parsed?.version !== VERSION || parsed.sourceDir !== sourceDir || parsed.outDir !== outDir) return null;
  if (!Array.isArray(parsed.hashes) || !Array.isArray(parsed.outputs)) return null;
  const logFile = await readWithId(buildCacheLogPath(outDir));
  const log = logFile ? logLinesOf(logFile.text, base.id) : { lines: [], whole: true };
  let hashRows = parsed.hashes;
  let outputRows = parsed.outputs;
  if (log.lines.length > 0) {
    const hashByPath = new Map(hashRows.map((row) => [row[0], row]));
    const outputByKey = new Map(outputRows.map((row) => [`${row[1]}${row[0]}`, row]));
    for (const line of log.lines) {
      for (const dropped of line.dropHashes) hashByPath.delete(dropped);
      for (const row of line.hashes) hashByPath.set(row[0], row);
      for (const [remote, out] of line.dropOutputs) outputByKey.delete(`${remote}${out}`);
      for (const row of line.outputs) outputByKey.set(`${row[1]}${row[0]}`, row);
    }
    hashRows = [...hashByPath.values()];
    outputRows = [...outputByKey.values()];
  }
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

const stampRow = (s: FileStamp): Stamp => [s.size, s.mtimeMs, s.ino];

function hashRow(record: HashRecord, prefix: string): HashRow {
  return [toPosix(record.path.slice(prefix.length)), record.size, record.mtimeMs, record.ino, record.hash];
}

function outputRow(record: OutputRecord): OutputRow {
  const fields: [string, 0 | 1, string, Stamp, Stamp] = [record.out, record.remote ? 1 : 0, record.source, stampRow(record.from), stampRow(record.written)];
  return record.hash === undefined ? fields : [...fields, record.hash];
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

function sameHash(a: HashRecord | { readonly size: number; readonly mtimeMs: number; readonly ino: number; readonly hash: string }, b: HashRecord): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.hash === b.hash;
}

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
  // The key order of CacheFile (mayReplace judges a cache by how it begins).
  const head = JSON.stringify({ writer: WRITER, version: VERSION, sourceDir, outDir } satisfies Omit<CacheFile, 'hashes' | 'outputs'>);
  return `${head.slice(0, -1)},"hashes":[${hashTexts.join(',')}],"outputs":[${outputTexts.join(',')}]}`;
}

/**
 * What changed from the cache as last written to this one: hashes compared field by field (the
 * hash cache makes them afresh), output records by identity (a kept one is the same object). Null
 * when nothing did.
 */
function logLineFor(known: Remembered, next: BuildCache, prefix: string): LogLine | null {
  const before = new Map(known.cache.hashes.map((record) => [record.path, record]));
  const hashes: HashRow[] = [];
  for (const record of next.hashes) {
    const was = before.get(record.path);
    if (!was || !sameHash(was, record)) hashes.push(hashRow(record, prefix));
    before.delete(record.path);
  }
  const outputsBefore = new Set(known.cache.outputs);
  const outputs = next.outputs.filter((record) => !outputsBefore.delete(record)).map(outputRow);
  const dropHashes = [...before.values()].map((record) => hashRow(record, prefix)[0]);
  const dropOutputs = [...outputsBefore].map((record): [0 | 1, string] => [record.remote ? 1 : 0, record.out]);
  if (hashes.length + outputs.length + dropHashes.length + dropOutputs.length === 0) return null;
  return { writer: WRITER, base: known.baseId, dropHashes, hashes, dropOutputs, outputs };
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
    const ours = known !== undefined && known.sourceDir === sourceDir && known.outDir === outDir && known.id === (await idOnDisk(outDir));
    if (ours && known.log.appendable && known.log.lines < LOG_LINES_KEPT) {
      const line = logLineFor(known, kept, prefix);
      const text = line && `${JSON.stringify(line)}\n`;
      if (text === null) {
        remembered.set(path, { ...known, cache: kept });
        return;
      }
      if (known.log.bytes + Buffer.byteLength(text) <= known.baseBytes * LOG_SHARE_OF_BASE) {
        const appended = await appendLine(logPath, text);
        remembered.set(path, { ...known, id: `${known.baseId}|${fileId(appended)}`, log: { lines: known.log.lines + 1, bytes: appended.size, appendable: true }, cache: kept });
        return;
      }
    }
    if (!ours && !(await mayReplace(path, CACHE_START))) return;
    const written = await writeFileAtomic(path, cacheText(sourceDir, outDir, cache.hashes, cache.outputs));
    // The log's lines are of the cache.json just replaced: gone with it (a kill before this leaves them, and a read ignores them).
    const logGone = await removeOurLog(logPath);
    const baseId = fileId(written);
    const logId = logGone ? NO_LOG : ((await fileIdOnDisk(logPath)) ?? NO_LOG);
    remembered.set(path, { id: `${baseId}|${logId}`, baseId, baseBytes: written.size, log: { lines: 0, bytes: 0, appendable: logGone }, sourceDir, outDir, cache: kept });
  } catch {
    // Only a cache.
  }
}

/** Never through a link put at the log's path since it was checked: its target is not the studio's. */
const APPEND_NO_FOLLOW = constants.O_NOFOLLOW === undefined ? 'a' : constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Appends one whole line; returns the log's stat after it. */
async function appendLine(path: string, text: string): Promise<Stats> {
  const handle = await open(path, APPEND_NO_FOLLOW);
  try {
    await handle.writeFile(text);
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/** Removes the log when it is missing or one the studio wrote; true when there is none afterwards. */
async function removeOurLog(path: string): Promise<boolean> {
  if (!(await mayReplace(path, LOG_START))) return false;
  await rm(path, { force: true });
  return true;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** How every cache the studio writes begins (JSON.stringify keeps the key order of CacheFile). */
const CACHE_START = `{"writer":${JSON.stringify(WRITER)},"version":`;

/**
 * Only over nothing or a file the studio wrote: any other file there is left as it is, and the
 * cache not kept. Judged by how the file begins (`start`), so a 5,000-file project's 1 MB cache is
 * not read and parsed again just to be replaced.
 */
async function mayReplace(path: string, start: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const begins = Buffer.alloc(Buffer.byteLength(start));
    const { bytesRead } = await handle.read(begins, 0, begins.length, 0);
    return (await handle.stat()).isFile() && bytesRead === begins.length && begins.toString('utf8') === start;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
