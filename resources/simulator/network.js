/* global fetch, AbortController */
/**
 * downloadFile, request, uploadFile and connectSocket. The only network a game reaches is its
 * build's Remote URL, served from OUT-res by the simulator server (which applies the network
 * profile's speed and logs each request). Any other address fails as the platform fails a domain
 * that is not on the game's list; offline, everything fails.
 */
const { post } = require('./channel.js');
const { apiError, ok, settle } = require('./errors.js');

function createNetwork(config, urls, memory) {
  const platform = config.platform;
  const offline = config.network.offline;
  let temps = 0;

  function refuse(api, options, url) {
    const why = offline ? 'the network profile is offline' : "not the build's Remote URL";
    post({ type: 'request', path: String(url), source: 'remote', status: 0, note: why });
    const text = offline ? 'network unavailable (simulated: offline)' : 'url not in domain list';
    settle(options, true, apiError(platform, api, text, platform === 'alipay' ? 12 : undefined));
  }

  function target(url) {
    if (offline) return null;
    const rest = urls.remoteRest(String(url || ''));
    return rest === null ? null : `/res/${rest}`;
  }

  function progressTask(controller) {
    const listeners = [];
    return {
      listeners,
      task: {
        abort: () => controller.abort(),
        onProgressUpdate: (l) => typeof l === 'function' && listeners.push(l),
        offProgressUpdate: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
        onHeadersReceived: () => {},
        offHeadersReceived: () => {},
      },
    };
  }

  /** Reads a response body, reporting progress as the platform's DownloadTask does. */
  async function readBody(response, listeners) {
    const expected = Number(response.headers.get('content-length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let written = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      written += value.length;
      const res = { progress: expected ? Math.round((written / expected) * 100) : 0, totalBytesWritten: written, totalBytesExpectedToWrite: expected };
      listeners.forEach((l) => l(res));
    }
    const bytes = new Uint8Array(written);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  function downloadFile(options) {
    const o = options || {};
    const controller = new AbortController();
    const { task, listeners } = progressTask(controller);
    const url = target(o.url);
    if (url === null) {
      refuse('downloadFile', o, o.url);
      return task;
    }
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const bytes = await readBody(response, listeners);
        const ext = (/\.[A-Za-z0-9]+(?=$|\?)/.exec(String(o.url)) || [''])[0];
        const path = o.filePath || `${memory.tempRoot}/${++temps}${ext}`;
        const problem = memory.write(path, bytes, false);
        if (problem) {
          const code = platform === 'alipay' ? 10028 : 1300202;
          settle(o, true, apiError(platform, 'downloadFile', problem === 'full' ? 'the maximum size of the file storage limit is exceeded' : `cannot write ${path}`, code));
          return;
        }
        const res = platform === 'alipay' ? { apFilePath: path, tempFilePath: path, statusCode: response.status } : { tempFilePath: o.filePath ? undefined : path, filePath: o.filePath, statusCode: response.status };
        settle(o, false, ok(platform, 'downloadFile', res));
      })
      .catch(() => settle(o, true, apiError(platform, 'downloadFile', controller.signal.aborted ? 'abort' : 'network error')));
    return task;
  }

  function request(options) {
    const o = options || {};
    const controller = new AbortController();
    const { task } = progressTask(controller);
    const url = target(o.url);
    if (url === null) {
      refuse('request', o, o.url);
      return task;
    }
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const raw = o.responseType === 'arraybuffer' ? await response.arrayBuffer() : await response.text();
        let data = raw;
        if (o.dataType !== 'text' && o.responseType !== 'arraybuffer' && o.dataType !== 'arraybuffer') {
          try {
            data = JSON.parse(raw);
          } catch {
            data = raw;
          }
        }
        const header = {};
        response.headers.forEach((value, key) => {
          header[key] = value;
        });
        settle(o, false, ok(platform, 'request', platform === 'alipay' ? { data, status: response.status, headers: header } : { data, statusCode: response.status, header }));
      })
      .catch(() => settle(o, true, apiError(platform, 'request', controller.signal.aborted ? 'abort' : 'network error')));
    return task;
  }

  function uploadFile(options) {
    const controller = new AbortController();
    refuse('uploadFile', options || {}, (options || {}).url);
    return progressTask(controller).task;
  }

  function connectSocket(options) {
    const o = options || {};
    refuse('connectSocket', o, o.url);
    const noop = () => {};
    return { send: noop, close: noop, onOpen: noop, onClose: noop, onError: (l) => typeof l === 'function' && setTimeout(() => l({ errMsg: 'connectSocket:fail url not in domain list' }), 0), onMessage: noop };
  }

  return { downloadFile, request, uploadFile, connectSocket };
}

module.exports = { createNetwork };
