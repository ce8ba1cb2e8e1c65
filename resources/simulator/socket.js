/* global WebSocket, fetch, window */
/**
 * connectSocket and its SocketTask (send, close, onOpen, onMessage, onError, onClose), plus the
 * older global forms (onSocketOpen, sendSocketMessage, closeSocket…) that act on the latest
 * socket. The page opens a socket only to its own server (/__sim/socket), which judges the address
 * as urlCheck does, connects to it and relays frames; it opens the page's socket only once the
 * target's is open, so onOpen means the game's server answered.
 */
const { apiError, ok, settle } = require('./errors.js');

const REFUSED_CLOSE = 4403;
const FAILED_CLOSE = 4502;

function createSockets(config, refusal) {
  const platform = config.platform;
  const globalListeners = { open: [], message: [], error: [], close: [] };
  let latest = null;

  function connectSocket(options) {
    const o = options || {};
    const listeners = { open: [], message: [], error: [], close: [] };
    const emit = (kind, res) => {
      listeners[kind].slice().forEach((l) => l(res));
      if (latest === task) globalListeners[kind].slice().forEach((l) => l(res));
    };
    const url = String(o.url || '');
    let ws = null;
    const target = `${window.location.origin.replace(/^http/, 'ws')}/__sim/socket?url=${encodeURIComponent(url)}${[].concat(o.protocols || []).map((p) => `&protocol=${encodeURIComponent(p)}`).join('')}`;
    const open = () => {
      ws = new WebSocket(target);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => emit('open', platform === 'alipay' ? {} : { header: {}, profile: {} });
      ws.onmessage = (event) => emit('message', { data: event.data });
      ws.onclose = (event) => {
        if (event.code === REFUSED_CLOSE || event.code === FAILED_CLOSE) {
          const res = event.code === REFUSED_CLOSE ? refusal('connectSocket', event.reason || 'url not in domain list') : apiError(platform, 'connectSocket', event.reason || 'network error');
          emit('error', platform === 'alipay' ? res : { errMsg: res.errMsg });
          emit('close', { code: 1006, reason: event.reason });
          return;
        }
        emit('close', { code: event.code, reason: event.reason });
      };
    };
    const task = {
      send(s) {
        const so = s || {};
        if (!ws || ws.readyState !== 1) {
          settle(so, true, apiError(platform, 'sendSocketMessage', 'SocketTask.readyState is not OPEN'));
          return;
        }
        ws.send(so.data);
        settle(so, false, ok(platform, 'sendSocketMessage'));
      },
      close(c) {
        const co = c || {};
        if (ws) ws.close(co.code || 1000, co.reason || '');
        settle(co, false, ok(platform, 'closeSocket'));
      },
      onOpen: (l) => typeof l === 'function' && listeners.open.push(l),
      onMessage: (l) => typeof l === 'function' && listeners.message.push(l),
      onError: (l) => typeof l === 'function' && listeners.error.push(l),
      onClose: (l) => typeof l === 'function' && listeners.close.push(l),
      get readyState() {
        return ws ? ws.readyState : 0;
      },
    };
    latest = task;
    if (!/^wss?:\/\//i.test(url)) {
      settle(o, true, apiError(platform, 'connectSocket', `invalid url "${url}"`));
      return task;
    }
    // Judged first, so an address off the domain list fails the call itself, as on the platform.
    fetch(`/__sim/judge?kind=socket&url=${encodeURIComponent(url)}`)
      .then((res) => res.json())
      .then(
        (decision) => {
          if (decision.allowed) {
            open();
            settle(o, false, ok(platform, 'connectSocket'));
            return;
          }
          const res = refusal('connectSocket', decision.failText || 'url not in domain list');
          settle(o, true, res);
          setTimeout(() => emit('error', platform === 'alipay' ? res : { errMsg: res.errMsg }), 0);
        },
        () => settle(o, true, apiError(platform, 'connectSocket', 'network error')),
      );
    return task;
  }

  const on = (kind) => (l) => typeof l === 'function' && globalListeners[kind].push(l);
  const apis = {
    connectSocket,
    onSocketOpen: on('open'),
    onSocketMessage: on('message'),
    onSocketError: on('error'),
    onSocketClose: on('close'),
    sendSocketMessage: (o) => (latest ? latest.send(o) : settle(o, true, apiError(platform, 'sendSocketMessage', 'no socket is open'))),
    closeSocket: (o) => (latest ? latest.close(o) : settle(o, true, apiError(platform, 'closeSocket', 'no socket is open'))),
  };
  return apis;
}

module.exports = { createSockets };
