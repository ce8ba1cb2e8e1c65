/* global window, document */
/**
 * The simulated platform's entry, bundled by the simulator server (esbuild) and loaded before the
 * game. Reads the run's settings from the page, installs `wx` or `my`, `GameGlobal` and the frame
 * clock, then runs the package's entry (game.js) as a CommonJS module.
 */
const { post, flush } = require('./channel.js');
const { captureConsole, captureErrors, reportUncaught } = require('./console-capture.js');
const { createPackageFiles } = require('./package-files.js');
const { createModules } = require('./modules.js');
const { createCanvases } = require('./canvas.js');
const { createFrames } = require('./frames.js');
const { createLifecycle } = require('./lifecycle.js');
const { createPlatform } = require('./platform.js');
const { connectHost } = require('./host-channel.js');

const config = JSON.parse(document.getElementById('sim-config').textContent);

const stage = document.createElement('div');
stage.id = 'stage';
stage.style.cssText = `position:relative;width:${config.device.width}px;height:${config.device.height}px;overflow:hidden;background:#000;touch-action:none;user-select:none`;
document.body.appendChild(stage);

let lifecycle = null;
function uncaught(error) {
  reportUncaught(error);
  if (lifecycle) lifecycle.error(error && error.message ? error.message : String(error), (error && error.stack) || '');
}

captureConsole(window.console);
captureErrors();

const files = createPackageFiles(config);
const modules = createModules(files);
const canvases = createCanvases(config, stage);
const frames = createFrames(canvases, uncaught);
lifecycle = createLifecycle(config, frames);
const { api, memory, subpackages } = createPlatform({ config, stage, files, modules, canvases, frames, lifecycle, reportUncaught: uncaught });

window.GameGlobal = window;
window.requestAnimationFrame = frames.requestAnimationFrame;
window.cancelAnimationFrame = frames.cancelAnimationFrame;
Object.defineProperty(window, config.platform === 'alipay' ? 'my' : 'wx', { value: api, enumerable: true });
if (config.platform === 'alipay') window.$global = window;

// The app's view: pause, resume and clear the cache (web mode: from the studio's page,
// origin-checked; Electron: the shell calls __simulator). User files and storage live in memory.
let paused = false;
const controls = {
  pause: () => ((paused = true), lifecycle.hide()),
  resume: () => ((paused = false), lifecycle.show()),
  clearCache: () => {
    memory.rmdir(memory.userRoot, true);
    memory.rmdir(memory.tempRoot, true);
    api.clearStorageSync();
  },
  status: () => ({ paused, drawn: frames.status().drawn }),
  storageBytes: () => memory.usedBytes(),
};
connectHost(config, controls);

// What the simulator's host (the CLI, the app's view) asks of the page.
Object.defineProperty(window, '__simulator', {
  value: Object.freeze({
    status: () => Object.assign(frames.status(), { storageBytes: memory.usedBytes(), storageQuotaBytes: memory.quotaBytes() }),
    flush,
    pause: () => controls.pause(),
    resume: () => controls.resume(),
    paused: () => paused,
    clearCache: () => controls.clearCache(),
  }),
});

post({ type: 'start', platform: config.platform, device: config.device.name });
// The first package downloads at the network profile's speed, then its entry runs (game.js, or
// the independent subpackage's game.js when the run starts in one).
subpackages.coldStart().then((entry) => {
  try {
    modules.require(entry);
  } catch (error) {
    uncaught(error);
  }
  flush();
});
