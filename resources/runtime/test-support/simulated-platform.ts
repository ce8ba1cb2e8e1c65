/**
 * A simulated `wx` (WeChat) or `my` (Alipay) for running the real runtime in a Node `vm` context:
 * its file system (simulated-fs.ts), `downloadFile` that really fetches over HTTP, subpackages
 * with progress, and images/audio whose `src` setter reads the file it is given.
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createSimulatedFs, prefixes, settle, type Callbacks, type PlatformKind, type SimulatedFs } from './simulated-fs.js';

export type { PlatformKind } from './simulated-fs.js';

export interface SubpackageBehaviour {
  /** Bytes reported by the progress events. */
  readonly bytes?: number;
  /** Fail with the platform's error instead of loading. */
  readonly fail?: boolean;
}

export interface SimulatedPlatformOptions {
  readonly kind: PlatformKind;
  /** Real folder behind USER_DATA_PATH; a temporary one is made when absent. */
  readonly userDataDir?: string;
  /** Real folder for the code package (package paths are read from here). */
  readonly packageDir?: string;
  readonly quotaBytes?: number;
  /** Subpackages `loadSubpackage` knows; any other name fails. */
  readonly subpackages?: Readonly<Record<string, SubpackageBehaviour>>;
  /** false: no `loadSubpackage` at all (old base library). */
  readonly hasLoadSubpackage?: boolean;
  /** false: `loadSubpackage` returns nothing (no task, so no progress); Alipay does not document a task. */
  readonly subpackageTask?: boolean;
  /** false: no getFileInfo anywhere (no content digests), so the runtime checks sizes only; 'md5-only': it ignores digestAlgorithm. */
  readonly digests?: boolean | 'md5-only';
}

export interface SimulatedMedia {
  readonly assigned: string[];
  readonly loaded: string[];
  /** Resolves with the local path that last loaded (or rejects when it failed). */
  settled(): Promise<string>;
  onload: ((this: unknown) => void) | null;
  onerror: ((err: unknown) => void) | null;
}

export interface SimulatedPlatform {
  readonly kind: PlatformKind;
  /** The object to expose as `wx` or `my`. */
  readonly api: Record<string, unknown>;
  readonly fs: SimulatedFs;
  readonly userDataDir: string;
  readonly tempDir: string;
  readonly userDataPath: string;
  readonly loadedSubpackages: string[];
  readonly images: SimulatedMedia[];
  readonly audios: SimulatedMedia[];
  /** An image that does not go through `createImage` (as an adapter's own Image class might make). */
  createMedia(): SimulatedMedia;
  /** Removes the temporary folders this platform made. */
  dispose(): Promise<void>;
}

/** An image or audio context: setting `src` reads that file, then fires onload or onerror. */
function createMedia(fs: SimulatedFs): SimulatedMedia {
  // Before the first assignment, settled() waits for it (the runtime sets src after a download).
  let current: Promise<string> | null = null;
  let waiters: Array<(p: Promise<string>) => void> = [];
  const media = {
    assigned: [] as string[],
    loaded: [] as string[],
    onload: null as ((this: unknown) => void) | null,
    onerror: null as ((err: unknown) => void) | null,
    settled: (): Promise<string> => current ?? new Promise<string>((resolve) => { waiters.push(resolve); }),
  };
  let src = '';
  Object.defineProperty(media, 'src', {
    configurable: true,
    enumerable: true,
    get: () => src,
    set: (value: string) => {
      src = value;
      media.assigned.push(value);
      current = new Promise<string>((resolve, reject) => {
        setImmediate(() => {
          let ok = false;
          try { ok = existsSync(fs.toReal(value)); } catch { ok = false; }
          if (ok) { media.loaded.push(value); media.onload?.call(media); resolve(value); }
          else { const err = new Error(`cannot load ${value}`); media.onerror?.(err); reject(err); }
        });
      });
      current.catch(() => {});
      for (const w of waiters) w(current);
      waiters = [];
    },
  });
  return media;
}

export function createSimulatedPlatform(options: SimulatedPlatformOptions): SimulatedPlatform {
  const { kind } = options;
  const base = path.join(os.tmpdir(), `msr-${kind}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const userDataDir = options.userDataDir ?? path.join(base, 'usr');
  const tempDir = path.join(base, 'tmp');
  const packageDir = options.packageDir ?? path.join(base, 'pkg');
  for (const d of [userDataDir, tempDir, packageDir]) mkdirSync(d, { recursive: true });
  const fs = createSimulatedFs({ kind, userDataDir, tempDir, packageDir, quotaBytes: options.quotaBytes ?? 200 * 1024 * 1024, digests: options.digests });
  const loadedSubpackages: string[] = [];
  const images: SimulatedMedia[] = [];
  const audios: SimulatedMedia[] = [];

  // WeChat calls success for any HTTP status (check statusCode); for Alipay, which documents only
  // `apFilePath`, the simulation fails non-2xx answers with error 12 (download failed).
  // The task: abort() fails the call ('downloadFile:fail abort'); onProgressUpdate as each chunk arrives.
  function downloadFile(o: Callbacks & { url: string }): { abort(): void; onProgressUpdate(l: (res: unknown) => void): void } {
    let ended = false;
    const progress: Array<(res: unknown) => void> = [];
    fs.trace.push({ op: 'download-start', path: o.url });
    const end = (): boolean => {
      if (ended) return false;
      ended = true;
      fs.trace.push({ op: 'download-end', path: o.url });
      return true;
    };
    const fail = (detail: string): void => {
      if (!end()) return;
      settle(o, false, kind === 'wx' ? { errMsg: `downloadFile:fail ${detail}`, errCode: -1 } : { error: 12, errorMessage: `download failed: ${detail}` });
    };
    const req = http.get(o.url, (res) => {
      const total = Number(res.headers['content-length'] ?? 0);
      let written = 0;
      res.on('data', (chunk: Buffer) => {
        written += chunk.length;
        for (const l of progress) l({ progress: total ? Math.round((written / total) * 100) : 0, totalBytesWritten: written, totalBytesExpectedToWrite: total });
      });
      const status = res.statusCode ?? 0;
      const temp = fs.nextTempPath(path.extname(new URL(o.url).pathname));
      if (kind === 'my' && (status < 200 || status > 299)) { res.resume(); fail(`HTTP ${status}`); return; }
      const out = createWriteStream(temp.real);
      let done = false;
      out.on('error', (err) => {
        if (done) return;
        done = true;
        fail(`could not write the temp file: ${err.message}`);
      });
      // A connection closed before Content-Length bytes arrived is a failed download.
      res.on('close', () => {
        if (res.complete || done) return;
        done = true;
        res.unpipe(out);
        out.destroy();
        fail('connection closed before the body was complete');
      });
      res.pipe(out);
      out.on('finish', () => {
        if (done || !res.complete) return;
        done = true;
        if (!end()) return;
        settle(o, true, kind === 'wx' ? { tempFilePath: temp.virtual, statusCode: status, errMsg: 'downloadFile:ok' } : { apFilePath: temp.virtual });
      });
    });
    req.on('error', (err) => fail(err.message));
    return {
      abort: () => { fail('abort'); req.destroy(); },
      onProgressUpdate: (l) => { progress.push(l); },
    };
  }

  function loadSubpackage(o: Callbacks & { name: string }): unknown {
    const listeners: Array<(res: unknown) => void> = [];
    const known = options.subpackages?.[o.name];
    const total = known?.bytes ?? 1000;
    const steps = [0.25, 0.5, 1];
    let i = 0;
    const tick = (): void => {
      if (!known || known.fail) {
        settle(o, false, kind === 'wx' ? { errMsg: `loadSubpackage:fail subpackage ${o.name} not found` } : { error: 3, errorMessage: `subpackage ${o.name} not found` });
        return;
      }
      const step = steps[i++];
      if (step === undefined) {
        loadedSubpackages.push(o.name);
        settle(o, true, kind === 'wx' ? { errMsg: 'loadSubpackage:ok' } : { success: true });
        return;
      }
      const written = Math.round(total * step);
      for (const l of listeners) l({ progress: Math.round(step * 100), totalBytesWritten: written, totalBytesExpectedToWrite: total });
      setImmediate(tick);
    };
    setImmediate(tick);
    if (options.subpackageTask === false) return undefined;
    return { onProgressUpdate: (l: (res: unknown) => void) => { listeners.push(l); }, offProgressUpdate: () => {} };
  }

  const userDataPath = prefixes(kind).user;
  const api: Record<string, unknown> = {
    env: { USER_DATA_PATH: userDataPath },
    getFileSystemManager: () => fs.manager,
    downloadFile,
    createImage: () => { const m = createMedia(fs); images.push(m); return m; },
    createInnerAudioContext: () => { const m = createMedia(fs); audios.push(m); return m; },
    onHide: () => {},
    // Key-value storage only (KB), as on the devices: it says nothing about user files.
    getStorageInfo: (o: Callbacks) => settle(o, true, { keys: [], currentSize: 0, limitSize: 10240, ...(kind === 'wx' ? { errMsg: 'getStorageInfo:ok' } : {}) }),
  };
  // wx.getFileInfo({ filePath }) and my.getFileInfo({ apFilePath }), as documented.
  if (options.digests !== false) {
    api.getFileInfo = (o: Callbacks & { filePath?: string; apFilePath?: string; digestAlgorithm?: string }) =>
      fs.fileInfo('getFileInfo', String((kind === 'wx' ? o.filePath : o.apFilePath) ?? ''), o.digestAlgorithm, o);
  }
  if (options.hasLoadSubpackage !== false) api.loadSubpackage = loadSubpackage;

  return {
    kind, api, fs, userDataDir, tempDir, userDataPath, loadedSubpackages, images, audios,
    createMedia: () => createMedia(fs),
    dispose: () => rm(base, { recursive: true, force: true }),
  };
}
