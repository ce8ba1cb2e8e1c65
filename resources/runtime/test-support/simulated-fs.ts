/**
 * A file-system manager as `wx.getFileSystemManager()` / `my.getFileSystemManager()` present it
 * (SPEC §3), over real folders: user files (with a byte quota, like WeChat's 200 MB cap), temp
 * files (not counted, as on the devices) and the code package (read-only).
 */
import { createHash, webcrypto } from 'node:crypto';
import { createReadStream, promises as fsp, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

export type PlatformKind = 'wx' | 'my';

export interface Callbacks {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
}

export interface FsRoots {
  readonly kind: PlatformKind;
  readonly userDataDir: string;
  readonly tempDir: string;
  readonly packageDir: string;
  readonly quotaBytes: number;
  /** false: no getFileInfo (a base library without content digests); 'md5-only': one that ignores digestAlgorithm. */
  readonly digests?: boolean | 'md5-only';
}

/** What happened, in order: downloads opening and ending, saves into user files starting. */
export interface TraceEvent {
  /** full: a write into user files refused for the quota (1300202 / 10028). */
  readonly op: 'download-start' | 'download-end' | 'save-start' | 'full';
  readonly path: string;
}

/** The virtual prefixes each platform uses for its local paths. */
export function prefixes(kind: PlatformKind): { user: string; temp: string } {
  return kind === 'wx'
    ? { user: 'wxfile://usr', temp: 'wxfile://tmp_' }
    : { user: 'https://usr', temp: 'https://resource/apml' };
}

/** Error codes and result shapes: wx fails with {errMsg, errCode}, my with {error, errorMessage}. */
export function platformError(kind: PlatformKind, api: string, what: 'missing' | 'full' | 'other', detail: string): Record<string, unknown> {
  if (kind === 'wx') {
    const code = what === 'missing' ? 1300002 : what === 'full' ? 1300202 : 1300001;
    const text = what === 'missing' ? 'no such file or directory' : what === 'full' ? 'the maximum size of the file storage limit is exceeded' : 'operation not permitted';
    return { errMsg: `${api}:fail ${text}, ${detail}`, errCode: code };
  }
  const code = what === 'missing' ? 10022 : what === 'full' ? 10028 : 3;
  const text = what === 'missing' ? 'file or directory does not exist' : what === 'full' ? 'exceeds the maximum storage size' : 'unknown error';
  return { error: code, errorMessage: `${text}: ${detail}` };
}

export function settle(cb: Callbacks, ok: boolean, res: unknown): void {
  setImmediate(() => {
    if (ok) cb.success?.(res);
    else cb.fail?.(res);
    cb.complete?.(res);
  });
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await fsp.stat(p)).size;
  }
  return total;
}

export interface SimulatedFs {
  readonly manager: Record<string, (...args: never[]) => unknown>;
  toReal(virtualPath: string): string;
  usageBytes(): Promise<number>;
  /** Holds copyFile/saveFile into user files (not the index's rename) until the returned function is called. */
  pauseSaves(): () => void;
  nextTempPath(ext: string): { virtual: string; real: string };
  /** Digest and size of a local file, as getFileInfo computes them (off the event loop where it can). */
  fileInfo(api: string, p: string, digestAlgorithm: unknown, cb: Callbacks): void;
  readonly trace: TraceEvent[];
}

// The platforms hash natively, off the game's thread. WebCrypto's digest runs on libuv's pool, and so
// does the read: the event loop (the game's thread here) only waits. md5 is not in WebCrypto.
const SUBTLE: Record<string, string> = { sha1: 'SHA-1', sha256: 'SHA-256' };
async function digestOf(real: string, algorithm: string): Promise<string> {
  const subtle = SUBTLE[algorithm];
  if (subtle) return Buffer.from(await webcrypto.subtle.digest(subtle, await fsp.readFile(real))).toString('hex');
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(real)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `dir` (not the folder itself), with its path relative to `dir` as '/a/b'. */
async function walkStats(dir: string, rel = ''): Promise<Array<{ path: string; stats: ReturnType<typeof statsOf> }>> {
  const out: Array<{ path: string; stats: ReturnType<typeof statsOf> }> = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const real = path.join(dir, e.name);
    const p = `${rel}/${e.name}`;
    out.push({ path: p, stats: statsOf(await fsp.stat(real)) });
    if (e.isDirectory()) out.push(...(await walkStats(real, p)));
  }
  return out;
}
function statsOf(s: import('node:fs').Stats): { size: number; isFile(): boolean; isDirectory(): boolean; lastModifiedTime: number } {
  return { size: s.size, isFile: () => s.isFile(), isDirectory: () => s.isDirectory(), lastModifiedTime: Math.floor(s.mtimeMs / 1000) };
}

export function createSimulatedFs(roots: FsRoots): SimulatedFs {
  const { kind } = roots;
  const pre = prefixes(kind);
  let held: Promise<void> | null = null;
  let tempCount = 0;
  const trace: TraceEvent[] = [];

  function toReal(p: string): string {
    const inside = (base: string, rel: string): string => {
      const real = path.resolve(base, rel.replace(/^\/+/, ''));
      if (real !== base && !real.startsWith(base + path.sep)) throw new Error(`path escapes its root: ${p}`);
      return real;
    };
    if (p.startsWith(pre.user)) return inside(roots.userDataDir, p.slice(pre.user.length));
    if (p.startsWith(pre.temp)) return inside(roots.tempDir, p.slice(pre.temp.length));
    if (/^[a-z]+:\/\//i.test(p)) throw new Error(`not a local path: ${p}`);
    if (/(^|\/)\.\.?\//.test(p)) throw new Error(`./ and ../ are invalid in file paths: ${p}`);
    return inside(roots.packageDir, p);
  }
  const isUser = (p: string): boolean => p.startsWith(pre.user);

  // Bytes under the user folder, kept up to date by the writes below (walking the folder on every
  // write made large simulations quadratic). null: unknown, walk on the next check.
  let usage: number | null = null;
  /** Reserves room for a write into user files; false when the quota would be exceeded. */
  async function reserve(dest: string, addBytes: number): Promise<boolean> {
    const existing = existsSync(dest) ? statSync(dest).size : 0;
    usage ??= await folderBytes(roots.userDataDir);
    if (usage - existing + addBytes > roots.quotaBytes) return false;
    usage += addBytes - existing;
    return true;
  }
  async function guarded<T>(write: () => Promise<T>): Promise<T> {
    try { return await write(); } catch (err) { usage = null; throw err; }
  }

  /** Runs an async operation with the platform's callback protocol and error shapes. */
  function op(api: string, shown: string, cb: Callbacks, body: () => Promise<unknown>): void {
    body().then(
      (res) => settle(cb, true, res ?? (kind === 'wx' ? { errMsg: `${api}:ok` } : { success: true })),
      (err: NodeJS.ErrnoException & { platform?: Record<string, unknown> }) => {
        const what = err.code === 'ENOENT' ? 'missing' : 'other';
        settle(cb, false, err.platform ?? platformError(kind, api, what, shown));
      },
    );
  }
  const full = (api: string, shown: string): Error => {
    trace.push({ op: 'full', path: shown });
    return Object.assign(new Error('full'), { platform: platformError(kind, api, 'full', shown) });
  };

  async function place(api: string, src: string, dest: string, move: boolean): Promise<void> {
    const size = (await fsp.stat(toReal(src))).size;
    const within = move && isUser(src);
    if (isUser(dest)) {
      if (api !== 'rename') trace.push({ op: 'save-start', path: dest });
      if (api !== 'rename' && held) await held;
      // A move inside user files frees the source as it fills the destination.
      if (!(await reserve(toReal(dest), within ? 0 : size))) throw full(api, dest);
    }
    await guarded(() => (move ? fsp.rename(toReal(src), toReal(dest)) : fsp.copyFile(toReal(src), toReal(dest))));
    if (within && !isUser(dest) && usage !== null) usage -= size;
  }

  const encodeRead = (buf: Buffer, encoding?: string): string | ArrayBuffer =>
    encoding ? buf.toString(encoding as BufferEncoding) : Uint8Array.from(buf).buffer;

  const syncFail = (api: string, p: string): never => {
    const res = platformError(kind, api, 'missing', p);
    throw Object.assign(new Error(String(res.errMsg ?? res.errorMessage)), res);
  };

  const manager = {
    access(o: Callbacks & { path: string }) {
      op('access', o.path, o, async () => { await fsp.access(toReal(o.path)); return undefined; });
    },
    // recursive on a folder: an array of { path (relative, '/a/b'), stats } for what is under it.
    stat(o: Callbacks & { path: string; recursive?: boolean }) {
      op('stat', o.path, o, async () => {
        const real = toReal(o.path);
        const s = await fsp.stat(real);
        return { stats: o.recursive === true && s.isDirectory() ? await walkStats(real) : statsOf(s) };
      });
    },
    getFileInfo(o: Callbacks & { filePath: string; digestAlgorithm?: string }) {
      fileInfo('getFileInfo', o.filePath, o.digestAlgorithm, o);
    },
    readFile(o: Callbacks & { filePath: string; encoding?: string }) {
      op('readFile', o.filePath, o, async () => ({ data: encodeRead(await fsp.readFile(toReal(o.filePath)), o.encoding) }));
    },
    readFileSync(p: string, encoding?: string) {
      let buf: Buffer;
      try { buf = readFileSync(toReal(p)); } catch { return syncFail('readFileSync', p); }
      const data = encodeRead(buf, encoding);
      return kind === 'wx' ? data : { data };
    },
    writeFile(o: Callbacks & { filePath: string; data: string | ArrayBuffer; encoding?: string }) {
      op('writeFile', o.filePath, o, async () => {
        const buf = typeof o.data === 'string' ? Buffer.from(o.data, (o.encoding ?? 'utf8') as BufferEncoding) : Buffer.from(o.data);
        const real = toReal(o.filePath);
        if (isUser(o.filePath) && !(await reserve(real, buf.length))) throw full('writeFile', o.filePath);
        await guarded(() => fsp.writeFile(real, buf));
        return undefined;
      });
    },
    copyFile(o: Callbacks & { srcPath: string; destPath: string }) {
      op('copyFile', o.destPath, o, async () => { await place('copyFile', o.srcPath, o.destPath, false); return undefined; });
    },
    // saveFile moves the temp file (SPEC §3.2 for Alipay; WeChat's saveFile does the same).
    saveFile(o: Callbacks & { tempFilePath: string; filePath?: string }) {
      op('saveFile', o.tempFilePath, o, async () => {
        const dest = o.filePath ?? `${pre.user}/saved-${++tempCount}${path.extname(o.tempFilePath)}`;
        await place('saveFile', o.tempFilePath, dest, true);
        return { savedFilePath: dest };
      });
    },
    rename(o: Callbacks & { oldPath: string; newPath: string }) {
      op('rename', o.oldPath, o, async () => { await place('rename', o.oldPath, o.newPath, true); return undefined; });
    },
    unlink(o: Callbacks & { filePath: string }) {
      op('unlink', o.filePath, o, async () => {
        const real = toReal(o.filePath);
        const size = (await fsp.stat(real)).size;
        await guarded(() => fsp.unlink(real));
        if (isUser(o.filePath) && usage !== null) usage -= size;
        return undefined;
      });
    },
    readdir(o: Callbacks & { dirPath: string }) {
      op('readdir', o.dirPath, o, async () => ({ files: await fsp.readdir(toReal(o.dirPath)) }));
    },
    mkdir(o: Callbacks & { dirPath: string; recursive?: boolean }) {
      op('mkdir', o.dirPath, o, async () => {
        const real = toReal(o.dirPath);
        if (existsSync(real)) throw Object.assign(new Error('exists'), { platform: platformError(kind, 'mkdir', 'other', `file already exists ${o.dirPath}`) });
        await fsp.mkdir(real, { recursive: o.recursive === true });
        return undefined;
      });
    },
    rmdir(o: Callbacks & { dirPath: string; recursive?: boolean }) {
      op('rmdir', o.dirPath, o, async () => {
        usage = null;
        await fsp.rm(toReal(o.dirPath), { recursive: o.recursive === true });
        return undefined;
      });
    },
    statSync(p: string) {
      try {
        const s = statSync(toReal(p));
        return { size: s.size, isFile: () => s.isFile(), isDirectory: () => s.isDirectory() };
      } catch { return syncFail('statSync', p); }
    },
    accessSync(p: string) {
      if (!existsSync(toReal(p))) syncFail('accessSync', p);
    },
  };

  // getFileInfo: md5 by default; wx also offers sha256. A missing file fails like any other call.
  function fileInfo(api: string, p: string, digestAlgorithm: unknown, cb: Callbacks): void {
    const algorithm = roots.digests === 'md5-only' ? 'md5' : digestAlgorithm ?? 'md5';
    const known = kind === 'wx' ? ['md5', 'sha1', 'sha256'] : ['md5', 'sha1'];
    if (typeof algorithm !== 'string' || !known.includes(algorithm)) {
      settle(cb, false, kind === 'wx' ? { errMsg: `${api}:fail invalid digestAlgorithm`, errCode: 1300022 } : { error: 2, errorMessage: 'invalid digestAlgorithm' });
      return;
    }
    op(api, p, cb, async () => {
      const real = toReal(p);
      const { size } = await fsp.stat(real);
      const digest = await digestOf(real, algorithm);
      return kind === 'wx' ? { size, digest, errMsg: `${api}:ok` } : { size, digest };
    });
  }
  if (roots.digests === false) delete (manager as Partial<typeof manager>).getFileInfo;

  return {
    fileInfo,
    trace,
    manager: manager as unknown as SimulatedFs['manager'],
    toReal,
    usageBytes: () => folderBytes(roots.userDataDir),
    pauseSaves() {
      let release: () => void = () => {};
      held = new Promise<void>((r) => { release = r; });
      return () => { held = null; release(); };
    },
    nextTempPath(ext: string) {
      const name = `${++tempCount}${ext}`;
      return { virtual: pre.temp + name, real: path.join(roots.tempDir, name) };
    },
  };
}
