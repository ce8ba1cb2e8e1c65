/* global window */
/**
 * The game's console output and uncaught errors, sent to the session log. The browser's console
 * still gets every line (DevTools of the app's view shows them as usual).
 */
const { post } = require('./channel.js');

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'];

function show(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack || String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function captureConsole(console) {
  for (const level of LEVELS) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      post({ type: 'console', level, text: args.map(show).join(' ') });
      original(...args);
    };
  }
}

function errorOf(value) {
  if (value instanceof Error) return { message: `${value.name}: ${value.message}`, stack: value.stack || '' };
  return { message: `Uncaught ${show(value)}`, stack: '' };
}

/** Reports an error the game did not catch (thrown at load, in a callback, or a rejected promise). */
function reportUncaught(value) {
  post(Object.assign({ type: 'error' }, errorOf(value)));
}

function captureErrors() {
  window.addEventListener('error', (event) => reportUncaught(event.error !== undefined && event.error !== null ? event.error : event.message));
  window.addEventListener('unhandledrejection', (event) => reportUncaught(event.reason));
}

module.exports = { captureConsole, captureErrors, reportUncaught };
