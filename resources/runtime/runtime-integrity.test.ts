/** The runtime checks content, not just length: downloads, cached files and its own index. */
import { mkdir, readdir, readFile, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Launched, type Scenario, type ScenarioOptions } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

async function start(files: ScenarioOptions['files'], extra: Partial<ScenarioOptions> = {}): Promise<Scenario> {
  scenario = await createScenario({ kind: 'wx', files, ...extra });
  return scenario;
}

function read(rt: Launched, localPath: string): Promise<Buffer> {
  return readFile(rt.platform.fs.toReal(localPath));
}

function nameOf(s: Scenario, logical: string): string {
  const e = s.manifest.files[logical];
  if (!e) throw new Error(`no ${logical} in the manifest`);
  return e.hash + path.extname(e.out);
}

async function cachedNames(s: Scenario): Promise<string[]> {
  return (await readdir(s.cacheDir)).filter((n) => !n.startsWith('index.json')).sort();
}

/** Bytes of the same length that are not the file's. */
const altered = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x55));

describe('runtime integrity: downloads', () => {
  it('a download whose bytes do not match the manifest hash is fetched again, and the wrong bytes are never cached', async () => {
    const s = await start({ 'level.json': { body: body(3000, 'L') } });
    const out = s.manifest.files['level.json']!.out;
    s.server.behave(out, { kind: 'corrupt' }, 1);
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('level.json'))).toEqual(body(3000, 'L'));
    expect(s.server.requests(out)).toBe(2);
    await rt.studio.flush();
    expect(await readFile(path.join(s.cacheDir, nameOf(s, 'level.json')))).toEqual(body(3000, 'L'));
  });

  it('a server that always sends wrong bytes ends in a clear error, with nothing cached', async () => {
    const s = await start({ 'hero.png': { body: body(2000, 'h') } });
    const out = s.manifest.files['hero.png']!.out;
    s.server.behave(out, { kind: 'corrupt' });
    const rt = s.launch();
    const err = await rt.studio.load('hero.png').then(() => null, (e: Error & { path?: string }) => e);
    expect(err?.message).toMatch(/could not download "hero\.png" from .*: the bytes do not match the manifest hash \(sha1 [0-9a-f]{20}, the manifest says [0-9a-f]{20}\) \(after 3 tries\)/);
    expect(err?.path).toBe('hero.png');
    await rt.studio.flush();
    expect(await cachedNames(s)).toEqual([]);
    expect(rt.studio.cacheInfo().files).toBe(0);
  });
});

describe('runtime integrity: cached files', () => {
  it('a cached file altered between sessions (same size) is caught by its digest and downloaded again', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } });
    const first = s.launch();
    await first.studio.load('a.bin');
    await first.studio.flush();
    const real = path.join(s.cacheDir, nameOf(s, 'a.bin'));
    await writeFile(real, altered(body(4000, 'a')));

    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
    expect(s.server.requests()).toBe(2);
    await rt.studio.flush();
    expect(await readFile(real)).toEqual(body(4000, 'a'));
  });

  it('a cached file unchanged since its digest was verified is not hashed again; one touched since is', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } });
    const first = s.launch();
    await first.studio.load('a.bin');
    await first.studio.flush();
    const real = path.join(s.cacheDir, nameOf(s, 'a.bin'));
    const anHourAgo = new Date(Date.now() - 3600_000);
    await utimes(real, anHourAgo, anHourAgo);
    const hashed = async (): Promise<number> => {
      const rt = s.launch();
      let calls = 0;
      const manager = rt.platform.fs.manager as { getFileInfo: (...a: never[]) => unknown };
      const real0 = manager.getFileInfo.bind(manager);
      manager.getFileInfo = (...a: never[]) => { calls++; return real0(...a); };
      expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
      await rt.studio.flush();
      return calls;
    };
    // Its modification time changed since the save: hashed, and recorded as verified now.
    expect(await hashed()).toBe(1);
    expect(await hashed()).toBe(0);
    await utimes(real, new Date(), new Date());
    expect(await hashed()).toBe(1);
    expect(s.server.requests()).toBe(1);
  });

  it('a cached file truncated while the game runs is caught at its next load()', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } });
    const first = s.launch();
    await first.studio.load('a.bin');
    await first.studio.flush();
    const rt = s.launch();
    const cached = await rt.studio.load('a.bin');
    expect(cached).toBe(`wxfile://usr/minigame-studio-cache/${nameOf(s, 'a.bin')}`);
    await truncate(rt.platform.fs.toReal(cached), 1000);

    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
    expect(s.server.requests()).toBe(2);
  });

  it('on Alipay, my.getFileInfo ({ apFilePath, digestAlgorithm }) gives the digest', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } }, { kind: 'my' });
    const first = s.launch();
    await first.studio.load('a.bin');
    await first.studio.flush();
    await writeFile(path.join(s.cacheDir, nameOf(s, 'a.bin')), altered(body(4000, 'a')));
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
    expect(s.server.requests()).toBe(2);
  });

  it('without a digest API, sizes are still checked: a cached file truncated while the game runs is downloaded again', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } }, { platform: { digests: false } });
    const first = s.launch();
    expect(first.platform.fs.manager.getFileInfo).toBeUndefined();
    await first.studio.load('a.bin');
    await first.studio.flush();
    const rt = s.launch();
    await truncate(rt.platform.fs.toReal(await rt.studio.load('a.bin')), 10);
    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
    expect(s.server.requests()).toBe(2);
  });
  it('a base library that answers md5 whatever digestAlgorithm says is never taken for a mismatch: sizes only', async () => {
    const s = await start({ 'a.bin': { body: body(4000, 'a') } }, { platform: { digests: 'md5-only' } });
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('a.bin'))).toEqual(body(4000, 'a'));
    await rt.studio.flush();
    expect(s.server.requests()).toBe(1);
    expect(await cachedNames(s)).toEqual([nameOf(s, 'a.bin')]);
  });
});

describe('runtime integrity: the index', () => {
  it('drops corrupt entries (null, a string size, missing fields, foreign names) and trusts the good one', async () => {
    const files = { 'a.bin': { body: body(1000, 'a') }, 'b.bin': { body: body(2000, 'b') }, 'c.bin': { body: body(3000, 'c') }, 'ok.bin': { body: body(500, 'o') } };
    const s = await start(files);
    await mkdir(s.cacheDir, { recursive: true });
    for (const p of Object.keys(files)) await writeFile(path.join(s.cacheDir, nameOf(s, p)), files[p as keyof typeof files].body);
    const entries = {
      [nameOf(s, 'a.bin')]: null,
      [nameOf(s, 'b.bin')]: { size: '2000', used: 1 },
      [nameOf(s, 'c.bin')]: { used: 2 },
      [nameOf(s, 'ok.bin')]: { size: 500, used: 3 },
      '../../escape.bin': { size: 1, used: 4 },
    };
    await writeFile(path.join(s.cacheDir, 'index.json'), JSON.stringify({ version: 1, clock: 4, entries }));

    const rt = s.launch();
    for (const p of Object.keys(files)) expect(await read(rt, await rt.studio.load(p))).toEqual(files[p as keyof typeof files].body);
    expect(s.server.requests(s.manifest.files['ok.bin']!.out)).toBe(0);
    expect(s.server.requests()).toBe(3);
    await rt.studio.flush();
    const saved = JSON.parse(await readFile(path.join(s.cacheDir, 'index.json'), 'utf8')) as { entries: Record<string, { size: number }> };
    expect(Object.keys(saved.entries).sort()).toEqual(Object.keys(files).map((p) => nameOf(s, p)).sort());
    expect(saved.entries[nameOf(s, 'b.bin')]?.size).toBe(2000);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[1, 2]'],
    ['entries as an array', '{"version":1,"clock":3,"entries":[{"size":1,"used":1}]}'],
    ['entries of numbers', '{"version":1,"entries":{"x":1,"y":"z"}}'],
    ['a string clock and null entries', '{"version":1,"clock":"soon","entries":null}'],
    ['a string', '"index"'],
  ])('an index that is %s never makes load() reject or flush() hang', async (_what, text) => {
    const s = await start({ 'a.bin': { body: body(1000, 'a') }, 'b.bin': { body: body(1200, 'b') } });
    await mkdir(s.cacheDir, { recursive: true });
    await writeFile(path.join(s.cacheDir, 'index.json'), text);
    const rt = s.launch();
    const [a, b] = await Promise.all([rt.studio.load('a.bin'), rt.studio.load('b.bin')]);
    expect(await read(rt, a)).toEqual(body(1000, 'a'));
    expect(await read(rt, b)).toEqual(body(1200, 'b'));
    await rt.studio.flush();
    expect(rt.studio.cacheInfo()).toMatchObject({ files: 2, bytes: 2200 });
    const next = s.launch();
    expect(await read(next, await next.studio.load('a.bin'))).toEqual(body(1000, 'a'));
    expect(s.server.requests()).toBe(2);
  });
});
