/* global window, document, parent, createImageBitmap, CanvasRenderingContext2D */
/**
 * The open data context, inside a sandboxed iframe (an opaque origin, no network: its page's
 * policy allows no connections). It sees only its own scripts, sent by the game's page, and the
 * open-data APIs: getSharedCanvas, onMessage, the cloud-storage reads (which fail offline, as the
 * platform's do without its servers) and system info. What it draws on sharedCanvas goes back to
 * the game's page as a bitmap after each frame it drew in.
 */
const send = (message, transfer) => parent.postMessage(message, '*', transfer || []);

for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = window.console[level].bind(window.console);
  window.console[level] = (...args) => {
    send({ type: 'console', level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
    original(...args);
  };
}
const uncaught = (error) => send({ type: 'error', message: error && error.message ? `${error.name}: ${error.message}` : String(error), stack: (error && error.stack) || '' });
window.addEventListener('error', (event) => uncaught(event.error || event.message));
window.addEventListener('unhandledrejection', (event) => uncaught(event.reason));

const sharedCanvas = document.createElement('canvas');
let dirty = false;
// Anything drawn marks the shared canvas for sending.
for (const name of ['fillRect', 'clearRect', 'strokeRect', 'fillText', 'strokeText', 'drawImage', 'putImageData', 'fill', 'stroke']) {
  const original = CanvasRenderingContext2D.prototype[name];
  CanvasRenderingContext2D.prototype[name] = function (...args) {
    dirty = true;
    return original.apply(this, args);
  };
}

// The frame is hidden, and Chromium runs no animation frames in a hidden frame: timers stand in.
const FRAME_MS = 16;
window.requestAnimationFrame = (callback) => setTimeout(() => callback(window.performance.now()), FRAME_MS);
window.cancelAnimationFrame = (id) => clearTimeout(id);

function pump() {
  if (dirty && sharedCanvas.width > 0 && sharedCanvas.height > 0) {
    dirty = false;
    createImageBitmap(sharedCanvas).then((bitmap) => send({ type: 'frame', bitmap }, [bitmap]), () => {});
  }
  setTimeout(pump, FRAME_MS);
}

const listeners = [];
let config = null;
const offline = (api) => (options) => {
  const o = options || {};
  setTimeout(() => {
    const res = { errMsg: `${api}:fail the simulator has no WeChat servers (open data needs a signed-in WeChat)` };
    if (typeof o.fail === 'function') o.fail(res);
    if (typeof o.complete === 'function') o.complete(res);
  }, 0);
};

const api = {
  getSharedCanvas: () => sharedCanvas,
  onMessage: (l) => typeof l === 'function' && listeners.push(l),
  offMessage: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
  getSystemInfoSync: () => JSON.parse(JSON.stringify(config.systemInfo)),
  getFriendCloudStorage: offline('getFriendCloudStorage'),
  getGroupCloudStorage: offline('getGroupCloudStorage'),
  getUserCloudStorage: offline('getUserCloudStorage'),
  getUserInfo: offline('getUserInfo'),
  getPotentialFriendList: offline('getPotentialFriendList'),
};
const reported = new Set();
const contextApi = new Proxy(api, {
  get(target, key) {
    if (typeof key !== 'string' || key in target) return target[key];
    if (key === 'then' || key.startsWith('__')) return undefined;
    if (!reported.has(key)) {
      reported.add(key);
      send({ type: 'unsupported', api: `wx.${key}` });
    }
    return () => undefined;
  },
});

/** require over the scripts the game's page sent (the context's own folder only). */
function runScripts(scripts, entry) {
  const cache = Object.create(null);
  const normalise = (path) => {
    const parts = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return parts.join('/');
  };
  const load = (path) => {
    if (cache[path]) return cache[path].exports;
    const module = { exports: {} };
    cache[path] = module;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const localRequire = (request) => {
      const base = normalise(request.startsWith('/') ? request : `${dir}/${request}`);
      const found = [base, `${base}.js`, `${base}/index.js`].find((p) => Object.prototype.hasOwnProperty.call(scripts, p));
      if (!found) throw new Error(`module "${request}" is not defined (the open data context can require only its own files)`);
      return load(found);
    };
    const factory = (0, window.eval)(`(function (require, module, exports, wx) {${scripts[path]}\n})\n//# sourceURL=odc:///${path}`);
    factory.call(module.exports, localRequire, module, module.exports, contextApi);
    return module.exports;
  };
  load(entry);
}

window.addEventListener('message', (event) => {
  if (event.source !== parent) return;
  const message = event.data || {};
  if (message.type === 'start' && config === null) {
    config = message;
    sharedCanvas.width = message.width;
    sharedCanvas.height = message.height;
    Object.defineProperty(window, 'wx', { value: contextApi });
    Object.defineProperty(window, 'sharedCanvas', { value: sharedCanvas });
    try {
      runScripts(message.scripts, message.entry);
    } catch (error) {
      uncaught(error);
    }
    pump();
  } else if (message.type === 'resize') {
    sharedCanvas.width = message.width;
    sharedCanvas.height = message.height;
    dirty = true;
  } else if (message.type === 'message') {
    for (const listener of listeners.slice()) {
      try {
        listener(message.data);
      } catch (error) {
        uncaught(error);
      }
    }
  }
});

send({ type: 'ready' });
