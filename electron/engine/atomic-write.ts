/**
 * Write a file so that a reader never sees half of it: write a temporary file beside the target,
 * then rename it over the target (rename is atomic within one file system). A crash or a full disk
 * leaves the previous file as it was.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteAtomicOptions {
  /** fsync the data before the rename; slower, survives a power cut. */
  readonly fsync?: boolean;
}

/**
 * Up to this size the write is synchronous underneath: the studio's records (the ownership
 * record, the journal, a history entry, the project file) are a handful of system calls, where
 * five trips through the thread pool cost a rebuild ~1 ms each on a busy machine. Larger files
 * (compressed images, a whole build cache) go through the pool and never hold the event loop.
 */
const SYNC_MAX_BYTES = 1024 * 1024;

/** A plain write (a new file in the build's temporary folder), with the same rule as writeFileAtomic for going through the pool. */
export async function writeFileQuick(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (bytes.byteLength <= SYNC_MAX_BYTES) writeFileSync(path, bytes);
  else await writeFile(path, bytes);
}

/** Returns the written file's stat (a rename keeps its inode, size and mtime). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<Stats> {
  // Same folder as the target: a rename across file systems would not be atomic.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    return bytes.byteLength <= SYNC_MAX_BYTES ? writeThenRenameSync(temp, path, bytes, options) : await writeThenRename(temp, path, bytes, options);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function writeThenRenameSync(temp: string, path: string, data: Uint8Array, options: WriteAtomicOptions): Stats {
  const fd = openSync(temp, 'w');
  let written: Stats;
  try {
    writeFileSync(fd, data);
    if (options.fsync) fsyncSync(fd);
    written = fstatSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return written;
}

async function writeThenRename(temp: string, path: string, data: Uint8Array, options: WriteAtomicOptions): Promise<Stats> {
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
}
