/* global window */
/**
 * The game's console output and uncaught errors, sent to the session log. The browser's console
 * still gets every line (DevTools of the app's view shows them as usual).
 */
const { post } = require('./channel.js');

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'];

// A package file's address in a stack line: ORIGIN/pkg/js/a.js(?module):LINE:COLUMN (modules.js
// names each module so, by its sourceURL).
const PACKAGE_FRAME = /^([^\s)?#:]+)(?:\?[^\s):]*)?:(\d+):(\d+)/;

/** The first package file:line:column a stack names ("js/main.js:12:5"), or null (the platform's own code). */
function packageSite(stack) {
  const prefix = `${window.location.origin}/pkg/`;
  for (const line of String(stack || '').split('\n')) {
    const at = line.indexOf(prefix);
    if (at < 0) continue;
    const match = PACKAGE_FRAME.exec(line.slice(at + prefix.length));
    if (!match) continue;
    let path = match[1];
    try {
      path = decodeURIComponent(path);
    } catch {
      // Kept as written.
    }
    return `${path}:${match[2]}:${match[3]}`;
  }
  return null;
}

/** Where the game called console.*: the first package frame below this wrapper. */
function callSite() {
  return packageSite(new Error().stack);
}

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
      post({ type: 'console', level, text: args.map(show).join(' '), where: callSite() });
      original(...args);
    };
  }
}

function errorOf(value) {
  if (value instanceof Error) return { message: `${value.name}: ${value.message}`, stack: value.stack || '', where: packageSite(value.stack) };
  return { message: `Uncaught ${show(value)}`, stack: '', where: null };
}

/** Reports an error the game did not catch (thrown at load, in a callback, or a rejected promise). */
function reportUncaught(value) {
  post(Object.assign({ type: 'error' }, errorOf(value)));
}

function captureErrors() {
  window.addEventListener('error', (event) => reportUncaught(event.error !== undefined && event.error !== null ? event.error : event.message));
  window.addEventListener('unhandledrejection', (event) => reportUncaught(event.reason));
}

module.exports = { captureConsole, captureErrors, reportUncaught, packageSite };
