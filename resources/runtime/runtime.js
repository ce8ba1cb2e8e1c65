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
  const CAP = (isMy ? 50 : 200) * 1048576;
  const config = {
    limitBytes: manifest.cacheLimitBytes || CAP,
    maxDownloads: 6, tries: 3, retryDelayMs: 500, indexDelayMs: 1000, maxQueuedSaves: 1000,
    timeoutMs: manifest.downloadTimeoutMs || 30000,
  };
  const fs = api.getFileSystemManager();
  const DIR = api.env.USER_DATA_PATH + '/minigame-studio-cache';
  const INDEX = DIR + '/index.json';
  const FULL = isMy ? 10028 : 1300202;
  const NAME = /^[0-9a-f]{20}(\.[A-Za-z0-9]+)?$/;
  const noop = () => {};
  const isCount = (n) => typeof n === 'number' && n >= 0 && Math.floor(n) === n;

  // index: cache file name (hash + ext) -> { size, used (LRU clock), seen (last session that used it),
  // mtime and at (its modification second, and the second its content was last verified) }.
  // checked: content verified this session; given: its cache path was handed to the game this session;
  // gen: bumped by cleanAllCaches, so a save or cache hit from before it is not used.
  let index = {}, clock = 0, session = 1, checked = {}, given = {}, caching = true, gen = 0, timer = null;
  let indexWrite = Promise.resolve(), cleaning = Promise.resolve();
  // Storage: what the platform holds besides the cache, files in the cache folder the index does not
  // name, the index's own size, and the user-file cap learnt from a "storage full" answer.
  let otherBytes = 0, orphans = {}, indexBytes = 0, learntCap = 0, saveFailures = 0;
  let active = 0, waiting = [], saves = [], saving = false, drained = [], loading = 0, flushing = 0, asked = 0;
  const downloads = {};

  const call = (target, name, opts) => new Promise((resolve, reject) => {
    opts.success = resolve;
    opts.fail = (res) => reject(res || {});
    target[name](opts);
  });
  const quiet = (target, name, opts) => call(target, name, opts).catch(noop);
  const errText = (r) => (r && r.message) || ((r && (r.errMsg || r.errorMessage)) || 'error') +
    (r && (r.errCode || r.error) ? ' (code ' + (r.errCode || r.error) + ')' : '');
  const isFull = (r) => !!r && (r.errCode || r.error) === FULL;
  const fail = (text, props) => Object.assign(new Error(text), props);
  const norm = (p) => String(p).replace(/^\.?\//, '');
  const entryOf = (p) => (typeof p === 'string' && Object.prototype.hasOwnProperty.call(files, norm(p)) ? files[norm(p)] : null);
  const cacheName = (e) => e.hash + (/\.[A-Za-z0-9]+$/.exec(e.out) || [''])[0];
  const cachePath = (name) => DIR + '/' + name;
  const sum = (o) => Object.keys(o).reduce((n, k) => n + (typeof o[k] === 'number' ? o[k] : o[k].size), 0);
  const totalBytes = () => sum(index);
  const listDir = () => call(fs, 'readdir', { dirPath: DIR }).then((r) => r.files || [], () => []);
  const named = {};
  Object.keys(files).forEach((k) => { if (files[k].where === 'remote') named[cacheName(files[k])] = true; });

  // A corrupt index (not JSON, null, entries that are not {size, used} numbers, names that are not
  // ours) is never trusted: bad entries are dropped, and their files are reclaimed as orphans.
  function readIndex(text) {
    const saved = JSON.parse(text);
    const entries = saved && typeof saved.entries === 'object' && saved.entries || {};
    Object.keys(entries).forEach((k) => {
      const v = entries[k];
      if (!NAME.test(k) || !v || typeof v !== 'object' || !isCount(v.size) || typeof v.used !== 'number' || !(v.used >= 0)) return;
      const num = (x) => (typeof x === 'number' ? x : -1);
      index[k] = { size: v.size, used: v.used, seen: isCount(v.seen) ? v.seen : 0, mtime: num(v.mtime), at: num(v.at) };
      clock = Math.max(clock, v.used);
    });
    if (saved && typeof saved.clock === 'number' && saved.clock > clock) clock = saved.clock;
    session = (saved && isCount(saved.session) ? saved.session : 0) + 1;
    learntCap = saved && isCount(saved.capBytes) ? saved.capBytes : 0;
    indexBytes = text.length;
  }
  const ready = quiet(fs, 'mkdir', { dirPath: DIR, recursive: true })
    .then(() => call(fs, 'readFile', { filePath: INDEX, encoding: 'utf8' }))
    .then((res) => { if (gen === 0) readIndex(String(res.data)); }) // not after a cleanAllCaches() that came first
    .catch(() => { index = {}; }); // no index yet, or a broken one: start empty

  // What the user files hold besides the cache, from a recursive stat of USER_DATA_PATH (WeChat and
  // Alipay have no free-space call for files). Saves wait for it; loads do not.
  const storage = ready.then(() => cleaning).then(() => call(fs, 'stat', { path: api.env.USER_DATA_PATH, recursive: true })).then((res) => {
    if (!Array.isArray(res.stats)) return;
    otherBytes = 0;
    res.stats.forEach((f) => {
      const st = f && f.stats;
      if (!st || (typeof st.isFile === 'function' && !st.isFile())) return;
      const m = /(?:^|\/)minigame-studio-cache\/([^/]+)$/.exec(String(f.path));
      if (!m) otherBytes += st.size;
      else if (!/^index\.json/.test(m[1]) && !index[m[1]]) orphans[m[1]] = st.size;
    });
  }).catch(noop);

  // The index is written batched (debounced), never once per file.
  function markDirty() {
    if (timer === null) timer = setTimeout(writeIndex, config.indexDelayMs);
  }
  function writeIndex() {
    clearTimeout(timer);
    timer = null;
    const text = () => JSON.stringify({ version: 2, clock, session, capBytes: learntCap, entries: index });
    const put = (data) => call(fs, 'writeFile', { filePath: INDEX + '.tmp', data, encoding: 'utf8' }).then(() => data);
    // Written beside, then renamed: a game killed mid-write must not leave a torn index. With storage
    // full, files saved this session (never handed out from the cache) give way to the index.
    indexWrite = indexWrite.then(() => put(text()).then(null, (res) => {
      if (!isFull(res)) throw res;
      learnCap();
      return shed(text().length).then((n) => (n ? put(text()) : Promise.reject(res)));
    }).then((data) => call(fs, 'rename', { oldPath: INDEX + '.tmp', newPath: INDEX }).then(() => { indexBytes = data.length; }))
      .catch(noop));
    return indexWrite;
  }
  function shed(need) {
    const names = Object.keys(index).filter((k) => !given[k]).sort((a, b) => index[b].used - index[a].used);
    let freed = 0;
    const gone = [];
    for (let i = 0; i < names.length && freed < need; i++) { freed += index[names[i]].size; gone.push(drop(names[i])); }
    return Promise.all(gone).then(() => gone.length);
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
    const g = gen, seq = ++asked;
    loading++;
    // A hit from before a cleanAllCaches() may be deleted: download instead.
    const job = ready.then(() => fromCache(name, e)).then((hit) => (hit && g === gen ? hit : fetchRemote(norm(p), e, name, seq)));
    const done = () => {
      delete downloads[name];
      loading--;
      kickSaves();
    };
    job.then(done, done);
    return (downloads[name] = job);
  }

  // The digest comes from the platform (getFileInfo: native, off the game's thread); without it, or
  // when it fails (an old base library), the runtime checks sizes only.
  const infoCall = isMy ? (typeof api.getFileInfo === 'function' ? [api, 'apFilePath'] : null)
    : typeof fs.getFileInfo === 'function' ? [fs, 'filePath'] : typeof api.getFileInfo === 'function' ? [api, 'filePath'] : null;
  let digests = !!infoCall;
  const seconds = () => Math.floor(Date.now() / 1000);
  const statInfo = (p) => call(fs, 'stat', { path: p }).then((r) => {
    const st = r.stats || r;
    return { size: st.size, digest: '', mtime: typeof st.lastModifiedTime === 'number' ? st.lastModifiedTime : -1 };
  });
  function digestInfo(p) {
    if (!digests) return statInfo(p);
    const opts = { digestAlgorithm: 'sha1' };
    opts[infoCall[1]] = p;
    const sizesOnly = (why) => {
      digests = false;
      console.warn('minigame-studio: getFileInfo gave no sha1 (' + why + '); checking sizes only.');
    };
    return call(infoCall[0], 'getFileInfo', opts).then((r) => {
      // A base library that ignores digestAlgorithm answers md5 (32 digits): never compare that.
      const sha1 = typeof r.digest === 'string' && /^[0-9a-fA-F]{40}$/.test(r.digest);
      if (!sha1) sizesOnly('digest ' + JSON.stringify(r.digest));
      return { size: r.size, digest: sha1 ? r.digest.toLowerCase() : '' };
    }, (why) => statInfo(p).then((r) => {
      sizesOnly(errText(why)); // the file is there, so getFileInfo itself failed
      return r;
    }));
  }
  // Why a file with this size and digest is not `e`'s content, or '' when it is.
  const verdict = (r, e) => (r.size !== e.size ? 'got ' + r.size + ' bytes, the manifest says ' + e.size
    : r.digest && r.digest.slice(0, 20) !== e.hash ? 'the bytes do not match the manifest hash (sha1 ' + r.digest.slice(0, 20) +
      ', the manifest says ' + e.hash + ')' : '');

  // Every hit is stat-ed, so a file truncated while the game runs is caught by its size. The first
  // hit of a session is checked by digest too, unless the file is unchanged since its content was
  // verified: the same modification second, recorded then and older than that verification (a
  // change later in that second would be missed, so such a file is never trusted).
  function fromCache(name, e) {
    const hit = index[name];
    if (!hit) return null;
    hit.seen = session;
    hit.used = ++clock;
    markDirty();
    const p = cachePath(name);
    // index[name] !== hit: cleanAllCaches() ran meanwhile, so this hit is gone.
    const gone = () => (index[name] === hit ? drop(name) : Promise.resolve()).then(() => null);
    const hand = () => {
      if (index[name] !== hit) return gone();
      checked[name] = given[name] = true;
      return p;
    };
    return statInfo(p).then((st) => {
      if (verdict(st, e) || index[name] !== hit) return gone();
      if (checked[name] || !digests || (st.mtime >= 0 && st.mtime === hit.mtime && hit.mtime < hit.at)) return hand();
      return digestInfo(p).then((r) => {
        if (verdict(r, e)) return gone();
        hit.mtime = st.mtime;
        hit.at = seconds();
        return hand();
      });
    }, gone);
  }

  function drop(name) {
    delete index[name];
    delete checked[name];
    delete orphans[name];
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

  function fetchRemote(path, e, name, seq) {
    const url = manifest.remoteUrl + e.out;
    // The slot covers the transfer only: verifying one file does not hold up the next download.
    const attempt = (n) => slot(() => rawDownload(url)).then((res) => checkDownload(res, e)).then(null, (why) => {
      if (n >= config.tries) {
        throw fail('minigame-studio: could not download "' + path + '" from ' + url + ': ' + errText(why) + ' (after ' + n +
          ' tries). Is OUT-res/ uploaded there, and the domain allowed?', { path, url, status: why.status });
      }
      return new Promise((r) => setTimeout(r, config.retryDelayMs * Math.pow(2, n - 1))).then(() => attempt(n + 1));
    });
    return attempt(1).then((temp) => { enqueueSave(name, temp, e.size, seq); return temp; });
  }

  // The platform's own timeout is its game.json setting (60 s by default) for the whole download;
  // ours ends a download that has made no progress for timeoutMs, so it is retried and then fails.
  function rawDownload(url) {
    return new Promise((resolve, reject) => {
      let over = false, timer = null, task = null;
      const end = (f) => (res) => { if (!over) { over = true; clearTimeout(timer); f(res); } };
      const ok = end(resolve), ko = end(reject);
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          ko(fail('no answer for ' + config.timeoutMs + ' ms', { timedOut: true }));
          if (task && typeof task.abort === 'function') Promise.resolve().then(() => task.abort()).catch(noop); // may throw once ended
        }, config.timeoutMs);
      };
      arm();
      try { task = api.downloadFile({ url, success: ok, fail: (res) => ko(res || {}) }); } catch (err) { ko(err); }
      if (task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate(() => { if (!over) arm(); });
    });
  }

  function checkDownload(res, e) {
    // wx succeeds for any HTTP status; my gives apFilePath and no statusCode.
    if (res.statusCode !== undefined && res.statusCode !== 200) throw fail('HTTP status ' + res.statusCode, { status: res.statusCode });
    const temp = res.tempFilePath || res.apFilePath;
    return digestInfo(temp).then((r) => {
      if (verdict(r, e)) throw fail(verdict(r, e), { status: 200 });
      return temp;
    });
  }

  // The game already has the temp file. Saves run in the background one after the other, and only
  // while no load is in flight (or on flush); the queue is bounded (a file not saved is simply
  // downloaded again on a later launch).
  function enqueueSave(name, temp, size, seq) {
    if (!caching || index[name] || saves.length >= config.maxQueuedSaves || size > config.limitBytes) return;
    saves.push({ name, temp, size, gen, seq });
    kickSaves();
  }
  function kickSaves() {
    // In the order the game asked for the files (what it needs first), not the order they arrived.
    if (!saving && saves.length && (loading === 0 || flushing)) { saving = true; saves.sort((a, b) => a.seq - b.seq); nextSave(); }
    else if (!saving && !saves.length) drained.splice(0).forEach((f) => f());
  }
  function nextSave() {
    const job = caching && (loading === 0 || flushing) ? saves.shift() : null;
    if (job) {
      Promise.all([storage, cleaning]).then(() => save(job)).then(null, noop).then(nextSave);
      return;
    }
    saving = false;
    if (!caching) saves = [];
    if (!saves.length) drained.splice(0).forEach((f) => f());
  }
  // copyFile keeps the temp file valid for the game; saveFile would move it (Alipay documents this).
  const copy = (job) => (fs.copyFile
    ? call(fs, 'copyFile', { srcPath: job.temp, destPath: cachePath(job.name) })
    : call(fs, 'saveFile', { tempFilePath: job.temp, filePath: cachePath(job.name) }));

  function save(job) {
    if (job.gen !== gen || index[job.name]) return null;
    return makeRoom(job.size).then((room) => room && copy(job).then(() => true, (res) => {
      // Storage full: the platform has told us its real cap; make room under it and try once more.
      if (!isFull(res) && ++saveFailures < 2) return false;
      if (!isFull(res)) {
        caching = false;
        console.warn('minigame-studio: a save failed (' + errText(res) + '); caching stops for this session, files still load from the network.');
        return false;
      }
      learnCap();
      return makeRoom(job.size).then((again) => again && copy(job).then(() => true, () => false));
    })).then((saved) => {
      if (!saved) return null;
      if (job.gen !== gen) return quiet(fs, 'unlink', { filePath: cachePath(job.name) });
      // The temp file was verified, and this is its copy: record when, for the next sessions.
      const at = seconds();
      return statInfo(cachePath(job.name)).then((st) => st.mtime, () => -1).then((mtime) => {
        if (job.gen !== gen) return;
        index[job.name] = { size: job.size, used: ++clock, seen: session, mtime, at };
        checked[job.name] = true;
        markDirty();
      });
    });
  }

  // The cap is at most what the user files held when a write was refused.
  function learnCap() {
    const cap = otherBytes + indexBytes + totalBytes() + sum(orphans);
    if (cap !== learntCap) { learntCap = cap; markDirty(); }
  }
  function budget() {
    const reserve = 256 + 96 * (Object.keys(index).length + 1); // room for the next index beside the current one
    return Math.min(config.limitBytes, (learntCap || CAP) - otherBytes - indexBytes - reserve);
  }
  // What may go to make room: orphans first, then files of an older build, then files last used
  // before the previous session, least recently used first. Files used this session or the previous
  // one stay: a relaunch's loading burst must not evict what it is about to load.
  function evictable() {
    const rank = (k) => (named[k] ? 1 : 0);
    return Object.keys(index).filter((k) => !named[k] || index[k].seen < session - 1)
      .sort((a, b) => rank(a) - rank(b) || index[a].used - index[b].used);
  }
  // Frees room for `need` bytes if it can without touching files in use; evicts nothing otherwise.
  function makeRoom(need) {
    let short = need - (budget() - totalBytes() - sum(orphans));
    if (short <= 0) return Promise.resolve(true);
    const victims = [];
    const take = (k, size) => { if (short > 0) { victims.push(k); short -= size; } };
    Object.keys(orphans).forEach((k) => take(k, orphans[k]));
    evictable().forEach((k) => take(k, index[k].size));
    if (short > 0) return Promise.resolve(false);
    return Promise.all(victims.map(drop)).then(() => true);
  }

  function flush() {
    flushing++;
    return ready.then(() => new Promise((r) => {
      drained.push(r);
      kickSaves();
    })).then(() => { flushing--; return writeIndex(); });
  }

  function cleanAllCaches() {
    saves = [];
    gen++;
    index = {};
    checked = {};
    given = {};
    orphans = {};
    caching = true;
    saveFailures = 0;
    const done = ready.then(listDir).then((names) => Promise.all(names.map((f) => quiet(fs, 'unlink', { filePath: cachePath(f) }))))
      .then(() => { indexBytes = 0; return writeIndex(); });
    cleaning = done.catch(noop);
    return done;
  }

  function cleanOldCaches() {
    return ready.then(listDir).then((names) => {
      const stale = {};
      Object.keys(index).concat(names).forEach((f) => { if (!/^index\.json/.test(f) && !named[f]) stale[f] = true; });
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
