/**
 * What a path really is: the studio judges every path it writes by lstat (a symlink is itself, not
 * what it points to) and by its real path (every symlink on the way resolved), so a link can never
 * lead a build into the project or a removal out of the folder being removed.
 */
import { lstatSync, readdirSync, realpathSync, type BigIntStats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * lstat, or null when nothing is there. Synchronous underneath: a build asks it one path at a
 * time, dozens of times on its way (the checks, the lock, the journal's steps), and a stat is a
 * few microseconds of kernel work where a trip through the thread pool costs a rebuild after one
 * change ~1 ms each on a busy machine.
 */
export async function lstatOrNull(path: string): Promise<BigIntStats | null> {
  try {
    return lstatSync(path, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}

/** The names in a folder, or none when it cannot be listed (missing, not a folder); synchronous, as lstatOrNull. */
export function namesInOrNone(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The real path of `path`: fs.realpath of the nearest ancestor that exists, plus the rest. A
 * symlink at `path` itself is followed too, so the answer is where a write would really land.
 * (Synchronous underneath: a handful of system calls, and the plan's checks need it synchronously.)
 */
export async function realPathOf(path: string): Promise<string> {
  return realPathOfSync(path);
}

/** realPathOf, synchronously: the plan's checks run it on every live change. */
export function realPathOfSync(path: string): string {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch (error) {
      const parent = dirname(at);
      if (parent === at || !['ENOENT', 'ENOTDIR', 'ELOOP'].includes((error as NodeJS.ErrnoException).code ?? '')) return path;
      rest.push(basename(at));
      at = parent;
    }
  }
}

/** A file's identity on disk (device and inode): a rename keeps it, a copy or a new file does not. */
export function identityOf(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * The identity the ownership record keeps, for the long run: device and inode, and the birth time,
 * because a file system hands a freed inode to the next new file (a user's file saved where the
 * studio's was gets the same number). A file adds its size and mtime, so editing it in place makes
 * it the user's. A rename changes none of these.
 */
export function ownershipIdOf(stats: BigIntStats): string {
  const born = `${identityOf(stats)}:${stats.birthtimeNs}`;
  return stats.isDirectory() ? born : `${born}:${stats.size}:${stats.mtimeNs}`;
}

/** What is at a path, in words for a message. */
export function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFile()) return 'a file';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a folder';
}
