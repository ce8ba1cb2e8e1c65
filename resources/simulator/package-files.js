/* global XMLHttpRequest, fetch */
/**
 * The code package as the game sees it: files of the main package, and of each subpackage once it
 * has loaded. Every read goes to the simulator server (/pkg/…), which logs it with its status, so
 * a file the build left out shows up in the log with the reason.
 */
const { post } = require('./channel.js');

function createPackageFiles(config) {
  // A cold start into an independent subpackage has only that subpackage until __GAME__ loads.
  const loaded = new Set([config.launch && config.launch.subpackage ? config.launch.subpackage : '__GAME__']);
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

  /** The package holding `path` has been loaded (the main package is, except in an independent start). */
  function isLoaded(path) {
    const sub = subpackageOf(path);
    return loaded.has(sub ? sub.name : '__GAME__');
  }

  function url(path) {
    return `/pkg/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  function refused(path) {
    const sub = subpackageOf(path);
    if (sub) post({ type: 'request', path, source: 'subpackage', status: 403, note: `its subpackage "${sub.name}" is not loaded yet` });
    else post({ type: 'request', path, source: 'package', status: 403, note: 'the main package is not loaded yet (an independent subpackage started the game): loadSubpackage({ name: "__GAME__" }) first' });
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
    refused,
    isScript: (path) => scripts.has(path),
    markLoaded: (name) => loaded.add(name),
    hasLoaded: (name) => loaded.has(name),
  };
}

module.exports = { createPackageFiles };
