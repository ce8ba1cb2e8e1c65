import { mkdir, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Launched, type Scenario } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

async function start(files: Parameters<typeof createScenario>[0]['files'], extra: Partial<Parameters<typeof createScenario>[0]> = {}): Promise<Scenario> {
  scenario = await createScenario({ kind: 'wx', files, ...extra });
  return scenario;
}

/** What the game would read from a local path the runtime gave it. */
function read(rt: Launched, localPath: string): Promise<Buffer> {
  return readFile(rt.platform.fs.toReal(localPath));
}

async function cachedNames(s: Scenario): Promise<string[]> {
  return (await readdir(s.cacheDir)).filter((n) => !n.startsWith('index.json')).sort();
}

function nameOf(s: Scenario, logical: string): string {
  const e = s.manifest.files[logical];
  if (!e) throw new Error(`no ${logical} in the manifest`);
  return e.hash + path.extname(e.out);
}

describe('runtime load and cache (wx)', () => {
  it('downloads on the first load and makes no request on the second, even after a relaunch', async () => {
    const s = await start({ 'images/a.png': { body: body(3000, 'a') } });
    const out = s.manifest.files['images/a.png']!.out;
    const first = s.launch();
    const p1 = await first.studio.load('images/a.png');
    expect(await read(first, p1)).toEqual(body(3000, 'a'));
    expect(s.server.requests(out)).toBe(1);
    await first.studio.flush();

    const p2 = await first.studio.load('images/a.png');
    expect(p2.startsWith('wxfile://usr/minigame-studio-cache/')).toBe(true);
    await first.studio.flush();
    const again = s.launch();
    const p3 = await again.studio.load('/images/a.png');
    expect(await read(again, p3)).toEqual(body(3000, 'a'));
    expect(s.server.requests()).toBe(1);
    expect(again.studio.cacheInfo()).toMatchObject({ files: 1, bytes: 3000 });
  });

  it('serves the temp file at once while the save to the cache is still pending', async () => {
    const s = await start({ 'audio/bgm.mp3': { body: body(5000, 'm') } });
    const rt = s.launch();
    const release = rt.platform.fs.pauseSaves();
    const temp = await rt.studio.load('audio/bgm.mp3');
    expect(temp.startsWith('wxfile://tmp_')).toBe(true);
    expect(await read(rt, temp)).toEqual(body(5000, 'm'));
    expect(rt.studio.cacheInfo().files).toBe(0);
    expect(await cachedNames(s)).toEqual([]);

    release();
    await rt.studio.flush();
    expect(await cachedNames(s)).toEqual([nameOf(s, 'audio/bgm.mp3')]);
    expect(await read(rt, temp)).toEqual(body(5000, 'm'));
    expect(await rt.studio.load('audio/bgm.mp3')).toBe(`wxfile://usr/minigame-studio-cache/${nameOf(s, 'audio/bgm.mp3')}`);
    expect(s.server.requests()).toBe(1);
  });

  it('on storage full (1300202) never evicts a file used this session; later sessions evict by last use, and the game gets every file', async () => {
    const files = {
      'a.bin': { body: body(4000, 'a') }, 'b.bin': { body: body(4000, 'b') }, 'c.bin': { body: body(4000, 'c') },
      'd.bin': { body: body(4000, 'd') }, 'huge.bin': { body: body(20000, 'h') },
    };
    const s = await start(files, { quotaBytes: 13000 });
    const first = s.launch();
    for (const p of ['a.bin', 'b.bin', 'c.bin']) {
      await first.studio.load(p);
      await first.studio.flush();
    }
    expect(await cachedNames(s)).toEqual(['a.bin', 'b.bin', 'c.bin'].map((p) => nameOf(s, p)).sort());
    // d does not fit, and a, b and c are in use this session: d is served, not cached.
    expect(await read(first, await first.studio.load('d.bin'))).toEqual(body(4000, 'd'));
    expect(await read(first, await first.studio.load('huge.bin'))).toEqual(body(20000, 'h'));
    await first.studio.flush();
    expect(await cachedNames(s)).toEqual(['a.bin', 'b.bin', 'c.bin'].map((p) => nameOf(s, p)).sort());
    for (const p of ['a.bin', 'b.bin', 'c.bin']) expect(await read(first, await first.studio.load(p))).toEqual(body(4000, p[0]!));

    // The next session uses b only. In the one after, d needs room: a and c were last used two
    // sessions ago, so they go (the cap learnt from 1300202 is remembered); b, used since, stays.
    const second = s.launch();
    await second.studio.load('b.bin');
    await second.studio.flush();
    const third = s.launch();
    const b = await third.studio.load('b.bin');
    expect(await read(third, await third.studio.load('d.bin'))).toEqual(body(4000, 'd'));
    await third.studio.flush();
    expect(await cachedNames(s)).toEqual([nameOf(s, 'b.bin'), nameOf(s, 'd.bin')].sort());
    expect(await read(third, b)).toEqual(body(4000, 'b'));
    expect(await third.platform.fs.usageBytes()).toBeLessThanOrEqual(13000);
  });

  it('keeps the cache within its own byte budget, evicting by last use across sessions', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') }, 'b.bin': { body: body(4000, 'b') }, 'c.bin': { body: body(4000, 'c') } });
    const loadAll = async (rt: Launched, paths: string[]): Promise<void> => {
      for (const p of paths) {
        expect(await read(rt, await rt.studio.load(p))).toEqual(body(4000, p[0]!));
        await rt.studio.flush();
      }
    };
    const first = s.launch({ config: { limitBytes: 10000 } });
    await loadAll(first, ['a.bin', 'b.bin', 'c.bin']);
    expect(first.studio.cacheInfo()).toEqual({ files: 2, bytes: 8000, limitBytes: 10000 });
    expect(await cachedNames(s)).toEqual([nameOf(s, 'a.bin'), nameOf(s, 'b.bin')].sort());
    // A relaunch that has not used a or b yet keeps them for it: c is not cached in its place.
    await loadAll(s.launch({ config: { limitBytes: 10000 } }), ['c.bin']);
    expect(await cachedNames(s)).toEqual([nameOf(s, 'a.bin'), nameOf(s, 'b.bin')].sort());
    // One session later, a and b were last used two sessions ago: a, the older, makes room for c.
    await loadAll(s.launch({ config: { limitBytes: 10000 } }), ['c.bin']);
    expect(await cachedNames(s)).toEqual([nameOf(s, 'b.bin'), nameOf(s, 'c.bin')].sort());
    expect(s.launch({ manifest: { ...s.manifest, cacheLimitBytes: 4096 } }).studio.cacheInfo().limitBytes).toBe(4096);
    expect(s.launch().studio.cacheInfo().limitBytes).toBe(200 * 1024 * 1024);
  });

  it('bounds the save queue: files beyond it are served but not cached this time', async () => {
    const files: Record<string, { body: Buffer }> = {};
    for (let i = 0; i < 6; i++) files[`f${i}.bin`] = { body: body(500, String(i)) };
    const s = await start(files);
    const rt = s.launch({ config: { maxQueuedSaves: 2 } });
    const release = rt.platform.fs.pauseSaves();
    // One save runs (held), two wait in the queue, the other three are not queued.
    for (let i = 0; i < 6; i++) expect(await read(rt, await rt.studio.load(`f${i}.bin`))).toEqual(body(500, String(i)));
    release();
    await rt.studio.flush();
    expect(await cachedNames(s)).toEqual(['f0.bin', 'f1.bin', 'f2.bin'].map((p) => nameOf(s, p)).sort());
  });

  it('drops a cached file whose size differs from the manifest and downloads it again', async () => {
    const s = await start({ 'level.json': { body: body(2000, '{') } });
    const out = s.manifest.files['level.json']!.out;
    const first = s.launch();
    await first.studio.load('level.json');
    await first.studio.flush();
    const real = path.join(s.cacheDir, nameOf(s, 'level.json'));
    await truncate(real, 700);

    const rt = s.launch();
    const p = await rt.studio.load('level.json');
    expect(await read(rt, p)).toEqual(body(2000, '{'));
    expect(s.server.requests(out)).toBe(2);
    await rt.studio.flush();
    expect((await stat(real)).size).toBe(2000);
  });

  it('a broken index file does not stop the game: files load and are cached again', async () => {
    const s = await start({ 'a.bin': { body: body(1000, 'a') } });
    await mkdir(s.cacheDir, { recursive: true });
    await writeFile(path.join(s.cacheDir, 'index.json'), '{"version":1,"entr');
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(1000, 'a'));
    await rt.studio.flush();
    expect(JSON.parse(await readFile(path.join(s.cacheDir, 'index.json'), 'utf8')).entries).toHaveProperty([nameOf(s, 'a.bin')]);
    expect(await read(rt, await s.launch().studio.load('a.bin'))).toEqual(body(1000, 'a'));
    expect(s.server.requests()).toBe(1);
  });

  it('after a new build, cleanOldCaches removes only what the new manifest no longer names, and nothing stale is served', async () => {
    const s = await start(
      { 'keep.png': { body: body(1000, 'k') }, 'changed.png': { body: body(1000, 'x') }, 'gone.png': { body: body(1000, 'g') } },
      { md5Names: false },
    );
    const v1 = s.launch();
    for (const p of ['keep.png', 'changed.png', 'gone.png']) await v1.studio.load(p);
    await v1.studio.flush();
    const oldNames = { keep: nameOf(s, 'keep.png'), changed: nameOf(s, 'changed.png'), gone: nameOf(s, 'gone.png') };

    const manifest2 = s.rebuild({ 'keep.png': { body: body(1000, 'k') }, 'changed.png': { body: body(1200, 'y') } });
    // A file the index lost (e.g. the game was killed before the index was written) is stale too.
    await writeFile(path.join(s.cacheDir, 'ffffffffffffffffffff.png'), 'lost');
    const v2 = s.launch({ manifest: manifest2 });
    expect(await v2.studio.cleanOldCaches()).toBe(3);
    expect(await cachedNames(s)).toEqual([oldNames.keep]);

    const before = s.server.requests();
    expect(await read(v2, await v2.studio.load('keep.png'))).toEqual(body(1000, 'k'));
    expect(s.server.requests()).toBe(before);
    // Same URL (no MD5 names), new content: the content hash is the key, so it is downloaded again.
    expect(await read(v2, await v2.studio.load('changed.png'))).toEqual(body(1200, 'y'));
    expect(s.server.requests('changed.png')).toBe(2);
    await v2.studio.flush();
    expect(await cachedNames(s)).not.toContain(oldNames.changed);
  });

  it('cleanAllCaches removes every cached file, and the next load downloads again', async () => {
    const s = await start({ 'a.bin': { body: body(1000, 'a') }, 'b.bin': { body: body(1000, 'b') } });
    const rt = s.launch();
    await rt.studio.load('a.bin');
    await rt.studio.load('b.bin');
    await rt.studio.flush();
    expect(await cachedNames(s)).toHaveLength(2);

    await rt.studio.cleanAllCaches();
    expect(await cachedNames(s)).toEqual([]);
    expect(rt.studio.cacheInfo()).toMatchObject({ files: 0, bytes: 0 });
    await rt.studio.load('a.bin');
    expect(s.server.requests(s.manifest.files['a.bin']!.out)).toBe(2);
  });
});
