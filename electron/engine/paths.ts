/** Path helpers shared by scan, settings, plan and checks. Paths inside a game are POSIX, relative. */
import { isAbsolute, join, relative, sep } from 'node:path';

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * `join(root, rel)` for a clean POSIX path inside a game or an output (no '.', '..' or empty
 * parts, as scan and layout make them): one string append on POSIX, where path.join normalises the
 * whole path each time (a rebuild of 5,000 files joins each several times).
 */
export function joinClean(root: string, rel: string): string {
  return sep === '/' && !root.endsWith('/') ? `${root}/${rel}` : join(root, rel);
}

/**
 * joinClean made once per object, for one root at a time: a live session's layouts reuse the
 * entries of unchanged files (layout-memo.ts) and its build caches the records of unchanged
 * outputs, so a rebuild after one change makes, and hashes as a map key, only the new paths.
 * `rel` must be the same for an object each time (entries and records are never changed).
 */
export function joinedOnce<T extends object>(): (root: string, of: T, rel: string) => string {
  let forRoot: string | null = null;
  let made = new WeakMap<T, string>();
  return (root, of, rel) => {
    if (root !== forRoot) {
      forRoot = root;
      made = new WeakMap();
    }
    let path = made.get(of);
    if (path === undefined) {
      path = joinClean(root, rel);
      made.set(of, path);
    }
    return path;
  };
}

/** 'stage1' / '/stage1' / 'stage1\\' → 'stage1/'; 'stage2.js' stays a file. Leading './' is kept for the reserved-name check. */
export function normaliseRoot(root: string): string {
  const posix = root.replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  if (posix === '') return '';
  return posix.endsWith('.js') || posix.endsWith('/') ? posix : `${posix}/`;
}

/** A folder setting ('openDataContext', './odc/') as 'openDataContext/'; '' → ''. */
export function normaliseFolder(folder: string): string {
  const posix = folder.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  if (posix === '' || posix === '.') return '';
  return posix.endsWith('/') ? posix : `${posix}/`;
}

/** A file setting ('./game.js', '/game.js') as 'game.js'. */
export function normaliseFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** Whether `path` lies in the package root `root` (a folder ending in '/', or a single script). */
export function inRoot(path: string, root: string): boolean {
  return root.endsWith('/') ? path.startsWith(root) : path === root;
}

/** Whether the absolute path `child` is `parent` itself or inside it. */
export function isInsideOrSame(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Resolve './a/../b' style segments of a POSIX relative path; null when it climbs above the root. */
export function collapse(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}
