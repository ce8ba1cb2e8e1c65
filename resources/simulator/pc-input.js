/* global window */
/**
 * The keyboard and mouse events WeChat gives games on PC (onKeyDown/onKeyUp with { key, code,
 * timeStamp }; onMouseDown/onMouseUp/onMouseMove with { button, x, y, timeStamp }; onWheel with
 * { deltaX, deltaY, deltaZ, x, y, timeStamp }), from the page's own events in the device's CSS
 * pixels. Touches still come as touches.
 */
function createPcInput(stage) {
  const listeners = { keydown: [], keyup: [], mousedown: [], mouseup: [], mousemove: [], wheel: [] };
  const emit = (kind, res) => listeners[kind].slice().forEach((l) => l(res));
  const at = (event) => {
    const box = stage.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top, timeStamp: Math.round(event.timeStamp) };
  };
  for (const kind of ['keydown', 'keyup']) window.addEventListener(kind, (event) => emit(kind, { key: event.key, code: event.code, timeStamp: Math.round(event.timeStamp) }));
  for (const kind of ['mousedown', 'mouseup', 'mousemove']) stage.addEventListener(kind, (event) => emit(kind, Object.assign({ button: event.button }, at(event))));
  stage.addEventListener('wheel', (event) => emit('wheel', Object.assign({ deltaX: event.deltaX, deltaY: event.deltaY, deltaZ: event.deltaZ }, at(event))), { passive: true });

  const api = {};
  for (const [name, kind] of [
    ['KeyDown', 'keydown'],
    ['KeyUp', 'keyup'],
    ['MouseDown', 'mousedown'],
    ['MouseUp', 'mouseup'],
    ['MouseMove', 'mousemove'],
    ['Wheel', 'wheel'],
  ]) {
    api[`on${name}`] = (l) => typeof l === 'function' && listeners[kind].push(l);
    api[`off${name}`] = (l) => {
      listeners[kind] = l === undefined ? [] : listeners[kind].filter((x) => x !== l);
    };
  }
  return api;
}

module.exports = { createPcInput };
