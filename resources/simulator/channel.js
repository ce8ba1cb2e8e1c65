/* global window, document, fetch, setInterval */
/**
 * Events from the page to the simulator server (POST /__sim/events), batched. The server's session
 * log is the one record the CLI and the app read: requests, console lines, errors, frames.
 */
const queue = [];
let eventsUrl = null;
let sending = Promise.resolve();

function post(event) {
  queue.push(Object.assign({ at: Math.round(window.performance.now()) }, event));
  if (queue.length >= 200) flush();
}

/**
 * Where events go, with the server's run this page was served for: after a reload the server drops
 * a replaced page's events. Read at the first send, when the page is there (the page's modules
 * also load in Node for their tests).
 */
function eventsUrlOf() {
  if (eventsUrl === null) {
    const config = document.getElementById('sim-config');
    eventsUrl = `/__sim/events${config && config.dataset.run ? `?run=${encodeURIComponent(config.dataset.run)}` : ''}`;
  }
  return eventsUrl;
}

/** Sends what is queued; resolves when the server has it (the CLI waits on this before reading). */
function flush() {
  if (queue.length === 0) return sending;
  const batch = queue.splice(0, queue.length);
  sending = sending.then(() =>
    fetch(eventsUrlOf(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) }).then(
      () => undefined,
      () => undefined,
    ),
  );
  return sending;
}

setInterval(flush, 100);

module.exports = { post, flush };
