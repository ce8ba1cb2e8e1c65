/**
 * Packages downloaded as the network profile gives: the main package's download at a cold start
 * (before its entry runs), loadSubpackage (download if not yet, then its files become readable
 * and its entry runs), preDownloadSubpackage (download only; a later loadSubpackage runs at once),
 * and '__GAME__', which loads the main package from an independent subpackage the game started in.
 * Each download reports the platform's progress ({ progress, totalBytesWritten,
 * totalBytesExpectedToWrite }) and goes on the timeline.
 */
const { post } = require('./channel.js');
const { apiError, ok, settle } = require('./errors.js');

const STEP_MS = 50;
const MAIN = '__GAME__';

function createSubpackages(config, files, modules, reportUncaught) {
  const platform = config.platform;
  const net = config.network;
  const downloaded = new Set([config.launch && config.launch.subpackage ? config.launch.subpackage : MAIN]);
  const main = { name: MAIN, root: '', bytes: config.mainBytes, entry: config.entry };

  function find(name) {
    const wanted = String(name || '').replace(/^\/+/, '');
    if (wanted === MAIN) return main;
    return config.subpackages.find((s) => s.name === wanted || s.root === wanted || s.root === `${wanted}/`) || null;
  }

  function entryOf(sub) {
    if (sub.entry) return sub.entry;
    return sub.root.endsWith('/') ? `${sub.root}game.js` : sub.root;
  }

  const downloadMs = (bytes) => net.latencyMs + (net.bytesPerSecond > 0 ? (bytes / net.bytesPerSecond) * 1000 : 0);

  /** Waits the profile's time for `bytes`, reporting progress; resolves false when offline. */
  function download(bytes, listeners) {
    const started = Date.now();
    const totalMs = downloadMs(bytes);
    return new Promise((resolve) => {
      if (net.offline) {
        setTimeout(() => resolve(false), net.latencyMs);
        return;
      }
      const tick = () => {
        const fraction = Math.min(1, totalMs > 0 ? (Date.now() - started) / totalMs : 1);
        const res = { progress: Math.round(fraction * 100), totalBytesWritten: Math.round(bytes * fraction), totalBytesExpectedToWrite: bytes };
        listeners.slice().forEach((l) => l(res));
        if (fraction < 1) setTimeout(tick, STEP_MS);
        else resolve(true);
      };
      setTimeout(tick, Math.min(STEP_MS, totalMs));
    });
  }

  function progressTask() {
    const listeners = [];
    return {
      listeners,
      task: {
        onProgressUpdate: (l) => typeof l === 'function' && listeners.push(l),
        offProgressUpdate: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
      },
    };
  }

  const offlineError = (api) => apiError(platform, api, 'network error (simulated: offline)', platform === 'alipay' ? 12 : undefined);

  function loadSubpackage(options) {
    const o = options || {};
    const { task, listeners } = progressTask();
    const name = String(o.name || '');
    const started = Date.now();
    const done = (failed, res, status) => {
      post({ type: 'subpackage', name, status, ms: Date.now() - started });
      settle(o, failed, res);
    };
    const sub = find(name);
    if (!sub) {
      setTimeout(() => done(true, apiError(platform, 'loadSubpackage', `subpackage ${name} not found`, platform === 'alipay' ? 3 : undefined), 'not-found'), 0);
      return task;
    }
    const run = () => {
      files.markLoaded(sub.name);
      try {
        if (files.isScript(entryOf(sub)) && !modules.isLoaded(entryOf(sub))) modules.require(entryOf(sub));
      } catch (error) {
        reportUncaught(error);
        done(true, apiError(platform, 'loadSubpackage', `the entry of ${sub.name} threw: ${error.message}`), 'threw');
        return;
      }
      done(false, ok(platform, 'loadSubpackage'), 'loaded');
    };
    if (files.hasLoaded(sub.name)) {
      setTimeout(() => done(false, ok(platform, 'loadSubpackage'), 'loaded'), 0);
      return task;
    }
    if (downloaded.has(sub.name)) {
      setTimeout(run, 0);
      return task;
    }
    download(sub.bytes, listeners).then((reached) => {
      if (!reached) return done(true, offlineError('loadSubpackage'), 'offline');
      downloaded.add(sub.name);
      run();
      return undefined;
    });
    return task;
  }

  /** Downloads without running: `name` (packageType 'normal', the default), or 'workers'. */
  function preDownloadSubpackage(options) {
    const o = options || {};
    const { task, listeners } = progressTask();
    const started = Date.now();
    const workers = o.packageType === 'workers';
    const label = workers ? 'workers' : String(o.name || '');
    const done = (failed, res, status) => {
      post({ type: 'subpackage', name: label, status, ms: Date.now() - started });
      settle(o, failed, res);
    };
    if (workers) {
      // The simulator keeps the workers folder in the main package (workers.isSubpackage is not
      // simulated): there is nothing more to download.
      const failed = !config.workers;
      setTimeout(() => done(failed, failed ? apiError(platform, 'preDownloadSubpackage', 'game.json names no "workers" folder') : ok(platform, 'preDownloadSubpackage'), failed ? 'not-found' : 'downloaded'), 0);
      return task;
    }
    const sub = find(o.name);
    if (!sub) {
      setTimeout(() => done(true, apiError(platform, 'preDownloadSubpackage', `subpackage ${label} not found`), 'not-found'), 0);
      return task;
    }
    if (downloaded.has(sub.name)) {
      setTimeout(() => done(false, ok(platform, 'preDownloadSubpackage'), 'downloaded'), 0);
      return task;
    }
    download(sub.bytes, listeners).then((reached) => {
      if (!reached) return done(true, offlineError('preDownloadSubpackage'), 'offline');
      downloaded.add(sub.name);
      done(false, ok(platform, 'preDownloadSubpackage'), 'downloaded');
      return undefined;
    });
    return task;
  }

  /** The cold start: the first package (main, or the independent subpackage started in) downloads, then its entry runs. */
  function coldStart() {
    const first = config.launch && config.launch.subpackage ? find(config.launch.subpackage) : main;
    const started = Date.now();
    // Offline, the package is taken as already on the device (the game was opened before).
    const fetched = net.offline ? Promise.resolve(true) : download(first.bytes, []);
    return fetched.then(() => {
      post({ type: 'download', name: first.name, bytes: first.bytes, ms: Date.now() - started, cached: net.offline });
      return entryOf(first);
    });
  }

  return { loadSubpackage, preDownloadSubpackage, coldStart, isDownloaded: (name) => downloaded.has(name) };
}

module.exports = { createSubpackages };
