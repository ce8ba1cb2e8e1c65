/** Under storage pressure the game always gets its file, and the cache keeps what the game uses. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, playSession, type FixtureFile, type Launched, type Scenario, type TraceEvent } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

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

const fulls = (trace: readonly TraceEvent[]): number => trace.filter((e) => e.op === 'full').length;

describe('runtime under storage pressure', () => {
  it('a cache hit the game is being given is never evicted by another file\'s save', async () => {
    const files = { 'a.bin': { body: body(4000, 'a') }, 'b.bin': { body: body(4000, 'b') }, 'c.bin': { body: body(4000, 'c') } };
    scenario = await createScenario({ kind: 'wx', files, quotaBytes: 9000 });
    const s = scenario;
    const first = s.launch();
    for (const p of ['a.bin', 'b.bin']) await first.studio.load(p);
    await first.studio.flush();
    expect(await cachedNames(s)).toHaveLength(2);

    // c arrives after a and b were handed out from the cache, and does not fit beside them.
    let release: () => void = () => {};
    s.server.behave(s.manifest.files['c.bin']!.out, { kind: 'held', until: new Promise<void>((r) => { release = r; }) });
    const rt = s.launch();
    const hits = Promise.all([rt.studio.load('a.bin'), rt.studio.load('b.bin')]);
    const c = rt.studio.load('c.bin');
    const [a, b] = await hits;
    release();
    expect(await read(rt, await c)).toEqual(body(4000, 'c'));
    await rt.studio.flush();
    expect(await read(rt, a)).toEqual(body(4000, 'a'));
    expect(await read(rt, b)).toEqual(body(4000, 'b'));
  });

  it('saves yield to loads: no save starts while a download is open', async () => {
    const files: Record<string, FixtureFile> = {};
    for (let i = 0; i < 24; i++) files[`f${i}.bin`] = { body: body(3000 + i, String.fromCharCode(97 + i)) };
    scenario = await createScenario({ kind: 'wx', files });
    const { rt, figures } = await playSession(scenario, files);
    expect(figures.correct).toBe(24);
    let open = 0;
    const openAtSave: number[] = [];
    for (const e of rt.platform.fs.trace) {
      if (e.op === 'download-start') open++;
      else if (e.op === 'download-end') open--;
      else if (e.op === 'save-start') openAtSave.push(open);
    }
    expect(openAtSave).toEqual(Array.from({ length: 24 }, () => 0));
    expect(await cachedNames(scenario)).toHaveLength(24);
  });

  it('makes room before a save fails, from the cap a full answer taught it and the user files a stat reports', async () => {
    const files = {
      'a.bin': { body: body(4000, 'a') }, 'b.bin': { body: body(4000, 'b') }, 'c.bin': { body: body(4000, 'c') }, 'd.bin': { body: body(4000, 'd') },
    };
    scenario = await createScenario({ kind: 'wx', files, quotaBytes: 16000 });
    const s = scenario;
    const first = s.launch();
    for (const p of ['a.bin', 'b.bin', 'c.bin', 'd.bin']) {
      await first.studio.load(p);
      await first.studio.flush();
    }
    // d met the quota: the platform answered 1300202 once.
    expect(fulls(first.platform.fs.trace)).toBe(1);
    const second = s.launch();
    await second.studio.load('b.bin');
    await second.studio.flush();

    // The game's own save data now takes 3000 bytes of the same quota.
    await writeFile(path.join(s.userDataDir, 'save.dat'), body(3000, 's'));
    const third = s.launch();
    expect(await read(third, await third.studio.load('d.bin'))).toEqual(body(4000, 'd'));
    await third.studio.flush();
    expect(fulls(third.platform.fs.trace)).toBe(0);
    expect(await cachedNames(s)).toEqual([nameOf(s, 'b.bin'), nameOf(s, 'd.bin')].sort());
    expect(await third.platform.fs.usageBytes()).toBeLessThanOrEqual(16000);
  });

  it('relaunches read every file correctly and download only what the cache did not hold', async () => {
    const files: Record<string, FixtureFile> = {};
    for (let i = 0; i < 60; i++) files[`assets/f${i}.bin`] = { body: Buffer.alloc(1000 + ((i * 397) % 4000), i) };
    const total = Object.values(files).reduce((n, f) => n + Buffer.byteLength(f.body), 0);
    scenario = await createScenario({ kind: 'wx', files, quotaBytes: Math.floor((total * 2) / 3) });
    const cold = await playSession(scenario, files);
    expect(cold.figures).toMatchObject({ correct: 60, requests: 60 });
    let before = cold.figures;
    expect(before.cachedFiles).toBeGreaterThan(20);
    for (let run = 0; run < 3; run++) {
      const { figures } = await playSession(scenario, files);
      expect(figures.failed).toEqual([]);
      expect(figures.requests).toBe(60 - before.cachedFiles);
      expect(figures.cachedFiles).toBe(before.cachedFiles);
      before = figures;
    }
    expect(await cachedNames(scenario)).toHaveLength(before.cachedFiles);
  });
});
