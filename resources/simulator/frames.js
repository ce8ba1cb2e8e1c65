/* global window, document, setInterval */
/**
 * requestAnimationFrame as the game sees it (with setPreferredFramesPerSecond), counting the frames
 * the game draws, and the first frame that is not blank: the screen canvas, scaled down, holding
 * more than one colour. Paused (onHide), no frame runs.
 */
const { post } = require('./channel.js');

const PROBE = 48;

function createFrames(canvases, onError) {
  const nativeRaf = window.requestAnimationFrame.bind(window);
  let queue = new Map();
  let nextId = 1;
  let fps = 60;
  let lastRun = 0;
  let frames = 0;
  let firstDrawnAt = null;
  let paused = false;
  let scheduled = false;
  const probe = document.createElement('canvas');
  probe.width = PROBE;
  probe.height = PROBE;
  const probeContext = probe.getContext('2d', { willReadFrequently: true });

  /** True when the screen holds at least two clearly different colours. */
  function screenDrawn() {
    const screen = canvases.screen();
    if (!screen || screen.width === 0 || screen.height === 0) return false;
    probeContext.clearRect(0, 0, PROBE, PROBE);
    try {
      probeContext.drawImage(screen, 0, 0, PROBE, PROBE);
    } catch {
      return false;
    }
    const data = probeContext.getImageData(0, 0, PROBE, PROBE).data;
    for (let i = 4; i < data.length; i += 4) {
      for (let c = 0; c < 4; c++) if (Math.abs(data[i + c] - data[c]) > 8) return true;
    }
    return false;
  }

  function checkDrawn() {
    if (firstDrawnAt !== null) return;
    if (screenDrawn()) {
      firstDrawnAt = Math.round(window.performance.now());
      post({ type: 'first-frame', ms: firstDrawnAt, frames });
    }
  }

  function run(time) {
    scheduled = false;
    if (paused) return;
    if (time - lastRun < 1000 / fps - 2) {
      schedule();
      return;
    }
    lastRun = time;
    const callbacks = queue;
    queue = new Map();
    if (callbacks.size > 0) frames++;
    for (const callback of callbacks.values()) {
      // One callback throwing must not stop the others, nor the loop (the platform goes on too).
      try {
        callback(time);
      } catch (error) {
        onError(error);
      }
    }
    if (callbacks.size > 0) checkDrawn();
    if (queue.size > 0) schedule();
  }

  function schedule() {
    if (scheduled || paused) return;
    scheduled = true;
    nativeRaf(run);
  }

  function requestAnimationFrame(callback) {
    const id = nextId++;
    queue.set(id, callback);
    schedule();
    return id;
  }

  function cancelAnimationFrame(id) {
    queue.delete(id);
  }

  // Games that draw from timers rather than requestAnimationFrame are checked too.
  setInterval(checkDrawn, 250);

  return {
    requestAnimationFrame,
    cancelAnimationFrame,
    setPreferredFramesPerSecond: (value) => {
      fps = Math.max(1, Math.min(60, Number(value) || 60));
    },
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      schedule();
    },
    status: () => ({ frames, firstFrameMs: firstDrawnAt, drawn: firstDrawnAt !== null }),
    screenDrawn,
  };
}

module.exports = { createFrames };
