/**
 * Write a file so that a reader never sees half of it: write a temporary file beside the target,
 * then rename it over the target (rename is atomic within one file system). A crash or a full disk
 * leaves the previous file as it was.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteAtomicOptions {
  /** fsync the data before the rename; slower, survives a power cut. */
  readonly fsync?: boolean;
}

/** Returns the written file's stat (a rename keeps its inode, size and mtime). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<Stats> {
  // Same folder as the target: a rename across file systems would not be atomic.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    let written: Stats;
    try {
      await handle.writeFile(data);
      if (options.fsync) await handle.sync();
      written = await handle.stat();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return written;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
