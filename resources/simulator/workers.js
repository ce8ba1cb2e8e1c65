/* global Worker, Blob, URL, self */
/**
 * createWorker(path): the script runs in a Web Worker (its own thread and global context, as on
 * the platforms), with only the files of game.json's `workers` folder, required among themselves
 * as CommonJS. Inside, the global `worker` has onMessage/postMessage; there is no wx/my (the
 * platforms give workers none). Messages are copied both ways. One worker at a time, as the
 * platforms allow: terminate() it before creating the next. Its console lines are in the log,
 * prefixed `[worker]`.
 */
const { post } = require('./channel.js');

/** The worker's own bootstrap, run inside it (no access to anything of this page). */
function workerMain() {
  const listeners = [];
  let scripts = {};
  const cache = {};
  const send = (message) => self.postMessage(message);
  // A platform worker has no network and loads no scripts: only `worker` and its own folder's files.
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'EventSource']) {
    try {
      Object.defineProperty(self, name, { value: undefined, configurable: true });
    } catch {
      self[name] = undefined;
    }
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => send({ type: 'console', level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
  }
  function normalise(path) {
    const parts = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) return null;
        parts.pop();
      } else parts.push(part);
    }
    return parts.join('/');
  }
  function resolve(request, fromDir) {
    const text = String(request);
    const base = normalise(text.startsWith('/') ? text : `${fromDir}/${text}`);
    if (base === null) return null;
    const tries = base.endsWith('.js') ? [base] : [`${base}.js`, base, `${base}/index.js`];
    return tries.find((p) => Object.prototype.hasOwnProperty.call(scripts, p)) || null;
  }
  function load(path) {
    if (cache[path]) return cache[path].exports;
    const module = { exports: {} };
    cache[path] = module;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const localRequire = (request) => {
      const found = resolve(request, dir);
      if (found === null) throw new Error(`module "${request}" is not defined: a worker can require only the files of its workers folder (from ${path})`);
      return load(found);
    };
    const factory = new Function('require', 'module', 'exports', '__filename', '__dirname', scripts[path]);
    factory.call(module.exports, localRequire, module, module.exports, path, dir);
    return module.exports;
  }
  self.worker = {
    onMessage: (l) => typeof l === 'function' && listeners.push(l),
    offMessage: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
    postMessage: (data) => send({ type: 'message', data }),
  };
  self.onmessage = (event) => {
    const m = event.data;
    if (m.type === 'start') {
      scripts = m.scripts;
      try {
        load(m.entry);
      } catch (error) {
        send({ type: 'error', message: String(error && error.message), stack: String((error && error.stack) || '') });
      }
    } else if (m.type === 'message') {
      listeners.slice().forEach((l) => {
        try {
          l(m.data);
        } catch (error) {
          send({ type: 'error', message: String(error && error.message), stack: String((error && error.stack) || '') });
        }
      });
    }
  };
}

function createWorkers(config, files) {
  const folder = config.workers;
  const apiName = config.platform === 'alipay' ? 'my' : 'wx';
  let bootUrl = null;
  let current = null;

  function fail(text) {
    return new Error(`${apiName}.createWorker: ${text}`);
  }

  function createWorker(scriptPath) {
    if (!folder) throw fail('game.json names no "workers" folder; add "workers": "workers" and put the worker scripts there');
    const entry = files.normalise(String(scriptPath || ''));
    if (entry === null || !entry.startsWith(folder) || !files.isScript(entry)) {
      throw fail(`${scriptPath} is not a script of the workers folder "${folder}"`);
    }
    if (current) throw fail('only one worker may run at a time: terminate() the current one first');
    // Only the workers folder's scripts go into the worker: nothing else of the package is reachable there.
    const scripts = {};
    for (const path of config.scripts) {
      if (!path.startsWith(folder)) continue;
      const source = files.readSync(path, true);
      if (source !== null) scripts[path] = source;
    }
    if (!bootUrl) bootUrl = URL.createObjectURL(new Blob([`(${workerMain.toString()})();`], { type: 'text/javascript' }));
    const thread = new Worker(bootUrl);
    const listeners = [];
    thread.onmessage = (event) => {
      const m = event.data || {};
      if (m.type === 'message') listeners.slice().forEach((l) => l(m.data));
      else if (m.type === 'console') post({ type: 'console', level: String(m.level), text: `[worker] ${String(m.text)}` });
      else if (m.type === 'error') post({ type: 'error', message: `[worker] ${String(m.message)}`, stack: String(m.stack || '') });
    };
    thread.onerror = (event) => post({ type: 'error', message: `[worker] ${event.message || 'error'}`, stack: '' });
    thread.postMessage({ type: 'start', scripts, entry });
    const handle = {
      postMessage: (data) => thread.postMessage({ type: 'message', data: JSON.parse(JSON.stringify(data === undefined ? null : data)) }),
      onMessage: (l) => typeof l === 'function' && listeners.push(l),
      offMessage: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
      onProcessKilled: () => {},
      offProcessKilled: () => {},
      terminate: () => {
        thread.terminate();
        if (current === handle) current = null;
      },
    };
    current = handle;
    return handle;
  }

  return { createWorker };
}

module.exports = { createWorkers };
