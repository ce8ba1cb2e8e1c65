/**
 * The local files a game writes: user files under USER_DATA_PATH (counted against the quota, 200 MB
 * by default, as WeChat counts user and cache files together) and temp files (downloads; not
 * counted, as on the devices). Held in memory for the session: each run starts with empty storage,
 * like a fresh install.
 */
function createMemoryFs(roots, quotaBytes) {
  const nodes = new Map([
    [roots.user, { dir: true }],
    [roots.temp, { dir: true }],
  ]);
  let usedBytes = 0;

  const isUser = (path) => path === roots.user || path.startsWith(`${roots.user}/`);
  const isTemp = (path) => path === roots.temp || path.startsWith(`${roots.temp}/`);
  const owns = (path) => isUser(path) || isTemp(path);
  const parentOf = (path) => path.slice(0, path.lastIndexOf('/'));

  /** 'http://usr//a/./b/' → 'http://usr/a/b'. */
  function clean(path) {
    const root = isUser(path) ? roots.user : roots.temp;
    const parts = [];
    for (const part of path.slice(root.length).split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return parts.length ? `${root}/${parts.join('/')}` : root;
  }

  function stat(path) {
    return nodes.get(clean(path)) || null;
  }

  /** 'missing' | 'notDirectory' | null: whether a file may be created at `path`. */
  function parentProblem(path) {
    const parent = nodes.get(parentOf(clean(path)));
    if (!parent) return 'missing';
    return parent.dir ? null : 'notDirectory';
  }

  /** Writes bytes; returns an error kind ('full', 'missing', 'isDirectory', …) or null. */
  function write(path, bytes, append) {
    const at = clean(path);
    const existing = nodes.get(at);
    if (existing && existing.dir) return 'isDirectory';
    if (!existing) {
      const problem = parentProblem(at);
      if (problem) return problem;
    }
    const before = existing ? existing.data.length : 0;
    const data = append && existing ? concat(existing.data, bytes) : bytes;
    if (isUser(at)) {
      if (usedBytes - before + data.length > quotaBytes) return 'full';
      usedBytes += data.length - before;
    }
    nodes.set(at, { dir: false, data, mtime: Date.now() });
    return null;
  }

  function remove(path) {
    const at = clean(path);
    const node = nodes.get(at);
    if (!node) return 'missing';
    if (node.dir) return 'isDirectory';
    if (isUser(at)) usedBytes -= node.data.length;
    nodes.delete(at);
    return null;
  }

  function list(path) {
    const at = clean(path);
    const node = nodes.get(at);
    if (!node) return { problem: 'missing' };
    if (!node.dir) return { problem: 'notDirectory' };
    const prefix = `${at}/`;
    const names = [];
    for (const key of nodes.keys()) {
      if (key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) names.push(key.slice(prefix.length));
    }
    return { names };
  }

  function mkdir(path, recursive) {
    const at = clean(path);
    if (nodes.has(at)) return 'exists';
    const parent = parentOf(at);
    if (!nodes.has(parent)) {
      if (!recursive || !owns(parent)) return 'missing';
      const problem = mkdir(parent, true);
      if (problem && problem !== 'exists') return problem;
    } else if (!nodes.get(parent).dir) return 'notDirectory';
    nodes.set(at, { dir: true });
    return null;
  }

  function rmdir(path, recursive) {
    const at = clean(path);
    const node = nodes.get(at);
    if (!node) return 'missing';
    if (!node.dir) return 'notDirectory';
    const inside = [...nodes.keys()].filter((key) => key.startsWith(`${at}/`));
    if (inside.length && !recursive) return 'notEmpty';
    for (const key of inside) {
      const child = nodes.get(key);
      if (!child.dir && isUser(key)) usedBytes -= child.data.length;
      nodes.delete(key);
    }
    if (at !== roots.user && at !== roots.temp) nodes.delete(at);
    return null;
  }

  return { userRoot: roots.user, tempRoot: roots.temp, owns, isUser, clean, stat, write, remove, list, mkdir, rmdir, usedBytes: () => usedBytes, quotaBytes: () => quotaBytes };
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

module.exports = { createMemoryFs };
