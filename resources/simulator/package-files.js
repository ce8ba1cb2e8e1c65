/* global XMLHttpRequest, fetch */
/**
 * The code package as the game sees it: files of the main package, and of each subpackage once it
 * has loaded. Every read goes to the simulator server (/pkg/…), which logs it with its status, so
 * a file the build left out shows up in the log with the reason.
 */
const { post } = require('./channel.js');

function createPackageFiles(config) {
  const loaded = new Set(['__GAME__']);
  const scripts = new Set(config.scripts);

  /** 'a/./b/../c.png', '/c.png' → 'c.png'; null when the path climbs out of the package. */
  function normalise(path) {
    const parts = [];
    for (const part of String(path).replace(/\\/g, '/').split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) return null;
        parts.pop();
      } else parts.push(part);
    }
    return parts.join('/');
  }

  function subpackageOf(path) {
    for (const sub of config.subpackages) {
      if (sub.root.endsWith('/') ? path.startsWith(sub.root) : path === sub.root) return sub;
    }
    return null;
  }

  /** The package holding `path` has been loaded (the main package always is). */
  function isLoaded(path) {
    const sub = subpackageOf(path);
    return !sub || loaded.has(sub.name);
  }

  function url(path) {
    return `/pkg/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  function refused(path) {
    post({ type: 'request', path, source: 'subpackage', status: 403, note: `its subpackage "${subpackageOf(path).name}" is not loaded yet` });
  }

  /**
   * Bytes of a package file, synchronously; null when it is not there. As a module: the script's
   * text as the simulator runs it (ES module syntax compiled to CommonJS by the server).
   */
  function readSync(path, asModule) {
    if (!isLoaded(path)) {
      refused(path);
      return null;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('GET', asModule ? `${url(path)}?module` : url(path), false);
    if (!asModule) xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send();
    if (xhr.status !== 200) return null;
    if (asModule) return xhr.responseText;
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  }

  /** Bytes of a package file; resolves null when it is not there. */
  function read(path) {
    if (!isLoaded(path)) {
      refused(path);
      return Promise.resolve(null);
    }
    return fetch(url(path)).then((res) => (res.ok ? res.arrayBuffer().then((b) => new Uint8Array(b)) : null), () => null);
  }

  return {
    normalise,
    subpackageOf,
    isLoaded,
    url,
    readSync,
    read,
    isScript: (path) => scripts.has(path),
    markLoaded: (name) => loaded.add(name),
    hasLoaded: (name) => loaded.has(name),
  };
}

module.exports = { createPackageFiles };
