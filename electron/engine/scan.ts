/**
 * scan: the inventory of a game folder (path, size, mtime, inode), the first stage of the flow.
 *
 * - Leaves out `build/` and `minigame-studio.json` at the top, and every dotfile or dot-folder.
 * - Bounded concurrency: folders are read SCAN_CONCURRENCY at a time, so a 50,000-file tree never
 *   holds more than that many file handles. Files are stat'ed with statSync, in slices of at most
 *   ~8 ms between which the event loop runs: it holds no handle and, measured here on 20,000
 *   files, took 111 ms where promise-based stat through a pool of 32 took 566 ms.
 * - Symbolic links inside the game folder are followed (the platform tools upload what the link
 *   points at). A link whose real target lies outside the game folder (`images/x.png ->
 *   /etc/passwd`, `assets -> ../../elsewhere`) is listed in `linksOutside` and left out, unless
 *   `followLinksOutside` is set (the project file's `includeLinksOutsideProject`): the package
 *   must not pick up files from elsewhere on the machine silently. A link to a folder that is
 *   already an ancestor on the current path, by real path, is a loop: it is not entered and is
 *   listed as unreadable. A dangling link is listed as unreadable too.
 * - Anything that can't be read is recorded in `unreadable` and the scan goes on.
 */
import { statSync, type Dirent, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { PROJECT_FILE_NAME } from '../../shared/project-file.js';
import { StudioError } from './errors.js';
import { createLimiter } from './limit.js';
import type { Inventory, OutsideLink, ScannedFile, UnreadableEntry } from './types.js';

export const SCAN_CONCURRENCY = 32;

/** The longest the scan keeps the event loop busy with statSync before letting it run. */
const SLICE_MS = 8;

/** Top-level names that are never part of the game. */
const TOP_LEVEL_SKIPPED: ReadonlySet<string> = new Set(['build', PROJECT_FILE_NAME]);

export interface ScanOptions {
  readonly signal?: AbortSignal;
  /** Take what links leading out of the game folder point at (they are still listed). Default: leave them out. */
  readonly followLinksOutside?: boolean;
  /**
   * The game folder "outside" is judged against, when `root` is one of its folders (the live
   * report scans a folder that arrives on its own). Default: `root`.
   */
  readonly gameRoot?: string;
}

type Unreadable = UnreadableEntry;

/** Whether a path (relative, POSIX) is one `scan` leaves out; the watcher uses the same rule. */
export function isSkippedPath(relPath: string): boolean {
  const parts = relPath.split('/');
  if (parts.some((part) => part.startsWith('.'))) return true;
  if (parts[0] === 'build') return true;
  return parts.length === 1 && parts[0] === PROJECT_FILE_NAME;
}

export async function scan(root: string, options: ScanOptions = {}): Promise<Inventory> {
  const absRoot = resolve(root);
  const signal = options.signal;
  const limit = createLimiter(SCAN_CONCURRENCY);
  const files: ScannedFile[] = [];
  const folders = new Set<string>();
  const unreadable: Unreadable[] = [];
  const linksOutside: OutsideLink[] = [];
  const followOutside = options.followLinksOutside === true;
  let rootReal: string;
  let gameReal: string;
  try {
    rootReal = await realpath(absRoot);
    gameReal = options.gameRoot === undefined ? rootReal : await realpath(options.gameRoot);
  } catch (error) {
    throw new StudioError(`The game folder ${absRoot} can't be opened (${describe(error)}). Check the path, or choose another folder.`, {
      code: 'DIR_MISSING',
      path: absRoot,
      cause: error,
    });
  }

  let sliceStart = performance.now();
  const sliceDone = (): boolean => performance.now() - sliceStart >= SLICE_MS;
  const pause = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    signal?.throwIfAborted();
  };

  // A dangling link or a link loop is stepped over; anything else the game would ship without.
  const fail = (path: string, error: unknown): void => {
    const code = (error as NodeJS.ErrnoException).code;
    const kind = code === 'ENOENT' || code === 'ELOOP' ? 'skipped' : 'unreadable';
    unreadable.push({ path, message: describe(error), kind });
  };

  const walk = async (rel: string, real: string, chain: readonly string[]): Promise<void> => {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await limit(() => readdir(join(absRoot, rel), { withFileTypes: true }));
    } catch (error) {
      fail(rel, error);
      return;
    }
    const folderWalks: Promise<void>[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      if (rel === '' && TOP_LEVEL_SKIPPED.has(name)) continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (entry.isDirectory()) {
        folders.add(childRel);
        folderWalks.push(walk(childRel, join(real, name), [...chain, real]));
      } else if (entry.isFile()) {
        addFileSync(childRel, join(absRoot, childRel));
        if (sliceDone()) await pause();
      } else if (entry.isSymbolicLink()) {
        folderWalks.push(followLink(childRel, join(absRoot, childRel), [...chain, real]));
      } else {
        unreadable.push({ path: childRel, message: 'not a regular file or folder (a socket, pipe or device)', kind: 'skipped' });
      }
    }
    await Promise.all(folderWalks);
  };

  const addFileSync = (rel: string, abs: string): void => {
    try {
      record(rel, statSync(abs));
    } catch (error) {
      fail(rel, error);
    }
  };

  const record = (rel: string, info: Stats): void => {
    if (!canRead(info)) unreadable.push({ path: rel, message: 'permission denied (the file is not readable by you)', kind: 'unreadable' });
    else files.push({ path: rel, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
  };

  const followLink = async (rel: string, abs: string, chain: readonly string[]): Promise<void> => {
    let info: Stats;
    try {
      info = await limit(() => stat(abs));
    } catch (error) {
      fail(rel, error);
      return;
    }
    if (!info.isFile() && !info.isDirectory()) {
      unreadable.push({ path: rel, message: 'the link points at something that is not a file or folder', kind: 'skipped' });
      return;
    }
    let target: string;
    try {
      target = await limit(() => realpath(abs));
    } catch (error) {
      fail(rel, error);
      return;
    }
    if (!isInside(target, gameReal)) {
      linksOutside.push({ path: rel, target, kind: info.isFile() ? 'file' : 'folder', followed: followOutside });
      if (!followOutside) return;
    }
    if (info.isFile()) return record(rel, info);
    // A loop: the link leads back to a folder we are already inside.
    if (chain.some((ancestor) => ancestor === target || ancestor.startsWith(`${target}/`))) {
      unreadable.push({ path: rel, message: `symbolic link loop (points back to ${target}); it was skipped`, kind: 'skipped' });
      return;
    }
    folders.add(rel);
    await walk(rel, target, chain);
  };

  await walk('', rootReal, []);
  signal?.throwIfAborted();
  files.sort((a, b) => compare(a.path, b.path));
  unreadable.sort((a, b) => compare(a.path, b.path));
  linksOutside.sort((a, b) => compare(a.path, b.path));
  return { root: absRoot, files: new Map(files.map((file) => [file.path, file])), folders, unreadable, linksOutside };
}

/** Whether a real path is the folder itself or lies under it. */
function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/**
 * Stat one file of the game (for incremental updates); null when it is gone, not a file, or (as in
 * `scan`) a link whose real target lies outside the game folder, unless `followLinksOutside`.
 */
export async function statFile(root: string, rel: string, options: Pick<ScanOptions, 'followLinksOutside'> = {}): Promise<ScannedFile | Unreadable | null> {
  try {
    const abs = join(root, rel);
    // One system call for a plain file, as before links were checked; a link also gets its target.
    const own = await lstat(abs);
    const info = own.isSymbolicLink() ? await stat(abs) : own;
    if (!info.isFile()) return null;
    if (own.isSymbolicLink() && options.followLinksOutside !== true && !isInside(await realpath(abs), await realpath(root))) return null;
    if (!canRead(info)) return { path: rel, message: 'permission denied (the file is not readable by you)', kind: 'unreadable' };
    return { path: rel, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { path: rel, message: describe(error), kind: 'unreadable' };
  }
}

/** The link at `rel`, when it is one whose real target lies outside the game folder; else null. */
export async function outsideLink(root: string, rel: string, options: Pick<ScanOptions, 'followLinksOutside'> = {}): Promise<OutsideLink | null> {
  try {
    const abs = join(root, rel);
    if (!(await lstat(abs)).isSymbolicLink()) return null;
    const [target, info, rootReal] = await Promise.all([realpath(abs), stat(abs), realpath(root)]);
    if (isInside(target, rootReal) || (!info.isFile() && !info.isDirectory())) return null;
    return { path: rel, target, kind: info.isFile() ? 'file' : 'folder', followed: options.followLinksOutside === true };
  } catch {
    return null;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Read permission from the mode bits we already have, instead of one more system call per file.
 * Root reads everything; on Windows the bits don't say, so assume readable.
 */
function canRead(info: Stats): boolean {
  const me = processUser();
  if (!me || me.uid === 0) return true;
  if (info.uid === me.uid) return (info.mode & 0o400) !== 0;
  if (info.gid === me.gid || me.groups().includes(info.gid)) return (info.mode & 0o040) !== 0;
  return (info.mode & 0o004) !== 0;
}

/**
 * The process's ids, read once: a system call per file showed in the scan's profile (issue 7).
 * The supplementary groups are read only when a file of another owner needs them.
 */
interface ProcessUser {
  readonly uid: number;
  readonly gid: number | undefined;
  readonly groups: () => readonly number[];
}

let user: ProcessUser | null | undefined;

function processUser(): ProcessUser | null {
  if (user !== undefined) return user;
  if (typeof process.getuid !== 'function') return (user = null);
  let groups: readonly number[] | undefined;
  return (user = { uid: process.getuid(), gid: process.getgid?.(), groups: () => (groups ??= process.getgroups?.() ?? []) });
}

function describe(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'it vanished, or it is a link to something that does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return err.message ?? String(error);
  }
}
