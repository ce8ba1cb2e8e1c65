/**
 * How the build cache's files hold its records (output/build-cache.ts): a record as a JSON row,
 * and how each of the studio's cache files begins, which is how a file at their path is judged
 * the studio's before it is replaced or removed.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { toPosix } from '../paths.js';
import type { HashRecord } from '../hash-cache.js';
import type { FileStamp, OutputRecord } from './build-cache.js';
import { WRITER } from './owner.js';

export type Stamp = [size: number, mtimeMs: number, ino: number];
/** [source path relative to sourceDir, size, mtimeMs, ino, sha1 hex] */
export type HashRow = [string, number, number, number, string];
/** [out, remote 0/1, source, from, written, sha1 of a compressed image's bytes?] */
export type OutputRow = [string, 0 | 1, string, Stamp, Stamp] | [string, 0 | 1, string, Stamp, Stamp, string];

const stampRow = (s: FileStamp): Stamp => [s.size, s.mtimeMs, s.ino];

/** `prefix`: the source folder with its trailing separator. */
export function hashRow(record: HashRecord, prefix: string): HashRow {
  return [toPosix(record.path.slice(prefix.length)), record.size, record.mtimeMs, record.ino, record.hash];
}

export function outputRow(record: OutputRecord): OutputRow {
  const fields: [string, 0 | 1, string, Stamp, Stamp] = [record.out, record.remote ? 1 : 0, record.source, stampRow(record.from), stampRow(record.written)];
  return record.hash === undefined ? fields : [...fields, record.hash];
}

export function sameHash(a: HashRecord | { readonly size: number; readonly mtimeMs: number; readonly ino: number; readonly hash: string }, b: HashRecord): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.hash === b.hash;
}

/** How every cache.json the studio writes begins (JSON.stringify keeps the key order of its fields). */
export const CACHE_START = `{"writer":${JSON.stringify(WRITER)},"version":`;

/** How every line of cache.log begins (JSON.stringify keeps the key order of a log line). */
export const LOG_START = `{"writer":${JSON.stringify(WRITER)},"base":`;

/**
 * Only over nothing or a file the studio wrote: any other file there is left as it is, and the
 * cache not kept. Judged by how the file begins (`start`), so a 5,000-file project's 1 MB cache is
 * not read and parsed again just to be replaced.
 */
export function mayReplace(path: string, start: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const begins = Buffer.alloc(Buffer.byteLength(start));
    const bytesRead = readSync(fd, begins, 0, begins.length, 0);
    return fstatSync(fd).isFile() && bytesRead === begins.length && begins.toString('utf8') === start;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}
