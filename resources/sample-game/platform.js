/* global $global, requestAnimationFrame */
/**
 * The one place that knows which platform runs the game: `wx` on WeChat, `my` on Alipay.
 * The rest of the game calls these helpers, so the same files run on both.
 */
const api = typeof wx !== 'undefined' ? wx : typeof my !== 'undefined' ? my : null;
const isWeChat = typeof wx !== 'undefined';

const globalObject =
  typeof GameGlobal !== 'undefined' ? GameGlobal
    : typeof $global !== 'undefined' ? $global
      : typeof globalThis !== 'undefined' ? globalThis : {};

function windowSize() {
  const info = typeof api.getWindowInfo === 'function' ? api.getWindowInfo() : api.getSystemInfoSync();
  return { width: info.windowWidth, height: info.windowHeight, pixelRatio: info.pixelRatio || 1 };
}

/** The on-screen canvas. The share page may have created it already (cold start from a share card). */
function screenCanvas() {
  if (!globalObject.screenCanvas) globalObject.screenCanvas = api.createCanvas();
  return globalObject.screenCanvas;
}

const nextFrame = typeof requestAnimationFrame === 'function'
  ? requestAnimationFrame
  : (callback) => setTimeout(() => callback(Date.now()), 16);

/**
 * Loads a subpackage by name. Through the studio's runtime when the game was built by the studio
 * (it reports progress the same way on both platforms), else through the platform API.
 */
function loadSubpackage(name, onProgress) {
  const studio = globalObject.minigameStudio;
  if (studio && typeof studio.loadSubpackage === 'function') return studio.loadSubpackage(name, onProgress);
  return new Promise((resolve, reject) => {
    const task = api.loadSubpackage({ name, success: resolve, fail: reject });
    if (task && typeof task.onProgressUpdate === 'function' && onProgress) task.onProgressUpdate(onProgress);
  });
}

// Alipay's storage takes an object and wraps the value in { data }.
function readStorage(key) {
  try {
    return isWeChat ? api.getStorageSync(key) : (api.getStorageSync({ key }) || {}).data;
  } catch (error) {
    console.warn('Could not read saved scores', error);
    return undefined;
  }
}

function writeStorage(key, value) {
  try {
    if (isWeChat) api.setStorageSync(key, value);
    else api.setStorageSync({ key, data: value });
  } catch (error) {
    // Storage full or unavailable: the game goes on without saving.
    console.warn('Could not save scores', error);
  }
}

function touchPoint(event) {
  const touch = (event.touches && event.touches[0]) || (event.changedTouches && event.changedTouches[0]) || event;
  return { x: touch.clientX != null ? touch.clientX : touch.x, y: touch.clientY != null ? touch.clientY : touch.y };
}

module.exports = {
  api,
  isWeChat,
  global: globalObject,
  windowSize,
  screenCanvas,
  nextFrame,
  loadSubpackage,
  readStorage,
  writeStorage,
  touchPoint,
};
