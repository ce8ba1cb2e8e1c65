/* global fetch, AbortController, FormData, Blob, TextDecoder */
/**
 * downloadFile, request and uploadFile. Addresses under the build's Remote URL are served from
 * OUT-res (/res/…); any other address goes through the simulator server (/__sim/net), which judges
 * it as the platform's urlCheck does (the game's domain lists, or anything with urlCheck off),
 * waits the network profile's time, makes the call and logs it. The page itself reaches only its
 * own origin. connectSocket is in socket.js.
 */
const { post } = require('./channel.js');
const { apiError, ok, settle } = require('./errors.js');

/** The platform's errno for an address that is not on the game's domain list (PublicErrno). */
const NOT_IN_DOMAIN_LIST = 600002;

function createNetwork(config, urls, memory, files) {
  const platform = config.platform;
  const offline = config.network.offline;
  let temps = 0;

  /** wx: errno 600002 off the domain list; my: error 11 (无权跨域) off the list, 12 (网络出错) otherwise. */
  function refusal(api, failText) {
    const notListed = failText === 'url not in domain list';
    const res = apiError(platform, api, failText, platform === 'alipay' ? (notListed ? 11 : 12) : undefined);
    if (platform !== 'alipay' && notListed) res.errno = NOT_IN_DOMAIN_LIST;
    return res;
  }

  /** Remote URL files from OUT-res; null when the address is not under the Remote URL. */
  function remoteTarget(url) {
    const rest = urls.remoteRest(String(url || ''));
    return rest === null ? null : `/res/${rest}`;
  }

  function progressTask(controller) {
    const listeners = [];
    const headers = [];
    return {
      listeners,
      headers,
      task: {
        abort: () => controller.abort(),
        onProgressUpdate: (l) => typeof l === 'function' && listeners.push(l),
        offProgressUpdate: (l) => listeners.splice(0, listeners.length, ...listeners.filter((x) => l !== undefined && x !== l)),
        onHeadersReceived: (l) => typeof l === 'function' && headers.push(l),
        offHeadersReceived: (l) => headers.splice(0, headers.length, ...headers.filter((x) => l !== undefined && x !== l)),
      },
    };
  }

  /**
   * One call: to OUT-res for the Remote URL, else through the server. Resolves { status, header,
   * bytes } or rejects with { failText } (refused, offline, unreachable, aborted).
   */
  async function call(kind, url, init, listeners, signal) {
    const remote = remoteTarget(url);
    if (offline) {
      post({ type: 'request', path: String(url), source: remote ? 'remote' : 'network', status: 0, note: `${kind}: refused: the network profile is offline` });
      throw { failText: 'network unavailable (simulated: offline)' };
    }
    let response;
    try {
      if (remote) response = await fetch(remote, { signal, method: init.method === 'HEAD' ? 'HEAD' : 'GET' });
      else {
        const headers = { 'x-sim-url': String(url), 'x-sim-kind': kind, 'x-sim-headers': JSON.stringify(init.headers || {}) };
        if (init.contentType) headers['content-type'] = init.contentType;
        response = await fetch('/__sim/net', { method: init.method || 'GET', headers, body: init.body, signal });
      }
    } catch {
      throw { failText: signal.aborted ? 'abort' : 'network error' };
    }
    if (!remote && response.status !== 200) {
      const why = await response.json().catch(() => ({}));
      throw { failText: why.failText || 'network error', refused: response.status === 403 };
    }
    const status = remote ? response.status : Number(response.headers.get('x-sim-status'));
    let header = {};
    if (remote) response.headers.forEach((value, key) => (header[key] = value));
    else header = JSON.parse(decodeURIComponent(response.headers.get('x-sim-headers') || '%7B%7D'));
    const bytes = await readBody(response, Number(header['content-length']) || 0, listeners);
    return { status, header, bytes };
  }

  /** Reads a response body, reporting progress as the platform's DownloadTask does. */
  async function readBody(response, expectedHint, listeners) {
    const expected = expectedHint || Number(response.headers.get('content-length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let written = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      written += value.length;
      const res = { progress: expected ? Math.min(100, Math.round((written / expected) * 100)) : 0, totalBytesWritten: written, totalBytesExpectedToWrite: expected };
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

  function failWith(api, o) {
    return (problem) => settle(o, true, problem && problem.failText ? (problem.refused || problem.failText.startsWith('network unavailable') ? refusal(api, problem.failText) : apiError(platform, api, problem.failText)) : apiError(platform, api, 'network error'));
  }

  function downloadFile(options) {
    const o = options || {};
    const controller = new AbortController();
    const { task, listeners } = progressTask(controller);
    call('downloadFile', o.url, { headers: o.header || o.headers }, listeners, controller.signal)
      .then(({ status, bytes }) => {
        const ext = (/\.[A-Za-z0-9]+(?=$|\?)/.exec(String(o.url)) || [''])[0];
        const path = o.filePath || `${memory.tempRoot}/${++temps}${ext}`;
        const problem = memory.write(path, bytes, false);
        if (problem) {
          const code = platform === 'alipay' ? 10028 : 1300202;
          settle(o, true, apiError(platform, 'downloadFile', problem === 'full' ? 'the maximum size of the file storage limit is exceeded' : `cannot write ${path}`, code));
          return;
        }
        const res = platform === 'alipay' ? { apFilePath: path, tempFilePath: path, statusCode: status } : { tempFilePath: o.filePath ? undefined : path, filePath: o.filePath, statusCode: status };
        settle(o, false, ok(platform, 'downloadFile', res));
      })
      .catch(failWith('downloadFile', o));
    return task;
  }

  /** wx: GET data becomes the query string; objects go as JSON unless the header says a form. */
  function encodeRequest(o, method) {
    const headers = Object.assign({}, o.header || o.headers);
    const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
    const type = typeKey ? String(headers[typeKey]) : 'application/json';
    let url = String(o.url || '');
    const data = o.data;
    if (data === undefined || data === null) return { url, headers, body: undefined, contentType: typeKey ? type : undefined };
    if (method === 'GET' || method === 'HEAD') {
      if (typeof data === 'object' && !(data instanceof ArrayBuffer)) {
        const query = Object.keys(data).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof data[k] === 'object' ? JSON.stringify(data[k]) : data[k])}`).join('&');
        if (query) url += (url.includes('?') ? '&' : '?') + query;
      } else if (typeof data === 'string' && data) url += (url.includes('?') ? '&' : '?') + data;
      return { url, headers, body: undefined };
    }
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return { url, headers, body: data, contentType: typeKey ? type : 'application/octet-stream' };
    if (typeof data === 'object') {
      if (/x-www-form-urlencoded/i.test(type)) {
        return { url, headers, body: Object.keys(data).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(data[k])}`).join('&'), contentType: type };
      }
      return { url, headers, body: JSON.stringify(data), contentType: type };
    }
    return { url, headers, body: String(data), contentType: type };
  }

  function request(options) {
    const o = options || {};
    const controller = new AbortController();
    const { task } = progressTask(controller);
    const method = String(o.method || 'GET').toUpperCase();
    const encoded = encodeRequest(o, method);
    call('request', encoded.url, { method, headers: encoded.headers, body: encoded.body, contentType: encoded.contentType }, [], controller.signal)
      .then(({ status, header, bytes }) => {
        const binary = o.responseType === 'arraybuffer' || o.dataType === 'arraybuffer';
        const text = new TextDecoder().decode(bytes);
        let data = binary ? bytes.buffer : text;
        if (!binary && o.dataType !== 'text' && (o.dataType === undefined || o.dataType === 'json')) {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        settle(o, false, ok(platform, 'request', platform === 'alipay' ? { data, status, headers: header } : { data, statusCode: status, header }));
      })
      .catch(failWith('request', o));
    return task;
  }

  /** The file to upload: a local file (USER_DATA_PATH, temp) or a package file. */
  function uploadBytes(path) {
    const value = String(path || '');
    if (memory.owns(value)) {
      const node = memory.stat(value);
      return node && !node.dir ? node.data : null;
    }
    const clean = files.normalise(value);
    return clean === null ? null : files.readSync(clean, false);
  }

  function uploadFile(options) {
    const o = options || {};
    const controller = new AbortController();
    const { task, listeners } = progressTask(controller);
    const bytes = uploadBytes(o.filePath);
    if (bytes === null) {
      settle(o, true, apiError(platform, 'uploadFile', `file not found: ${o.filePath}`, platform === 'alipay' ? 11 : undefined));
      return task;
    }
    const form = new FormData();
    for (const [key, value] of Object.entries(o.formData || {})) form.append(key, String(value));
    const name = platform === 'alipay' ? o.fileName : o.name;
    form.append(String(name || 'file'), new Blob([bytes]), String(o.filePath).split('/').pop());
    // The body is sent whole: its progress is reported once it has gone.
    // The multipart type and its boundary are the form's own, whatever the game's header says.
    const headers = Object.fromEntries(Object.entries(o.header || o.headers || {}).filter(([k]) => k.toLowerCase() !== 'content-type'));
    call('uploadFile', o.url, { method: 'POST', headers, body: form }, [], controller.signal)
      .then(({ status, header, bytes: answer }) => {
        listeners.forEach((l) => l({ progress: 100, totalBytesSent: bytes.length, totalBytesExpectedToSend: bytes.length }));
        const data = new TextDecoder().decode(answer);
        settle(o, false, ok(platform, 'uploadFile', platform === 'alipay' ? { data, statusCode: status, header } : { data, statusCode: status, header }));
      })
      .catch(failWith('uploadFile', o));
    return task;
  }

  return { downloadFile, request, uploadFile, refusal };
}

module.exports = { createNetwork, NOT_IN_DOMAIN_LIST };
