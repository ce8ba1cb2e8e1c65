/* global $global, requestAnimationFrame */
/**
 * The share page, an independent subpackage: a share card can start it without the main package
 * (a cold start), so it requires nothing and names no file outside share/.
 * Inside the running game it hands the game a page to draw; on its own it runs a small loop and
 * loads the main package ('__GAME__') when the player taps Play.
 */
const api = typeof wx !== 'undefined' ? wx : my;
const isWeChat = typeof wx !== 'undefined';
const globalObject =
  typeof GameGlobal !== 'undefined' ? GameGlobal
    : typeof $global !== 'undefined' ? $global
      : typeof globalThis !== 'undefined' ? globalThis : {};

const medal = api.createImage();
medal.src = 'share/medal.png';

function bestScores() {
  try {
    const saved = isWeChat ? api.getStorageSync('starCatcher.scores') : (api.getStorageSync({ key: 'starCatcher.scores' }) || {}).data;
    return Array.isArray(saved) ? saved : [];
  } catch (error) {
    console.warn('Could not read saved scores', error);
    return [];
  }
}

function createPage(buttonLabel, onButton) {
  return {
    draw(ctx, width, height) {
      ctx.fillStyle = 'rgba(10, 14, 30, 0.85)';
      ctx.fillRect(0, 0, width, height);
      if (medal.width) ctx.drawImage(medal, width / 2 - 30, height * 0.12, 60, 72);
      ctx.fillStyle = '#ffffff';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = '28px sans-serif';
      ctx.fillText('Best scores', width / 2, height * 0.32);
      ctx.font = '20px sans-serif';
      const scores = bestScores();
      if (scores.length === 0) ctx.fillText('No runs yet: be the first!', width / 2, height * 0.42);
      scores.forEach((score, i) => ctx.fillText(`${i + 1}.  ${score} stars`, width / 2, height * 0.4 + i * 32));
      ctx.fillStyle = '#f6b93b';
      ctx.fillRect(width / 2 - 110, height * 0.8 - 24, 220, 48);
      ctx.fillStyle = '#2d1b00';
      ctx.fillText(buttonLabel, width / 2, height * 0.8);
      this.buttonY = height * 0.8;
      this.width = width;
    },
    tap(point) {
      if (Math.abs(point.x - this.width / 2) < 110 && Math.abs(point.y - this.buttonY) < 24) onButton();
    },
  };
}

if (globalObject.starCatcher) {
  // Loaded by the running game: draw inside it.
  globalObject.starCatcherSharePage = createPage('Back', () => globalObject.starCatcher.back());
} else {
  runStandalone();
}

function runStandalone() {
  const info = typeof api.getWindowInfo === 'function' ? api.getWindowInfo() : api.getSystemInfoSync();
  const canvas = api.createCanvas();
  // The main package reuses this canvas: a second createCanvas() would be off-screen.
  globalObject.screenCanvas = canvas;
  const ratio = info.pixelRatio || 1;
  canvas.width = info.windowWidth * ratio;
  canvas.height = info.windowHeight * ratio;
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  let running = true;
  const page = createPage('Play Star Catcher', () => {
    running = false;
    api.offTouchStart(onTouch);
    api.loadSubpackage({ name: '__GAME__', fail: () => { running = true; api.onTouchStart(onTouch); } });
  });
  function onTouch(event) {
    const touch = (event.touches && event.touches[0]) || (event.changedTouches && event.changedTouches[0]) || event;
    page.tap({ x: touch.clientX != null ? touch.clientX : touch.x, y: touch.clientY != null ? touch.clientY : touch.y });
  }
  api.onTouchStart(onTouch);
  const nextFrame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (cb) => setTimeout(cb, 16);
  function frame() {
    if (!running) return;
    page.draw(ctx, info.windowWidth, info.windowHeight);
    nextFrame(frame);
  }
  frame();
}
