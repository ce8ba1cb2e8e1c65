/**
 * Assembles the platform object the game sees: `wx` (WeChat) or `my` (Alipay, with its own names:
 * alert/confirm, apFilePath, storage taking { key, data }). Each family lives in its own file.
 */
const { createSystemInfo } = require('./system-info.js');
const { createFileSystemManager } = require('./file-system-manager.js');
const { createMemoryFs } = require('./memory-fs.js');
const { createUrls } = require('./urls.js');
const { createMedia } = require('./media.js');
const { createNetwork } = require('./network.js');
const { createSockets } = require('./socket.js');
const { createServices } = require('./services.js');
const { createWorkers } = require('./workers.js');
const { createAppApis } = require('./app-apis.js');
const { createPcInput } = require('./pc-input.js');
const { createStorage } = require('./storage.js');
const { createOverlays } = require('./overlays.js');
const { createSubpackages } = require('./subpackages.js');
const { createTouch } = require('./touch.js');
const { withUnsupported } = require('./unsupported.js');
const { createOpenDataContext } = require('./open-data-context.js');
const { createDeviceApis } = require('./device-apis.js');

const ROOTS = {
  // WeChat DevTools' local paths; Alipay's as its IDE gives them.
  wechat: { user: 'http://usr', temp: 'http://tmp' },
  alipay: { user: 'https://usr', temp: 'https://resource' },
};

function createPlatform({ config, stage, files, modules, canvases, frames, lifecycle, reportUncaught }) {
  const platform = config.platform;
  const roots = ROOTS[platform];
  const memory = createMemoryFs(roots, config.storageQuotaBytes);
  const urls = createUrls(config, files, memory);
  const info = createSystemInfo(config);
  const fsManager = createFileSystemManager({ platform, files, memory, packageFiles: config.packageFiles });
  const media = createMedia(urls, platform);
  const network = createNetwork(config, urls, memory, files);
  const sockets = createSockets(config, network.refusal);
  const storage = createStorage(platform);
  const overlays = createOverlays(platform, stage);
  const subpackages = createSubpackages(config, files, modules, reportUncaught);
  const touch = createTouch(stage);

  const api = Object.assign(
    {
      env: { USER_DATA_PATH: roots.user },
      getSystemInfoSync: info.getSystemInfoSync,
      getSystemInfo: (o) => setTimeout(() => o && o.success && o.success(info.getSystemInfoSync()), 0),
      getSystemInfoAsync: (o) => setTimeout(() => o && o.success && o.success(info.getSystemInfoSync()), 0),
      getWindowInfo: info.getWindowInfo,
      getDeviceInfo: info.getDeviceInfo,
      getAppBaseInfo: info.getAppBaseInfo,
      createCanvas: canvases.createCanvas,
      createImage: media.createImage,
      createInnerAudioContext: media.createInnerAudioContext,
      loadFont: media.loadFont,
      getFileSystemManager: () => fsManager,
      getFileInfo: fsManager.getFileInfo,
      loadSubpackage: subpackages.loadSubpackage,
      createWorker: createWorkers(config, files).createWorker,
      setPreferredFramesPerSecond: frames.setPreferredFramesPerSecond,
      requestAnimationFrame: frames.requestAnimationFrame,
      cancelAnimationFrame: frames.cancelAnimationFrame,
      triggerGC: () => {},
      getPerformance: () => ({ now: () => globalThis.performance.now() * 1000 }),
    },
    lifecycle.api,
    touch,
    { downloadFile: network.downloadFile, request: network.request, uploadFile: network.uploadFile },
    sockets,
    storage,
    overlays,
    createDeviceApis(config, fsManager),
    createServices(config, touch),
    createAppApis(config, lifecycle, overlays, (key) => Object.prototype.hasOwnProperty.call(api, key)),
  );
  if (platform === 'wechat') {
    Object.assign(api, createPcInput(stage), {
      createImageData: (width, height) => new globalThis.ImageData(Math.max(1, width | 0), Math.max(1, height | 0)),
      createPath2D: (path) => new globalThis.Path2D(path),
      // A buffer as a URL images and sounds take, as wx.createBufferURL gives.
      createBufferURL: (buffer) => globalThis.URL.createObjectURL(new globalThis.Blob([buffer])),
      revokeBufferURL: (url) => globalThis.URL.revokeObjectURL(url),
    });
  }
  // WeChat's open data context, when game.json names one.
  if (platform === 'wechat' && config.openDataContext) api.getOpenDataContext = createOpenDataContext(config, files, info.systemInfo);
  if (platform === 'wechat') api.preDownloadSubpackage = subpackages.preDownloadSubpackage;
  if (platform === 'alipay') Object.assign(api.env, { clientName: 'ap', platform: 'devtools', language: 'zh-Hans' });
  return { api: withUnsupported(platform === 'alipay' ? 'my' : 'wx', platform, api), memory, subpackages };
}

module.exports = { createPlatform };
