/* global window, document, fetch, setInterval */
/**
 * Events from the page to the simulator server (POST /__sim/events), batched. The server's session
 * log is the one record the CLI and the app read: requests, console lines, errors, frames.
 */
const queue = [];
// The server's run this page was served for: after a reload the server drops a replaced page's events.
const configElement = document.getElementById('sim-config');
const eventsUrl = `/__sim/events${configElement && configElement.dataset.run ? `?run=${encodeURIComponent(configElement.dataset.run)}` : ''}`;
let sending = Promise.resolve();

function post(event) {
  queue.push(Object.assign({ at: Math.round(window.performance.now()) }, event));
  if (queue.length >= 200) flush();
}

/** Sends what is queued; resolves when the server has it (the CLI waits on this before reading). */
function flush() {
  if (queue.length === 0) return sending;
  const batch = queue.splice(0, queue.length);
  sending = sending.then(() =>
    fetch(eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) }).then(
      () => undefined,
      () => undefined,
    ),
  );
  return sending;
}

setInterval(flush, 100);

module.exports = { post, flush };
