/**
 * loadSubpackage: finds the subpackage by name or root, "downloads" it in the time the network
 * profile gives for its bytes (with the platform's progress events), marks its files readable,
 * then runs its entry (root/game.js, or the root script itself). From inside an independent
 * subpackage, '__GAME__' loads the main package.
 */
const { post } = require('./channel.js');
const { apiError, ok, settle } = require('./errors.js');

const STEP_MS = 50;

function createSubpackages(config, files, modules, reportUncaught) {
  const platform = config.platform;
  const net = config.network;

  function find(name) {
    const wanted = String(name || '').replace(/^\/+/, '');
    return config.subpackages.find((s) => s.name === wanted || s.root === wanted || s.root === `${wanted}/`) || null;
  }

  function entryOf(sub) {
    return sub.root.endsWith('/') ? `${sub.root}game.js` : sub.root;
  }

  function loadSubpackage(options) {
    const o = options || {};
    const listeners = [];
    const task = {
      onProgressUpdate: (l) => typeof l === 'function' && listeners.push(l),
      offProgressUpdate: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
    };
    const name = String(o.name || '');
    const started = Date.now();
    const done = (failed, res, status) => {
      post({ type: 'subpackage', name, status, ms: Date.now() - started });
      settle(o, failed, res);
    };
    if (name === '__GAME__') {
      if (!modules.isLoaded(config.entry)) modules.require(config.entry);
      done(false, ok(platform, 'loadSubpackage'), 'loaded');
      return task;
    }
    const sub = find(name);
    if (!sub) {
      setTimeout(() => done(true, apiError(platform, 'loadSubpackage', `subpackage ${name} not found`, platform === 'alipay' ? 3 : undefined), 'not-found'), 0);
      return task;
    }
    if (files.hasLoaded(sub.name)) {
      done(false, ok(platform, 'loadSubpackage'), 'loaded');
      return task;
    }
    if (net.offline) {
      setTimeout(() => done(true, apiError(platform, 'loadSubpackage', 'network error (simulated: offline)', platform === 'alipay' ? 12 : undefined), 'offline'), net.latencyMs);
      return task;
    }
    const totalMs = net.latencyMs + (net.bytesPerSecond > 0 ? (sub.bytes / net.bytesPerSecond) * 1000 : 0);
    const tick = () => {
      const elapsed = Date.now() - started;
      const fraction = Math.min(1, totalMs > 0 ? elapsed / totalMs : 1);
      const written = Math.round(sub.bytes * fraction);
      const res = { progress: Math.round(fraction * 100), totalBytesWritten: written, totalBytesExpectedToWrite: sub.bytes };
      listeners.slice().forEach((l) => l(res));
      if (fraction < 1) {
        setTimeout(tick, STEP_MS);
        return;
      }
      files.markLoaded(sub.name);
      try {
        if (files.isScript(entryOf(sub))) modules.require(entryOf(sub));
      } catch (error) {
        reportUncaught(error);
        done(true, apiError(platform, 'loadSubpackage', `the entry of ${sub.name} threw: ${error.message}`), 'threw');
        return;
      }
      done(false, ok(platform, 'loadSubpackage'), 'loaded');
    };
    setTimeout(tick, Math.min(STEP_MS, totalMs));
    return task;
  }

  return { loadSubpackage };
}

module.exports = { createSubpackages };
