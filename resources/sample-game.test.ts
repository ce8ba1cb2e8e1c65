/**
 * The sample game, played in a fake mini game platform: the real scripts run in a Node vm with a
 * stand-in `wx` (or `my`) that records what they draw, play, load and store.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isWhitelisted } from '../shared/platforms.js';
import { analyseProject } from '../electron/engine/index.js';
import { buildProject } from '../electron/engine/test-support/build-checked.js';

const GAME = join(dirname(fileURLToPath(import.meta.url)), 'sample-game');

interface DrawCall { readonly op: string; readonly args: readonly unknown[] }
interface FakeImage { src: string; width: number; height: number; onload?: () => void }

function fakeCanvas(calls: DrawCall[]) {
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (target, key: string) => key in target ? target[key] : (...args: unknown[]) => { calls.push({ op: key, args }); },
    set: (target, key: string, value) => { target[key] = value; return true; },
  });
  return { width: 0, height: 0, getContext: () => ctx };
}

/** `src` as the platforms have it: an accessor (the studio's runtime wraps it to resolve paths). */
function withSrc<T extends object>(target: T): T & { src: string } {
  let src = '';
  return Object.defineProperty(target, 'src', { get: () => src, set: (v: string) => { src = v; }, configurable: true, enumerable: true }) as T & { src: string };
}

/** A file system that has nothing and can store nothing: the runtime must carry on without a cache. */
const noFileSystem = new Proxy({}, {
  get: () => (opts?: { fail?: (r: unknown) => void }) => {
    if (opts?.fail) setTimeout(() => opts.fail?.({ errMsg: 'no file system in this fake' }));
    else throw new Error('no file system in this fake');
  },
});

/** A fake platform API and a CommonJS loader over a game folder (or a built OUT), sharing one vm context. */
function fakePlatform(name: 'wx' | 'my', root = GAME) {
  const calls: DrawCall[] = [];
  const storage = new Map<string, unknown>();
  const loaded: string[] = [];
  const sounds: string[] = [];
  const posted: unknown[] = [];
  let touch: ((e: unknown) => void) | null = null;
  let frame: (() => void) | null = null;
  let clock = 1_000;
  const images: FakeImage[] = [];
  const api = {
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    createCanvas: () => fakeCanvas(calls),
    createImage: () => {
      const image = withSrc({ width: 0, height: 0 }) as FakeImage;
      images.push(image);
      return image;
    },
    createInnerAudioContext: () => withSrc({ stop() {}, play() { sounds.push((this as unknown as { src: string }).src); } }),
    onTouchStart: (fn: (e: unknown) => void) => { touch = fn; },
    offTouchStart: () => { touch = null; },
    loadSubpackage: ({ name: pkg, success }: { name: string; success?: () => void }) => {
      loaded.push(pkg);
      const root = pkg === '__GAME__' ? '' : `${pkg}/`;
      load(`${root}game.js`);
      success?.();
      return { onProgressUpdate: () => {} };
    },
    getOpenDataContext: () => ({ canvas: { width: 0, height: 0 }, postMessage: (m: unknown) => posted.push(m) }),
    setUserCloudStorage: () => {},
    onShareAppMessage: () => {},
    onHide: () => {},
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => noFileSystem,
    getStorageSync: name === 'wx' ? (k: string) => storage.get(k) : ({ key }: { key: string }) => ({ data: storage.get(key) }),
    setStorageSync: name === 'wx' ? (k: string, v: unknown) => storage.set(k, v) : ({ key, data }: { key: string; data: unknown }) => storage.set(key, data),
  };
  const context = vm.createContext({
    [name]: api,
    GameGlobal: {},
    console,
    Date: { now: () => clock },
    Math,
    setTimeout,
    clearTimeout,
    Promise,
    requestAnimationFrame: (fn: () => void) => { frame = fn; },
  });
  const modules = new Map<string, unknown>();
  function load(path: string): unknown {
    if (modules.has(path)) return modules.get(path);
    const module = { exports: {} as unknown };
    const wrapper = vm.runInContext(`(function (require, module, exports) {${readFileSync(join(root, path), 'utf8')}\n})`, context) as (...a: unknown[]) => void;
    const requireFrom = (spec: string) => load(posix.normalize(posix.join(posix.dirname(path), spec)));
    wrapper(requireFrom, module, module.exports);
    modules.set(path, module.exports);
    return module.exports;
  }
  return {
    api, calls, storage, loaded, sounds, posted, images, load,
    tap(x: number, y: number) { touch?.({ touches: [{ clientX: x, clientY: y }] }); },
    step(ms = 16) { clock += ms; calls.length = 0; const f = frame; frame = null; f?.(); },
    /** Images named by the game: they load at once (the fake's "network" is the folder). */
    loadImages() { for (const image of images) { image.width = 48; image.height = 48; } },
    texts() { return calls.filter((c) => c.op === 'fillText').map((c) => String(c.args[0])); },
    starsOnScreen() {
      const star = images.find((i) => /^images\/star(\.[0-9a-f]{10})?\.png$/.test(i.src));
      return calls.filter((c) => c.op === 'drawImage' && c.args[0] === star).map((c) => {
        const [, x, y, w] = c.args as number[];
        return { x: x! + w! / 2, y: y! + w! / 2 };
      });
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function play(game: ReturnType<typeof fakePlatform>, stars: number): Promise<void> {
  let caught = 0;
  for (let i = 0; i < 2000 && caught < stars; i++) {
    game.step();
    await settle();
    const visible = game.starsOnScreen().filter((s) => s.y > 0);
    if (visible.length > 0) {
      game.tap(visible[0]!.x, visible[0]!.y);
      caught += 1;
      // Let the caught star's sparkle fade before looking for the next one.
      for (let f = 0; f < 8; f++) game.step(50);
    }
  }
}

describe('sample game', async () => {
  it('starts on tap, draws stars, catches them with a sound, and loads stage1 from its subpackage', async () => {
    const game = fakePlatform('wx');
    game.load('game.js');
    game.loadImages();
    game.step();
    expect(game.texts()).toContain('Star Catcher');
    game.tap(100, 300);
    await play(game, 8);
    expect(game.sounds).toHaveLength(8);
    expect(game.sounds[0]).toBe('audio/pop.wav');
    expect(game.loaded).toEqual(['stage1']);
    await settle();
    game.step();
    expect(game.texts()).toContain('Stage 1: Meteor shower');
  });

  it('ends the run after three misses, saves the score, and opens the share page and the friends ranking', async () => {
    const game = fakePlatform('wx');
    game.load('game.js');
    game.loadImages();
    game.step();
    game.tap(100, 300);
    await play(game, 2);
    for (let i = 0; i < 2000 && !game.texts().includes('Game over'); i++) game.step(50);
    expect(game.texts()).toContain('Game over');
    expect(game.storage.get('starCatcher.scores')).toEqual([2]);

    // Best scores: the share page comes from the independent subpackage and lists the run.
    game.tap(375 / 2, 667 * 0.56 + 64);
    await settle();
    game.loadImages();
    game.step();
    expect(game.loaded).toContain('share');
    expect(game.texts()).toEqual(expect.arrayContaining(['Best scores', '1.  2 stars']));
    game.tap(375 / 2, 667 * 0.8);
    game.step();
    expect(game.texts()).toContain('Game over');

    game.tap(375 / 2, 667 * 0.56 + 128);
    expect(game.posted).toEqual([{ type: 'showRanking', score: 2 }]);
  });

  it('runs on Alipay through `my`, with its object-style storage', async () => {
    const game = fakePlatform('my');
    game.load('game.js');
    game.loadImages();
    game.step();
    game.tap(100, 300);
    await play(game, 1);
    for (let i = 0; i < 2000 && !game.texts().includes('Game over'); i++) game.step(50);
    expect(game.storage.get('starCatcher.scores')).toEqual([1]);
  });

  it('cold-starts the share page on its own and loads the main package from it', async () => {
    const game = fakePlatform('wx');
    game.load('share/game.js');
    game.loadImages();
    game.step();
    expect(game.texts()).toContain('Best scores');
    expect(game.images.map((i) => i.src)).toEqual(['share/medal.png']);
    game.tap(375 / 2, 667 * 0.8);
    expect(game.loaded).toEqual(['__GAME__']);
    game.step();
    expect(game.texts()).toContain('Star Catcher');
  });

  it('draws the friends ranking in the open data context', async () => {
    const calls: DrawCall[] = [];
    let onMessage: ((m: unknown) => void) | null = null;
    const shared = { ...fakeCanvas(calls), width: 300, height: 330 };
    const wx = {
      getSharedCanvas: () => shared,
      onMessage: (fn: (m: unknown) => void) => { onMessage = fn; },
      getFriendCloudStorage: ({ success }: { success: (r: unknown) => void }) =>
        success({ data: [{ nickname: 'Ann', KVDataList: [{ key: 'score', value: '12' }] }, { nickname: 'Bo', KVDataList: [{ key: 'score', value: '30' }] }] }),
    };
    vm.runInNewContext(readFileSync(join(GAME, 'openDataContext/index.js'), 'utf8'), { wx, console });
    onMessage!({ type: 'showRanking', score: 3 });
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => String(c.args[0]));
    expect(texts).toEqual(expect.arrayContaining(['Friends ranking', '1. Bo', '30', '2. Ann', '12']));
  });

  it('ships real, small PNG and WAV files and, but for its README, only uploadable files', async () => {
    const files = walk(GAME);
    expect(files.filter((f) => !isWhitelisted(f))).toEqual(['README.md']);
    const pngs = files.filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(3);
    for (const f of pngs) {
      const bytes = readFileSync(join(GAME, f));
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.subarray(12, 16).toString()).toBe('IHDR');
      expect(bytes.length).toBeLessThan(20_000);
    }
    const wav = readFileSync(join(GAME, 'audio/pop.wav'));
    expect([wav.subarray(0, 4).toString(), wav.subarray(8, 12).toString()]).toEqual(['RIFF', 'WAVE']);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  });
});

describe('sample game, built by the studio', () => {
  for (const md5Cache of [false, true]) {
    it(`plays from OUT with the studio runtime${md5Cache ? ' and MD5 Cache names' : ''}`, async () => {
      const work = await mkdtemp(join(tmpdir(), 'sample-built-'));
      try {
        await cp(GAME, join(work, 'game'), { recursive: true });
        const outcome = await buildProject(join(work, 'game'), { platform: 'wechat', md5Cache });
        expect(outcome.exitCode).toBe(0);
        const out = outcome.analysis.settings.outDir;
        const game = fakePlatform('wx', out);
        game.load('game.js');
        game.loadImages();
        // Every image and sound the game asked for is a file in OUT, under its output name.
        const asked = [...game.images.map((i) => i.src)];
        expect(asked.length).toBeGreaterThan(0);
        for (const src of asked) expect(statSync(join(out, src)).isFile()).toBe(true);
        if (md5Cache) expect(asked).toContainEqual(expect.stringMatching(/^images\/star\.[0-9a-f]{10}\.png$/));
        game.step();
        game.tap(100, 300);
        await play(game, 8);
        for (const src of game.sounds) expect(statSync(join(out, src)).isFile()).toBe(true);
        expect(game.loaded).toEqual(['stage1']);
        await settle();
        game.step();
        expect(game.texts()).toContain('Stage 1: Meteor shower');
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  }
});

describe('sample game through the engine', () => {
  it('plans for WeChat with no problem but its README, which is left out on purpose', async () => {
    const { report } = await analyseProject(GAME, { platform: 'wechat' });
    expect(report.problems.map((p) => [p.code, p.path])).toEqual([['FILE_NOT_WHITELISTED', 'README.md']]);
    expect(report.excluded.map((e) => e.path)).toEqual(['README.md']);
    expect(report.packages.map((p) => [p.name, p.root, p.kind])).toEqual([
      ['__GAME__', '', 'main'],
      ['stage1', 'stage1/', 'subpackage'],
      ['share', 'share/', 'independent'],
    ]);
  });

  it('plans for Alipay with warnings only (no independent subpackage, no open data context there)', async () => {
    const { report } = await analyseProject(GAME, { platform: 'alipay' });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.problems.map((p) => p.code).sort()).toEqual(['FILE_NOT_WHITELISTED', 'PLATFORM_UNSUPPORTED_FEATURE', 'PLATFORM_UNSUPPORTED_FEATURE']);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs) : [relative(GAME, abs).split('\\').join('/')];
  });
}
