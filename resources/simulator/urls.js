/* global Blob, URL */
/**
 * Where a path the game hands to an image, a sound or a font really is: a package file (/pkg/…),
 * a file under the build's Remote URL (served from OUT-res at /res/…), or a local file in memory
 * (a blob URL). Anything else is outside what the simulator may reach: it is logged and fails.
 */
const { post } = require('./channel.js');

const BLOCKED = '/__sim/blocked';

function createUrls(config, files, memory) {
  const blobs = new Map();

  function remoteRest(url) {
    const base = config.remoteUrl;
    if (!base || !url.startsWith(base)) return null;
    return url.slice(base.length).replace(/^\/+/, '');
  }

  function urlFor(src) {
    const value = String(src || '');
    if (value === '' || /^(data|blob):/i.test(value)) return value;
    if (memory.owns(value)) {
      const node = memory.stat(value);
      post({ type: 'request', path: memory.clean(value), source: memory.isUser(value) ? 'cache' : 'temp', status: node && !node.dir ? 200 : 404 });
      if (!node || node.dir) return BLOCKED;
      if (!blobs.has(node)) blobs.set(node, URL.createObjectURL(new Blob([node.data])));
      return blobs.get(node);
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      const rest = remoteRest(value);
      if (rest !== null) return `/res/${rest}`;
      post({ type: 'request', path: value, source: 'remote', status: 0, note: 'outside the build: the simulator reaches only the build\'s Remote URL (OUT-res)' });
      return BLOCKED;
    }
    const path = files.normalise(value);
    if (path === null) return BLOCKED;
    if (!files.isLoaded(path)) {
      files.refused(path);
      return BLOCKED;
    }
    return files.url(path);
  }

  return { urlFor, remoteRest };
}

module.exports = { createUrls, BLOCKED };
