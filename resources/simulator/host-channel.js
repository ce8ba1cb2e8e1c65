/* global window, setInterval */
/**
 * The app's view talks to the page with postMessage, and only the studio's own page may: a control
 * message counts only when it comes from the window that framed this page (window.parent) on one
 * of the studio origins the server wrote into the page's settings, and the page answers only to
 * that origin. Nothing of the studio (no StudioApi, no token) crosses; the answer is for display.
 * Where no origin is listed (headless runs, the Electron view) the page listens to no one.
 */
const { post } = require('./channel.js');

const CONTROL = 'minigame-studio:simulator-control';
const PAGE = 'minigame-studio:simulator-page';
const ACTIONS = ['pause', 'resume', 'clear-cache'];

/** The action a message asks for, or null when it is not one the studio's page may send. */
function acceptControl(event, hostOrigins, parent) {
  if (!event || !Array.isArray(hostOrigins) || !hostOrigins.includes(event.origin)) return null;
  if (parent === undefined || event.source !== parent) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null || data.type !== CONTROL) return null;
  return ACTIONS.includes(data.action) ? data.action : null;
}

/**
 * Listens for the studio's controls and reports user-file use to the session log when it changes.
 * `controls` has pause(), resume(), clearCache(), status() → { paused, drawn }, storageBytes().
 */
function connectHost(config, controls) {
  const origins = Array.isArray(config.hostOrigins) ? config.hostOrigins : [];
  const answer = (origin) => {
    const { paused, drawn } = controls.status();
    window.parent.postMessage({ type: PAGE, paused: Boolean(paused), drawn: Boolean(drawn) }, origin);
  };
  if (origins.length > 0 && window.parent !== window) {
    window.addEventListener('message', (event) => {
      const action = acceptControl(event, origins, window.parent);
      if (action === null) return;
      if (action === 'pause') controls.pause();
      else if (action === 'resume') controls.resume();
      else controls.clearCache();
      answer(event.origin);
    });
  }
  let reported = -1;
  const report = () => {
    const bytes = controls.storageBytes();
    if (bytes === reported) return;
    reported = bytes;
    post({ type: 'storage', bytes });
  };
  report();
  setInterval(report, 250);
}

module.exports = { acceptControl, connectHost, CONTROL, PAGE };
