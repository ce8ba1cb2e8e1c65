import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Launched, type Scenario } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

async function start(extra: Partial<Parameters<typeof createScenario>[0]> & { files: Parameters<typeof createScenario>[0]['files'] }): Promise<Scenario> {
  scenario = await createScenario({ kind: 'my', ...extra });
  return scenario;
}

function read(rt: Launched, localPath: string): Promise<Buffer> {
  return readFile(rt.platform.fs.toReal(localPath));
}

async function cachedCount(s: Scenario): Promise<number> {
  return (await readdir(s.cacheDir)).filter((n) => !n.startsWith('index.json')).length;
}

describe('runtime on Alipay (my)', () => {
  it('downloads through my.downloadFile (apFilePath), caches, and the next session makes no request', async () => {
    const s = await start({ files: { 'images/a.png': { body: body(3000, 'a') } } });
    const first = s.launch();
    expect(first.context.wx).toBeUndefined();
    const temp = await first.studio.load('images/a.png');
    expect(temp.startsWith('https://resource/apml')).toBe(true);
    expect(await read(first, temp)).toEqual(body(3000, 'a'));
    await first.studio.flush();
    // my's saveFile moves the temp file; the runtime copies, so the path the game holds stays valid.
    expect(await read(first, temp)).toEqual(body(3000, 'a'));

    const rt = s.launch();
    const cached = await rt.studio.load('images/a.png');
    expect(cached.startsWith('https://usr/minigame-studio-cache/')).toBe(true);
    expect(await read(rt, cached)).toEqual(body(3000, 'a'));
    expect(s.server.requests()).toBe(1);
    expect(rt.studio.cacheInfo()).toEqual({ files: 1, bytes: 3000, limitBytes: 50 * 1024 * 1024 });
  });

  it('on storage full (10028) never evicts a file in use; the game still gets every file', async () => {
    const files = {
      'a.bin': { body: body(4000, 'a') }, 'b.bin': { body: body(4000, 'b') }, 'c.bin': { body: body(4000, 'c') },
      'huge.bin': { body: body(30000, 'h') }, 'late.bin': { body: body(500, 'l') },
    };
    const s = await start({ files, quotaBytes: 9000 });
    const rt = s.launch();
    for (const p of ['a.bin', 'b.bin']) {
      await rt.studio.load(p);
      await rt.studio.flush();
    }
    expect(await cachedCount(s)).toBe(2);
    expect(await read(rt, await rt.studio.load('c.bin'))).toEqual(body(4000, 'c'));
    await rt.studio.flush();
    // a and b are in use this session: c is served, not cached in their place.
    expect(rt.studio.cacheInfo()).toMatchObject({ files: 2, bytes: 8000 });

    expect(await read(rt, await rt.studio.load('huge.bin'))).toEqual(body(30000, 'h'));
    await rt.studio.flush();
    expect(await read(rt, await rt.studio.load('late.bin'))).toEqual(body(500, 'l'));
    await rt.studio.flush();
    expect(await cachedCount(s)).toBe(2);
    for (const p of ['a.bin', 'b.bin']) expect(await read(rt, await rt.studio.load(p))).toEqual(body(4000, p[0]!));
  });

  it('rejects a file the server does not have (my fails the download) with a clear error', async () => {
    const s = await start({ files: { 'gone.png': { body: body(100, 'g') } } });
    s.server.behave('*', { kind: 'status', status: 404 });
    const rt = s.launch();
    await expect(rt.studio.load('gone.png')).rejects.toThrow(/could not download "gone\.png" from .*HTTP 404 \(code 12\).*after 3 tries/);
  });

  it('loads a subpackage with my.loadSubpackage and reports progress from its task', async () => {
    const subpackages = { stage1: { root: 'stage1/', independent: false } };
    const s = await start({ files: {}, subpackages, platform: { subpackages: { stage1: { bytes: 400 } } } });
    const rt = s.launch();
    const seen: number[] = [];
    await rt.studio.loadSubpackage('stage1', (p) => { seen.push(p.progress); });
    expect(seen).toEqual([25, 50, 100]);
    expect(rt.platform.loadedSubpackages).toEqual(['stage1']);
  });

  it('loads a subpackage when my.loadSubpackage returns no task (no progress events)', async () => {
    const subpackages = { stage1: { root: 'stage1/', independent: false } };
    const s = await start({ files: {}, subpackages, platform: { subpackages: { stage1: {} }, subpackageTask: false } });
    const rt = s.launch();
    const seen: number[] = [];
    await rt.studio.loadSubpackage('stage1', (p) => { seen.push(p.progress); });
    expect(seen).toEqual([]);
    expect(rt.platform.loadedSubpackages).toEqual(['stage1']);
    await expect(rt.studio.loadSubpackage('other')).rejects.toThrow(/could not load subpackage "other": subpackage other not found \(code 3\)/);
  });
});
