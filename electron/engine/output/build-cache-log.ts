/**
 * cache.log, beside the build cache's cache.json (output/build-cache.ts): the changes of each build
 * since cache.json was last written whole, a JSON line per build. A rebuild after one change
 * appends ~1 KB instead of writing the 1 MB cache.json of a 5,000-file project again.
 *
 * Each line names the cache.json it changes by that file's identity, so a line left from before
 * cache.json was written whole again is never applied to the new one. A line cut short by a kill
 * ends the log there. Removals are applied before additions.
 */
import { closeSync, constants, fstatSync, openSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import type { HashRecord } from '../hash-cache.js';
import type { BuildCache } from './build-cache.js';
import { hashRow, LOG_START, mayReplace, outputRow, sameHash, type HashRow, type OutputRow } from './build-cache-format.js';
import { WRITER } from './owner.js';

interface LogLine {
  readonly writer: typeof WRITER;
  /** The identity of the cache.json this line changes. */
  readonly base: string;
  readonly dropHashes: string[];
  readonly hashes: HashRow[];
  readonly dropOutputs: [0 | 1, string][];
  readonly outputs: OutputRow[];
}

/** A build appends its changes while the log stays this small next to cache.json; past it, cache.json is written whole and the log removed. */
const LOG_LINES_KEPT = 32;
const LOG_SHARE_OF_BASE = 1 / 4;

export function logHasRoom(log: { readonly lines: number; readonly bytes: number }, baseBytes: number, lineBytes = 0): boolean {
  return log.lines < LOG_LINES_KEPT && log.bytes + lineBytes <= baseBytes * LOG_SHARE_OF_BASE;
}

/** The log's lines of this base, in order, up to the first that is not one (a line cut short by a kill, or another base's); `whole` when there was none such. */
export function logLinesOf(text: string, baseId: string): { readonly lines: readonly LogLine[]; readonly whole: boolean } {
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

/** cache.json's rows with the lines applied, in order. */
export function applyLogLines<H extends HashRow, O extends OutputRow>(hashRows: readonly H[], outputRows: readonly O[], lines: readonly LogLine[]): { hashRows: H[]; outputRows: O[] } {
  const hashByPath = new Map(hashRows.map((row) => [row[0], row]));
  const outputByKey = new Map(outputRows.map((row) => [`${row[1]}${row[0]}`, row]));
  for (const line of lines) {
    for (const dropped of line.dropHashes) hashByPath.delete(dropped);
    for (const row of line.hashes) hashByPath.set(row[0], row as H);
    for (const [remote, out] of line.dropOutputs) outputByKey.delete(`${remote}${out}`);
    for (const row of line.outputs) outputByKey.set(`${row[1]}${row[0]}`, row as O);
  }
  return { hashRows: [...hashByPath.values()], outputRows: [...outputByKey.values()] };
}

/**
 * The line from the cache as last written (`before`, of cache.json `baseId` and its log) to
 * `next`, as text: hashes compared field by field (the hash cache makes them afresh), output
 * records by identity (a kept one is the same object). Null when nothing changed.
 */
export function logLineFor(before: BuildCache, next: BuildCache, baseId: string, prefix: string): string | null {
  // Successive caches share the records of unchanged files, mostly at the same place (the hash
  // cache's snapshots: hash-cache.ts); only the others are looked up by path.
  const hashesBefore = new Map<string, HashRecord>();
  const hashesNew: HashRecord[] = [];
  for (let i = 0; i < Math.max(before.hashes.length, next.hashes.length); i++) {
    const was = before.hashes[i];
    const record = next.hashes[i];
    if (was === record) continue;
    if (was) hashesBefore.set(was.path, was);
    if (record) hashesNew.push(record);
  }
  const hashes: HashRow[] = [];
  for (const record of hashesNew) {
    const was = hashesBefore.get(record.path);
    if (!was || !sameHash(was, record)) hashes.push(hashRow(record, prefix));
    hashesBefore.delete(record.path);
  }
  const outputsBefore = new Set(before.outputs);
  const outputs = next.outputs.filter((record) => !outputsBefore.delete(record)).map(outputRow);
  const dropHashes = [...hashesBefore.values()].map((record) => hashRow(record, prefix)[0]);
  const dropOutputs = [...outputsBefore].map((record): [0 | 1, string] => [record.remote ? 1 : 0, record.out]);
  if (hashes.length + outputs.length + dropHashes.length + dropOutputs.length === 0) return null;
  const line: LogLine = { writer: WRITER, base: baseId, dropHashes, hashes, dropOutputs, outputs };
  return `${JSON.stringify(line)}\n`;
}

/** Never through a link put at the log's path since it was checked: its target is not the studio's. */
const APPEND_NO_FOLLOW = constants.O_NOFOLLOW === undefined ? 'a' : constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Appends one whole line; returns the log's stat after it. Synchronous: ~1 KB, where three trips through the thread pool cost a rebuild ~1 ms each on a busy machine. */
export function appendLogLine(path: string, text: string): Stats {
  const fd = openSync(path, APPEND_NO_FOLLOW);
  try {
    writeFileSync(fd, text);
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes the log when it is missing or one the studio wrote; true when there is none afterwards. */
export function removeOurLog(path: string): boolean {
  if (!mayReplace(path, LOG_START)) return false;
  rmSync(path, { force: true });
  return true;
}
