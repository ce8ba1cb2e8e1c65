/**
 * getFileSystemManager(): package files (read-only, from the build), user files under
 * USER_DATA_PATH (quota) and temp files, with each platform's result shapes and error codes.
 * Each operation is written once (synchronous core) and exposed as `name(options)` and `nameSync(…)`.
 */
const { post } = require('./channel.js');
const { fsError, ok, thrown, settle } = require('./errors.js');
const { toBytes, fromBytes } = require('./encoding.js');

class FsFail extends Error {
  constructor(kind, path) {
    super(kind);
    this.kind = kind;
    this.path = path;
  }
}

function createFileSystemManager({ platform, files, memory, packageFiles }) {
  const fail = (kind, path) => {
    throw new FsFail(kind, path);
  };
  const check = (problem, path) => problem && fail(problem, path);
  const local = (path) => memory.owns(String(path));

  function packagePath(path) {
    const normal = files.normalise(path);
    if (normal === null) fail('missing', path);
    return normal;
  }

  function logLocal(path, status) {
    post({ type: 'request', path, source: memory.isUser(path) ? 'cache' : 'temp', status });
  }

  function readBytes(path) {
    if (local(path)) {
      const node = memory.stat(path);
      logLocal(memory.clean(path), node ? 200 : 404);
      if (!node) fail('missing', path);
      if (node.dir) fail('isDirectory', path);
      return node.data;
    }
    const bytes = files.readSync(packagePath(path), false);
    if (bytes === null) fail('missing', path);
    return bytes;
  }

  function slice(bytes, position, length) {
    if (position === undefined && length === undefined) return bytes;
    const start = position || 0;
    return bytes.subarray(start, length === undefined ? bytes.length : start + length);
  }

  /** Package folders are the prefixes of its files. */
  function packageEntry(path) {
    const normal = packagePath(path);
    if (normal === '') return { dir: true };
    const file = packageFiles[normal];
    if (file && files.isLoaded(normal)) return { dir: false, size: file.bytes };
    const prefix = `${normal}/`;
    if (Object.keys(packageFiles).some((key) => key.startsWith(prefix) && files.isLoaded(key))) return { dir: true };
    post({ type: 'request', path: normal, source: files.subpackageOf(normal) ? 'subpackage' : 'package', status: 404 });
    return null;
  }

  function statOf(path) {
    if (local(path)) {
      const node = memory.stat(path);
      if (!node) fail('missing', path);
      return { dir: node.dir, size: node.dir ? 0 : node.data.length, mtime: node.mtime || Date.now() };
    }
    const entry = packageEntry(path);
    if (!entry) fail('missing', path);
    return { dir: entry.dir, size: entry.size || 0, mtime: Date.now() };
  }

  function stats(info) {
    const seconds = Math.floor(info.mtime / 1000);
    return {
      mode: info.dir ? 0o40755 : 0o100644,
      size: info.size,
      lastAccessedTime: seconds,
      lastModifiedTime: seconds,
      isDirectory: () => info.dir,
      isFile: () => !info.dir,
    };
  }

  function writable(path) {
    if (!local(path)) fail('denied', path);
  }

  let saved = 0;
  const core = {
    readFile: ({ filePath, encoding, position, length }) => ({ data: fromBytes(slice(readBytes(filePath), position, length), encoding) }),
    writeFile: ({ filePath, data, encoding }) => {
      writable(filePath);
      check(memory.write(filePath, toBytes(data, encoding), false), filePath);
    },
    appendFile: ({ filePath, data, encoding }) => {
      writable(filePath);
      if (!memory.stat(filePath)) fail('missing', filePath);
      check(memory.write(filePath, toBytes(data, encoding), true), filePath);
    },
    access: ({ path }) => {
      statOf(path);
    },
    stat: ({ path }) => ({ stats: stats(statOf(path)) }),
    getFileInfo: ({ filePath }) => {
      const info = statOf(filePath);
      if (info.dir) fail('isDirectory', filePath);
      return { size: info.size };
    },
    mkdir: ({ dirPath, recursive }) => {
      writable(dirPath);
      check(memory.mkdir(dirPath, recursive === true), dirPath);
    },
    rmdir: ({ dirPath, recursive }) => {
      writable(dirPath);
      check(memory.rmdir(dirPath, recursive === true), dirPath);
    },
    readdir: ({ dirPath }) => {
      if (local(dirPath)) {
        const listed = memory.list(dirPath);
        check(listed.problem, dirPath);
        return { files: listed.names };
      }
      const normal = packagePath(dirPath);
      const prefix = normal === '' ? '' : `${normal}/`;
      const names = new Set();
      for (const key of Object.keys(packageFiles)) {
        if (key.startsWith(prefix) && files.isLoaded(key)) names.add(key.slice(prefix.length).split('/')[0]);
      }
      if (names.size === 0 && normal !== '') fail('missing', dirPath);
      return { files: [...names] };
    },
    unlink: ({ filePath }) => {
      writable(filePath);
      check(memory.remove(filePath), filePath);
    },
    copyFile: ({ srcPath, destPath }) => {
      writable(destPath);
      check(memory.write(destPath, readBytes(srcPath), false), destPath);
    },
    rename: ({ oldPath, newPath }) => {
      writable(oldPath);
      writable(newPath);
      const bytes = readBytes(oldPath);
      check(memory.remove(oldPath), oldPath);
      const problem = memory.write(newPath, bytes, false);
      if (problem) {
        memory.write(oldPath, bytes, false);
        fail(problem, newPath);
      }
    },
    // saveFile moves a temp file into user files (a name is made up when none is given).
    saveFile: ({ tempFilePath, filePath }) => {
      const dest = filePath || `${memory.userRoot}/store_${++saved}${(/\.[A-Za-z0-9]+$/.exec(tempFilePath) || [''])[0]}`;
      writable(dest);
      const bytes = readBytes(tempFilePath);
      check(memory.write(dest, bytes, false), dest);
      if (local(tempFilePath) && !memory.isUser(tempFilePath)) memory.remove(tempFilePath);
      return platform === 'alipay' ? { savedFilePath: dest, apFilePath: dest } : { savedFilePath: dest };
    },
    getSavedFileList: () => {
      const list = memory.list(memory.userRoot).names || [];
      const fileList = list
        .map((name) => `${memory.userRoot}/${name}`)
        .filter((path) => !memory.stat(path).dir)
        .map((path) => ({ filePath: path, size: memory.stat(path).data.length, createTime: Math.floor(memory.stat(path).mtime / 1000) }));
      return { fileList };
    },
    removeSavedFile: ({ filePath }) => {
      writable(filePath);
      check(memory.remove(filePath), filePath);
    },
  };

  // How each sync form takes its arguments.
  const positional = {
    readFile: ['filePath', 'encoding', 'position', 'length'],
    writeFile: ['filePath', 'data', 'encoding'],
    appendFile: ['filePath', 'data', 'encoding'],
    access: ['path'],
    stat: ['path', 'recursive'],
    mkdir: ['dirPath', 'recursive'],
    rmdir: ['dirPath', 'recursive'],
    readdir: ['dirPath'],
    unlink: ['filePath'],
    copyFile: ['srcPath', 'destPath'],
    rename: ['oldPath', 'newPath'],
    saveFile: ['tempFilePath', 'filePath'],
  };

  function failure(name, error) {
    if (!(error instanceof FsFail)) throw error;
    return fsError(platform, name, error.kind, error.path);
  }

  /** The bytes of a file as the game would read them: user or temp files, or the package's. */
  function bytesOf(path) {
    return local(path) ? Promise.resolve(readBytes(path)) : files.read(packagePath(path));
  }

  const manager = {};
  for (const name of Object.keys(core)) {
    manager[name] = (options) => {
      const o = options || {};
      // getFileInfo's digest is computed off the game's thread, as the platform does it natively.
      if (name === 'getFileInfo') {
        getFileInfo(o);
        return;
      }
      // Package reads go over the network asynchronously, as the platform reads them off the thread.
      if (name === 'readFile' && !local(o.filePath || '')) {
        let normal;
        try {
          normal = packagePath(o.filePath);
        } catch (error) {
          settle(o, true, failure(name, error));
          return;
        }
        files.read(normal).then((bytes) => {
          if (bytes === null) settle(o, true, fsError(platform, name, 'missing', o.filePath));
          else settle(o, false, ok(platform, name, { data: fromBytes(slice(bytes, o.position, o.length), o.encoding) }));
        });
        return;
      }
      try {
        settle(o, false, ok(platform, name, core[name](o)));
      } catch (error) {
        settle(o, true, failure(name, error));
      }
    };
    if (!positional[name]) continue;
    manager[`${name}Sync`] = (...args) => {
      const o = {};
      positional[name].forEach((key, i) => {
        o[key] = args[i];
      });
      // Alipay's sync forms also take one options object.
      if (platform === 'alipay' && args.length === 1 && args[0] && typeof args[0] === 'object' && !(args[0] instanceof ArrayBuffer)) Object.assign(o, args[0]);
      let res;
      try {
        res = core[name](o);
      } catch (error) {
        throw thrown(failure(`${name}Sync`, error));
      }
      if (platform === 'alipay') return Object.assign({ success: true }, res);
      if (name === 'readFile') return res.data;
      if (name === 'stat') return res.stats;
      if (name === 'readdir') return res.files;
      if (name === 'saveFile') return res.savedFilePath;
      return undefined;
    };
  }
  return manager;

  function getFileInfo(o) {
    const path = o.filePath || o.apFilePath;
    let info;
    try {
      info = core.getFileInfo({ filePath: path });
    } catch (error) {
      settle(o, true, failure('getFileInfo', error));
      return;
    }
    const algorithm = o.digestAlgorithm || 'md5';
    bytesOf(path)
      .then((bytes) => (bytes === null ? null : digestOf(algorithm, bytes)))
      .then((digest) => settle(o, false, ok(platform, 'getFileInfo', digest ? Object.assign({}, info, { digest }) : info)));
  }
}

/** sha1 through Web Crypto, as hex; Web Crypto has no md5, so an md5 request gets no digest (docs/SIMULATOR.md). */
function digestOf(algorithm, bytes) {
  if (algorithm !== 'sha1' || !globalThis.crypto || !globalThis.crypto.subtle) return Promise.resolve(null);
  return globalThis.crypto.subtle.digest('SHA-1', bytes).then((buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join(''));
}

module.exports = { createFileSystemManager };
