/**
 * The bytes of one output file, written to a path in the build's temporary folder: a generated
 * file's content, or a copy of its source checked against what the layout described
 * (output/verify.ts). Both ways of putting a build in place use it: a whole new OUT
 * (build.ts, swap.ts) and an update in place (in-place.ts). A step that makes other bytes for a
 * file (a transform) is one more source of bytes here.
 */
import { constants } from 'node:fs';
import { access, rename } from 'node:fs/promises';
import { joinClean } from '../paths.js';
import type { OutputFile, ProjectSettings } from '../types.js';
import type { OutputRecord } from './build-cache.js';
import type { Reuse } from './reuse.js';
import type { Stager } from './stage.js';
import { codeOf, type ChangedFile, type CopyVerifier } from './verify.js';
import { sourceUnreadable, writeFailure } from './write-errors.js';

/** The file operations used to write bytes (tests pass failing or killing ones). */
export interface ByteOps {
  copyFile(src: string, dest: string, mode: number): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

export interface WriteOne {
  readonly settings: ProjectSettings;
  readonly fs: ByteOps;
  readonly verifier: CopyVerifier;
  readonly reuse: Reuse;
  /** Collects every source that changed under the build (the build then fails naming them all). */
  readonly changed: ChangedFile[];
  /** Copies made while the layout hashed (output/stage.ts), all settled. */
  readonly staged: Stager | null;
}

export function sourcePathOf(settings: ProjectSettings, file: OutputFile): string {
  return joinClean(settings.sourceDir, file.source ?? file.out);
}

/**
 * Writes `file` at `temp` (`final`: where it will be, for messages). Returns the build cache's
 * record of a copy that a later build may reuse, or null.
 */
export async function writeOne(ctx: WriteOne, file: OutputFile, temp: string, final: string): Promise<OutputRecord | null> {
  if (file.content !== null) {
    await ctx.fs.writeFile(temp, file.content).catch((error: unknown) => {
      throw writeFailure(error, final);
    });
    return null;
  }
  const src = sourcePathOf(ctx.settings, file);
  const staged = file.source === null ? undefined : ctx.staged?.take(file.source);
  if (staged && (await rename(staged.path, temp).then(() => true, () => false))) return checkCopy(ctx, file, src, temp, final, staged.startedAt);
  const startedAt = Date.now();
  // COPYFILE_FICLONE: a reflink where the file system can (btrfs, XFS, APFS), else a kernel copy.
  const copied = await ctx.fs.copyFile(src, temp, constants.COPYFILE_FICLONE).then(
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

/** The copy at `temp` against the layout (output/verify.ts), whenever and wherever it was made. */
async function checkCopy(ctx: WriteOne, file: OutputFile, src: string, temp: string, final: string, startedAt: number): Promise<OutputRecord | null> {
  const result = await ctx.verifier.check(file, src, temp, startedAt).catch((error: unknown) => {
    throw writeFailure(error, final);
  });
  if (result.changed) ctx.changed.push(result.changed);
  return result.reusable ? ctx.reuse.recordCopy(file, result.written) : null;
}
