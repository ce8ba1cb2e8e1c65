/* Minigame Studio runtime (resources/runtime/README.md): remote assets, a cache keyed by content
   hash, subpackages. Plain ES2015, no dependencies; runs on wx (WeChat) and my (Alipay). */
/* global $global, window */
(function () {
  'use strict';
  const G = typeof GameGlobal !== 'undefined' ? GameGlobal : typeof globalThis !== 'undefined' ? globalThis
    : typeof $global !== 'undefined' ? $global : typeof window !== 'undefined' ? window : {};
  if (G.minigameStudio) return;
  let manifest = null;
  try { manifest = require('./manifest.js'); } catch (e) { console.warn('minigame-studio: no manifest.js (' + e.message + ')'); }
  manifest = manifest || { platform: 'wechat', remoteUrl: '', subpackages: {}, files: {} };
  const isMy = typeof wx === 'undefined' || (manifest.platform === 'alipay' && typeof my !== 'undefined');
  const api = isMy ? my : wx;
  const files = manifest.files || {};
  const subs = manifest.subpackages || {};
  // WeChat: 200 MB for user files + cache, shared with the game's own files; Alipay documents 50 MB.
  const config = {
    limitBytes: manifest.cacheLimitBytes || (isMy ? 50 : 200) * 1048576,
    maxDownloads: 6, tries: 3, retryDelayMs: 500, indexDelayMs: 1000, maxQueuedSaves: 1000,
  };
  const fs = api.getFileSystemManager();
  const DIR = api.env.USER_DATA_PATH + '/minigame-studio-cache';
  const INDEX = DIR + '/index.json';
  const FULL = isMy ? 10028 : 1300202;
  const noop = () => {};

  // index: cache file name (hash + ext) -> { size, used (LRU clock) }; checked: size verified this
  // session; gen: bumped by cleanAllCaches so a save in flight is not indexed.
  let index = {}, clock = 0, checked = {}, caching = true, gen = 0, timer = null, indexWrite = Promise.resolve();
  let active = 0, waiting = [], saves = [], saving = false, drained = [];
  const downloads = {};

  const call = (target, name, opts) => new Promise((resolve, reject) => {
    opts.success = resolve;
    opts.fail = (res) => reject(res || {});
    target[name](opts);
  });
  const quiet = (target, name, opts) => call(target, name, opts).catch(noop);
  const errText = (r) => (r && r.message) || ((r && (r.errMsg || r.errorMessage)) || 'error') +
    (r && (r.errCode || r.error) ? ' (code ' + (r.errCode || r.error) + ')' : '');
  const fail = (text, props) => Object.assign(new Error(text), props);
  const norm = (p) => String(p).replace(/^\.?\//, '');
  const entryOf = (p) => (typeof p === 'string' && Object.prototype.hasOwnProperty.call(files, norm(p)) ? files[norm(p)] : null);
  const cacheName = (e) => e.hash + (/\.[A-Za-z0-9]+$/.exec(e.out) || [''])[0];
  const cachePath = (name) => DIR + '/' + name;
  const sizeOf = (res) => (res.stats ? res.stats.size : res.size);
  const totalBytes = () => Object.keys(index).reduce((n, k) => n + index[k].size, 0);
  const listDir = () => call(fs, 'readdir', { dirPath: DIR }).then((r) => r.files || [], () => []);

  const ready = quiet(fs, 'mkdir', { dirPath: DIR, recursive: true })
    .then(() => call(fs, 'readFile', { filePath: INDEX, encoding: 'utf8' }))
    .then((res) => {
      const saved = JSON.parse(res.data);
      index = saved.entries || {};
      clock = saved.clock || 0;
    }).catch(() => { index = {}; }); // no index yet, or a broken one: start empty

  // The index is written batched (debounced), never once per file.
  function markDirty() {
    if (timer === null) timer = setTimeout(writeIndex, config.indexDelayMs);
  }
  function writeIndex() {
    clearTimeout(timer);
    timer = null;
    const data = JSON.stringify({ version: 1, clock, entries: index });
    // Written beside, then renamed: a game killed mid-write must not leave a torn index.
    indexWrite = indexWrite.then(() => call(fs, 'writeFile', { filePath: INDEX + '.tmp', data, encoding: 'utf8' })
      .then(() => call(fs, 'rename', { oldPath: INDEX + '.tmp', newPath: INDEX })).catch(noop));
    return indexWrite;
  }

  function resolve(p) {
    const e = entryOf(p);
    return !e ? p : e.where === 'remote' ? manifest.remoteUrl + e.out : e.out;
  }

  // cache -> package -> remote; concurrent loads of one file share one promise.
  function load(p) {
    const e = entryOf(p);
    if (!e) return Promise.resolve(p);
    if (e.where !== 'remote') return Promise.resolve(e.out);
    const name = cacheName(e);
    if (downloads[name]) return downloads[name];
    const job = ready.then(() => fromCache(name, e)).then((hit) => hit || fetchRemote(norm(p), e, name));
    const done = () => { delete downloads[name]; };
    job.then(done, done);
    return (downloads[name] = job);
  }

  function fromCache(name, e) {
    const hit = index[name];
    if (!hit) return null;
    const use = () => { hit.used = ++clock; markDirty(); return cachePath(name); };
    if (checked[name]) return use();
    return call(fs, 'stat', { path: cachePath(name) }).then((res) => {
      if (sizeOf(res) === e.size) { checked[name] = true; return use(); }
      return drop(name).then(() => null);
    }, () => drop(name).then(() => null));
  }

  function drop(name) {
    delete index[name];
    delete checked[name];
    markDirty();
    return quiet(fs, 'unlink', { filePath: cachePath(name) });
  }

  function slot(task) {
    return new Promise((resolve, reject) => {
      const run = () => {
        active++;
        task().then(resolve, reject).then(() => {
          active--;
          if (waiting.length) waiting.shift()();
        });
      };
      if (active < config.maxDownloads) run(); else waiting.push(run);
    });
  }

  function fetchRemote(path, e, name) {
    const url = manifest.remoteUrl + e.out;
    const attempt = (n) => slot(() => downloadOnce(url, e.size)).then(null, (why) => {
      if (n >= config.tries) {
        throw fail('minigame-studio: could not download "' + path + '" from ' + url + ': ' + errText(why) + ' (after ' + n +
          ' tries). Is OUT-res/ uploaded there, and the domain allowed?', { path, url, status: why.status });
      }
      return new Promise((r) => setTimeout(r, config.retryDelayMs * Math.pow(2, n - 1))).then(() => attempt(n + 1));
    });
    return attempt(1).then((temp) => { enqueueSave(name, temp, e.size); return temp; });
  }

  function downloadOnce(url, size) {
    return call(api, 'downloadFile', { url }).then((res) => {
      // wx succeeds for any HTTP status; my gives apFilePath and no statusCode.
      if (res.statusCode !== undefined && res.statusCode !== 200) throw fail('HTTP status ' + res.statusCode, { status: res.statusCode });
      const temp = res.tempFilePath || res.apFilePath;
      return call(fs, 'stat', { path: temp }).then((st) => {
        if (sizeOf(st) !== size) throw fail('got ' + sizeOf(st) + ' bytes, the manifest says ' + size, { status: 200 });
        return temp;
      });
    });
  }

  // The game already has the temp file. Saves run in the background one after the other; the queue
  // is bounded (a file not saved is simply downloaded again on a later launch).
  function enqueueSave(name, temp, size) {
    if (!caching || index[name] || saves.length >= config.maxQueuedSaves || size > config.limitBytes) return;
    saves.push({ name, temp, size, gen });
    if (!saving) nextSave();
  }
  function nextSave() {
    const job = saves.shift();
    saving = !!job && caching;
    if (saving) return save(job).then(nextSave, nextSave);
    saves = [];
    drained.splice(0).forEach((f) => f());
  }
  // copyFile keeps the temp file valid for the game; saveFile would move it (Alipay documents this).
  const copy = (job) => (fs.copyFile
    ? call(fs, 'copyFile', { srcPath: job.temp, destPath: cachePath(job.name) })
    : call(fs, 'saveFile', { tempFilePath: job.temp, filePath: cachePath(job.name) }));

  function save(job) {
    const over = totalBytes() + job.size - config.limitBytes;
    return (over > 0 ? evict(over + config.limitBytes / 10) : Promise.resolve())
      .then(() => copy(job))
      .then(null, (res) => evict(job.size + totalBytes() / 10).then((freed) => {
        // Storage full or any failed save: free this file + 10 % headroom, try once more.
        if (!freed) throw res;
        return copy(job);
      }).then(null, () => {
        caching = false;
        const why = (res.errCode || res.error) === FULL ? 'storage is full' : 'a save failed (' + errText(res) + ')';
        console.warn('minigame-studio: ' + why + '; caching stops for this session, files still load from the network.');
        throw res;
      }))
      .then(() => {
        if (job.gen !== gen) return quiet(fs, 'unlink', { filePath: cachePath(job.name) });
        index[job.name] = { size: job.size, used: ++clock };
        checked[job.name] = true;
        markDirty();
      });
  }

  // Frees at least `need` bytes, least recently used first.
  function evict(need) {
    const names = Object.keys(index).sort((a, b) => index[a].used - index[b].used);
    let freed = 0;
    const gone = [];
    for (let i = 0; i < names.length && freed < need; i++) {
      freed += index[names[i]].size;
      gone.push(drop(names[i]));
    }
    return Promise.all(gone).then(() => freed);
  }

  function flush() {
    return ready.then(() => (saving ? new Promise((r) => drained.push(r)) : null)).then(writeIndex);
  }

  function cleanAllCaches() {
    saves = [];
    gen++;
    return ready.then(listDir).then((names) => {
      index = {};
      checked = {};
      caching = true;
      return Promise.all(names.map((f) => quiet(fs, 'unlink', { filePath: cachePath(f) })));
    }).then(writeIndex);
  }

  function cleanOldCaches() {
    const keep = {};
    Object.keys(files).forEach((k) => { if (files[k].where === 'remote') keep[cacheName(files[k])] = true; });
    return ready.then(listDir).then((names) => {
      const stale = {};
      Object.keys(index).concat(names).forEach((f) => { if (!/^index\.json/.test(f) && !keep[f]) stale[f] = true; });
      return Promise.all(Object.keys(stale).map(drop));
    }).then((gone) => writeIndex().then(() => gone.length));
  }

  function cacheInfo() {
    return { files: Object.keys(index).length, bytes: totalBytes(), limitBytes: config.limitBytes };
  }

  function loadSubpackage(name, onProgress) {
    return new Promise((resolve, reject) => {
      if (typeof api.loadSubpackage !== 'function') {
        // Old base libraries: the files are in the package, so run the entry.
        const sub = subs[name];
        if (!sub) return reject(fail('minigame-studio: no subpackage named "' + name + '" in this build.'));
        try { require('../' + sub.root.replace(/\/?$/, '/') + 'game.js'); } catch (err) { return reject(err); }
        return resolve();
      }
      const task = api.loadSubpackage({
        name,
        success: () => resolve(),
        fail: (res) => reject(fail('minigame-studio: could not load subpackage "' + name + '": ' + errText(res))),
      });
      // Alipay does not document a task: feature-detect.
      if (onProgress && task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate(onProgress);
    });
  }

  // Game code keeps its logical paths: images, audio and file reads go through the manifest.
  function wrapSrc(obj) {
    if (!obj || obj.__minigameStudio) return obj;
    let d = null;
    for (let o = obj; o && !d; o = Object.getPrototypeOf(o)) d = Object.getOwnPropertyDescriptor(o, 'src');
    if (!d || !d.set) return obj;
    let ticket = 0;
    try {
      Object.defineProperty(obj, 'src', {
        configurable: true,
        enumerable: true,
        get() { return d.get ? d.get.call(obj) : undefined; },
        set(v) {
          const e = entryOf(v), t = ++ticket;
          if (!e || e.where !== 'remote') { d.set.call(obj, e ? e.out : v); return; }
          load(v).then((local) => { if (t === ticket) d.set.call(obj, local); }, (err) => {
            console.error(err.message);
            if (t === ticket && typeof obj.onerror === 'function') obj.onerror(err);
          });
        },
      });
      Object.defineProperty(obj, '__minigameStudio', { value: true });
    } catch (err) {
      console.warn('minigame-studio: cannot wrap src (' + err.message + '); use minigameStudio.load for it.');
    }
    return obj;
  }
  function wrapFactory(host, name) {
    const f = host[name];
    if (typeof f !== 'function' || f.__minigameStudio) return;
    host[name] = function () { return wrapSrc(f.apply(this, arguments)); };
    host[name].__minigameStudio = true;
  }
  function wrapImageClass() {
    const I = G.Image;
    if (typeof I !== 'function' || I.__minigameStudio) return;
    const W = function (w, h) { return wrapSrc(new I(w, h)); };
    W.prototype = I.prototype;
    W.__minigameStudio = true;
    G.Image = W;
  }
  wrapFactory(api, 'createImage');
  wrapFactory(api, 'createInnerAudioContext');
  wrapImageClass();
  // The adapter (part of the game) runs after us: wrap its Image then.
  setTimeout(wrapImageClass, 0);

  function localFor(p) {
    const e = entryOf(p);
    if (!e) return p;
    if (e.where !== 'remote') return e.out;
    if (index[cacheName(e)]) return cachePath(cacheName(e));
    throw fail('minigame-studio: "' + norm(p) + '" is a remote file that is not cached yet, and readFileSync cannot download. ' +
      'Call minigameStudio.load("' + norm(p) + '") first, or use readFile.');
  }
  function patchFs(m) {
    if (!m || m.__minigameStudio) return m;
    const readSync = m.readFileSync, read = m.readFile;
    Object.defineProperty(m, '__minigameStudio', { value: true });
    m.readFileSync = function (p) {
      const args = Array.prototype.slice.call(arguments);
      args[0] = localFor(p);
      return readSync.apply(m, args);
    };
    m.readFile = function (opts) {
      const e = opts && entryOf(opts.filePath);
      const go = (local) => read.call(m, e ? Object.assign({}, opts, { filePath: local }) : opts);
      if (!e || e.where !== 'remote') return go(e && e.out);
      load(opts.filePath).then(go, (err) => {
        const res = isMy ? { error: 10022, errorMessage: err.message } : { errMsg: 'readFile:fail ' + err.message, errCode: 1300002 };
        if (opts.fail) opts.fail(res);
        if (opts.complete) opts.complete(res);
      });
    };
    return m;
  }
  patchFs(fs);
  const getFs = api.getFileSystemManager;
  api.getFileSystemManager = function () { return patchFs(getFs.apply(api, arguments)); };

  if (typeof api.onHide === 'function') api.onHide(flush);

  const studio = {
    resolve, load, loadSubpackage, cleanAllCaches,
    cleanOldCaches, cacheInfo, flush, wrap: wrapSrc, manifest,
    configure(opts) { Object.keys(opts).forEach((k) => { if (k in config) config[k] = opts[k]; }); return studio; },
  };
  G.minigameStudio = studio;
  if (typeof globalThis !== 'undefined') globalThis.minigameStudio = studio;
  if (typeof module !== 'undefined' && module) module.exports = studio;
})();
