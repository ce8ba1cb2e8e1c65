/* global window, document */
/**
 * getOpenDataContext(): the open data context runs in a sandboxed iframe (its own opaque origin,
 * no network) with only its own folder's scripts. Its `canvas` here is a canvas of the game's page
 * that shows what the context drew on sharedCanvas; width and height set here resize sharedCanvas;
 * postMessage reaches the context's onMessage listeners.
 */
const { post } = require('./channel.js');

function createOpenDataContext(config, files, systemInfo) {
  let context = null;

  function start() {
    const root = config.openDataContext;
    const scripts = {};
    for (const path of config.scripts) {
      if (root && path.startsWith(root)) {
        const source = files.readSync(path, true);
        if (source !== null) scripts[path.slice(root.length)] = source;
      }
    }
    const canvas = document.createElement('canvas');
    canvas.width = config.device.width;
    canvas.height = config.device.height;
    const view = canvas.getContext('2d');
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.src = '/__sim/odc.html';
    iframe.style.display = 'none';
    document.body.appendChild(iframe);
    const queued = [];
    let ready = false;
    const send = (message) => (ready ? iframe.contentWindow.postMessage(message, '*') : queued.push(message));

    // Resizing the canvas here resizes sharedCanvas there.
    for (const side of ['width', 'height']) {
      const native = Object.getOwnPropertyDescriptor(window.HTMLCanvasElement.prototype, side);
      Object.defineProperty(canvas, side, {
        configurable: true,
        get: () => native.get.call(canvas),
        set: (value) => {
          native.set.call(canvas, value);
          send({ type: 'resize', width: canvas.width, height: canvas.height });
        },
      });
    }

    window.addEventListener('message', (event) => {
      if (event.source !== iframe.contentWindow) return;
      const m = event.data || {};
      if (m.type === 'ready') {
        ready = true;
        iframe.contentWindow.postMessage(
          { type: 'start', scripts, entry: scripts['index.js'] !== undefined ? 'index.js' : Object.keys(scripts)[0], width: canvas.width, height: canvas.height, systemInfo: systemInfo() },
          '*',
        );
        queued.splice(0).forEach((q) => iframe.contentWindow.postMessage(q, '*'));
      } else if (m.type === 'frame' && m.bitmap) {
        view.clearRect(0, 0, canvas.width, canvas.height);
        view.drawImage(m.bitmap, 0, 0);
        m.bitmap.close();
      } else if (m.type === 'console') {
        post({ type: 'console', level: String(m.level), text: `[open data] ${String(m.text)}` });
      } else if (m.type === 'error') {
        post({ type: 'error', message: `[open data] ${String(m.message)}`, stack: String(m.stack || '') });
      } else if (m.type === 'unsupported') {
        post({ type: 'unsupported', api: String(m.api) });
      }
    });

    return {
      canvas,
      postMessage: (data) => send({ type: 'message', data: JSON.parse(JSON.stringify(data === undefined ? null : data)) }),
    };
  }

  return function getOpenDataContext() {
    if (!context) context = start();
    return context;
  };
}

module.exports = { createOpenDataContext };
