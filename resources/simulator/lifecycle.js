/* global document */
/**
 * Launch options, onShow/onHide (pause and resume: frames stop while hidden), onError. The page's
 * own visibility and the simulator's pause/resume both drive them.
 */
function createLifecycle(config, frames) {
  const listeners = { show: [], hide: [], error: [] };
  const launch = { scene: 1001, query: {}, referrerInfo: {}, path: config.entry };
  let hidden = false;

  function on(kind) {
    return (l) => typeof l === 'function' && listeners[kind].push(l);
  }
  function off(kind) {
    return (l) => {
      listeners[kind] = l === undefined ? [] : listeners[kind].filter((x) => x !== l);
    };
  }

  function hide() {
    if (hidden) return;
    hidden = true;
    frames.pause();
    listeners.hide.slice().forEach((l) => l({}));
  }
  function show() {
    if (!hidden) return;
    hidden = false;
    frames.resume();
    listeners.show.slice().forEach((l) => l(Object.assign({}, launch)));
  }
  document.addEventListener('visibilitychange', () => (document.hidden ? hide() : show()));

  return {
    api: {
      getLaunchOptionsSync: () => JSON.parse(JSON.stringify(launch)),
      getEnterOptionsSync: () => JSON.parse(JSON.stringify(launch)),
      onShow: on('show'),
      offShow: off('show'),
      onHide: on('hide'),
      offHide: off('hide'),
      onError: on('error'),
      offError: off('error'),
    },
    hide,
    show,
    /** Tells the game's onError listeners of an uncaught error, as wx.onError does. */
    error: (message, stack) => listeners.error.slice().forEach((l) => l({ message, stack })),
  };
}

module.exports = { createLifecycle };
