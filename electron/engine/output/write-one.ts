/**
 * The bytes of one output file, written to a path in the build's temporary folder: a generated
 * file's content, or a copy of its source checked against what the layout described
 * (output/verify.ts). Both ways of putting a build in place use it: a whole new OUT
 * (build.ts, swap.ts) and an update in place (in-place.ts). A step that makes other bytes for a
 * file (a transform) is one more source of bytes here: a compressed image is written from its
 * bytes in memory, or linked (else copied) from the compression cache's file of them, and
 * recorded for the next build by the sha1 of those bytes.
 */
import { constants, renameSync } from 'node:fs';
import { access, lstat } from 'node:fs/promises';
import { sha1File } from '../hash-cache.js';
import { joinedOnce } from '../paths.js';
import type { EncodedBytes, OutputFile, ProjectSettings } from '../types.js';
import type { OutputRecord } from './build-cache.js';
import type { Reuse } from './reuse.js';
import type { Stager } from './stage.js';
import { contentBytes } from './prepared-bytes.js';
import { codeOf, type ChangedFile, type CopyVerifier } from './verify.js';
import { sourceUnreadable, writeFailure } from './write-errors.js';

/** The file operations used to write bytes (tests pass failing or killing ones). */
export interface ByteOps {
  copyFile(src: string, dest: string, mode: number): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Hard link (without it, a compressed image is copied from the cache). */
  linkSync?(existing: string, newPath: string): void;
}

export interface WriteOne {
  readonly settings: ProjectSettings;
  readonly fs: ByteOps;
  readonly verifier: CopyVerifier;
  readonly reuse: Reuse;
  /** Collects every source that changed under the build (the build then fails naming them all). */
  readonly changed: ChangedFile[];
  /** Copies made while the layout hashed (output/stage.ts), each taken as soon as it is made. */
  readonly staged: Stager | null;
}

/**
 * How a copy is made: COPYFILE_FICLONE, a reflink where the file system can (btrfs, XFS, APFS),
 * else a kernel copy (copy_file_range). COPYFILE_EXCL, because every copy goes to a new path in
 * the build's own temporary folder: it must never write into a file that is there, and without it
 * libuv truncates the new file first, which ext4 takes as a rewrite and answers by flushing the
 * file to disk on close (auto_da_alloc), a write-back per file while the build runs.
 */
export const COPY_MODE = constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE;

const sourcePaths = joinedOnce<OutputFile>();

export function sourcePathOf(settings: ProjectSettings, file: OutputFile): string {
  return sourcePaths(settings.sourceDir, file, file.source ?? file.out);
}

/**
 * Writes `file` at `temp` (`final`: where it will be, for messages). Returns the build cache's
 * record of a copy that a later build may reuse, or null.
 */
export async function writeOne(ctx: WriteOne, file: OutputFile, temp: string, final: string): Promise<OutputRecord | null> {
  if (file.encoded?.cached) return fromCache(ctx, file, file.encoded, temp, final);
  const content = contentBytes(file);
  if (content !== null) {
    await ctx.fs.writeFile(temp, content).catch((error: unknown) => {
      throw writeFailure(error, final);
    });
    return file.encoded ? encodedRecord(file, file.encoded, temp, final) : null;
  }
  const src = sourcePathOf(ctx.settings, file);
  const staged = file.source === null ? undefined : await ctx.staged?.take(file.source);
  if (staged && movedTo(staged.path, temp)) return checkCopy(ctx, file, src, temp, final, staged.startedAt);
  const startedAt = Date.now();
  const copied = await ctx.fs.copyFile(src, temp, COPY_MODE).then(
    () => true,
    async (error: unknown) => {
      const readable = await access(src, constants.R_OK).then(
        () => true,
        () => false,
      );
      // Scanned, then gone before its copy: deleted while the build ran.
      if (!readable && codeOf(error) === 'ENOENT') return false;
      throw readable ? writeFailure(error, final) : sourceUnreadable(file.source ?? file.out, error);
    },
  );
  if (!copied) {
    ctx.changed.push({ path: file.source ?? file.out, how: 'deleted' });
    return null;
  }
  return checkCopy(ctx, file, src, temp, final, startedAt);
}

/**
 * A staged copy renamed to its place, within the build's temporary folder. Synchronous: a few µs
 * of kernel work, where through libuv's pool (busy with the copies) it is a round trip each.
 * false: the copy is made again (and its error, if any, named then).
 */
function movedTo(staged: string, temp: string): boolean {
  try {
    renameSync(staged, temp);
    return true;
  } catch {
    return false;
  }
}

/** The copy at `temp` against the layout (output/verify.ts), whenever and wherever it was made. */
async function checkCopy(ctx: WriteOne, file: OutputFile, src: string, temp: string, final: string, startedAt: number): Promise<OutputRecord | null> {
  const result = await ctx.verifier.check(file, src, temp, startedAt).catch((error: unknown) => {
    throw writeFailure(error, final);
  });
  if (result.changed) ctx.changed.push(result.changed);
  return result.reusable ? ctx.reuse.recordCopy(file, result.written) : null;
}

/**
 * A compressed image from the compression cache's file (electron/engine/optimize/store.ts): a
 * hard link where the cache and OUT share a file system, else a copy (a reflink where it can).
 * A link with the stat the layout checked is those bytes (only the studio writes that file, and
 * only as a new one); anything else is hashed. Other bytes than the layout's (the cache file
 * changed under the build) count as a changed source: the build starts over once, and its layout
 * finds the cache file changed and encodes the image again.
 */
async function fromCache(ctx: WriteOne, file: OutputFile, encoded: EncodedBytes, temp: string, final: string): Promise<OutputRecord | null> {
  const cached = encoded.cached as NonNullable<EncodedBytes['cached']>;
  let linked = false;
  try {
    if (ctx.fs.linkSync) {
      ctx.fs.linkSync(cached.path, temp);
      linked = true;
    }
  } catch {
    // Another file system, or none with hard links: copied below.
  }
  if (!linked) {
    const copied = await ctx.fs.copyFile(cached.path, temp, COPY_MODE).then(
      () => true,
      async (error: unknown) => {
        // The cache file gone under the build: as a changed source (below). Anything else is the write's.
        if (codeOf(error) === 'ENOENT' && !(await lstat(cached.path).then(() => true, () => false))) return false;
        throw writeFailure(error, final);
      },
    );
    if (!copied) {
      ctx.changed.push({ path: file.source ?? file.out, how: 'rewritten' });
      return null;
    }
  }
  const info = await lstat(temp);
  const same = linked && info.isFile() && info.size === cached.size && info.mtimeMs === cached.mtimeMs && info.ino === cached.ino;
  if (!same && (!info.isFile() || info.size !== file.bytes || (await sha1File(temp, info.size)).hash !== encoded.hash)) {
    ctx.changed.push({ path: file.source ?? file.out, how: 'rewritten' });
    return null;
  }
  return recordOf(file, encoded, info);
}

/** The build cache's record of a compressed image just written: the bytes of `encoded.hash`, at this stat. */
async function encodedRecord(file: OutputFile, encoded: EncodedBytes, temp: string, final: string): Promise<OutputRecord | null> {
  const info = await lstat(temp).catch((error: unknown) => {
    throw writeFailure(error, final);
  });
  return info.size === file.bytes ? recordOf(file, encoded, info) : null;
}

function recordOf(file: OutputFile, encoded: EncodedBytes, info: { size: number; mtimeMs: number; ino: number }): OutputRecord | null {
  if (file.source === null) return null;
  const written = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  return { out: file.out, remote: file.remote, source: file.source, from: written, written, hash: encoded.hash };
}
