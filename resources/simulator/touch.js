/**
 * Pointer events on the stage become the platform's touch events: onTouchStart/Move/End/Cancel
 * with `touches` (every finger still down) and `changedTouches` (the fingers of this event), each
 * { identifier, clientX, clientY, pageX, pageY, force } in the device's CSS pixels.
 */
const { post } = require('./channel.js');

function createTouch(stage) {
  const listeners = { start: [], move: [], end: [], cancel: [] };
  const down = new Map();

  function touchOf(event) {
    const box = stage.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { identifier: event.pointerId, clientX: x, clientY: y, pageX: x, pageY: y, x, y, force: event.pressure || 1 };
  }

  function emit(kind, event, touch) {
    const payload = { type: `touch${kind}`, touches: [...down.values()], changedTouches: [touch], timeStamp: Math.round(event.timeStamp) };
    for (const listener of listeners[kind].slice()) listener(payload);
  }

  stage.addEventListener('pointerdown', (event) => {
    if (event.target !== stage && event.target.id !== 'screen') return;
    const touch = touchOf(event);
    down.set(event.pointerId, touch);
    try {
      stage.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot always be captured; moves still arrive on the stage.
    }
    post({ type: 'touch', x: Math.round(touch.clientX), y: Math.round(touch.clientY) });
    emit('start', event, touch);
  });
  stage.addEventListener('pointermove', (event) => {
    if (!down.has(event.pointerId)) return;
    const touch = touchOf(event);
    down.set(event.pointerId, touch);
    emit('move', event, touch);
  });
  for (const [type, kind] of [['pointerup', 'end'], ['pointercancel', 'cancel']]) {
    stage.addEventListener(type, (event) => {
      if (!down.has(event.pointerId)) return;
      const touch = touchOf(event);
      down.delete(event.pointerId);
      emit(kind, event, touch);
    });
  }

  const api = {};
  for (const [name, kind] of [['TouchStart', 'start'], ['TouchMove', 'move'], ['TouchEnd', 'end'], ['TouchCancel', 'cancel']]) {
    api[`on${name}`] = (listener) => {
      if (typeof listener === 'function') listeners[kind].push(listener);
    };
    api[`off${name}`] = (listener) => {
      listeners[kind] = listener === undefined ? [] : listeners[kind].filter((l) => l !== listener);
    };
  }
  return api;
}

module.exports = { createTouch };
