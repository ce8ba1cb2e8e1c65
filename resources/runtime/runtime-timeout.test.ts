/** A server that never answers, and loads racing cleanAllCaches(). */
import { access, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Launched, type Scenario } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

function read(rt: Launched, localPath: string): Promise<Buffer> {
  return readFile(rt.platform.fs.toReal(localPath));
}

const never = new Promise<void>(() => {});
const ticks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('runtime download timeout', () => {
  it('a server that never answers ends in the same clear failure as a 404', async () => {
    scenario = await createScenario({ kind: 'wx', files: { 'silent.png': { body: body(100, 's') }, 'gone.png': { body: body(100, 'g') } } });
    const s = scenario;
    const silent = s.manifest.files['silent.png']!.out;
    const gone = s.manifest.files['gone.png']!.out;
    s.server.behave(silent, { kind: 'held', until: never });
    s.server.behave(gone, { kind: 'status', status: 404 });
    // A short configured timeout: the assertion waits for the failure, not for a clock.
    const rt = s.launch({ config: { timeoutMs: 40, tries: 2 } });
    type Failure = Error & { path?: string; url?: string };
    const t = await rt.studio.load('silent.png').then(() => null, (e: Failure) => e);
    // The 404 with the default timeout, so that a busy machine cannot turn it into a timeout.
    const n = await s.launch({ config: { tries: 2 } }).studio.load('gone.png').then(() => null, (e: Failure) => e);
    expect(t?.message).toBe(`minigame-studio: could not download "silent.png" from ${s.server.url}${silent}: no answer for 40 ms (after 2 tries). Is OUT-res/ uploaded there, and the domain allowed?`);
    expect(n?.message).toBe(`minigame-studio: could not download "gone.png" from ${s.server.url}${gone}: HTTP status 404 (after 2 tries). Is OUT-res/ uploaded there, and the domain allowed?`);
    expect({ path: t?.path, url: t?.url }).toEqual({ path: 'silent.png', url: s.server.url + silent });
    // (How many of the two requests reached the server before each was abandoned is up to the machine.)
    expect(s.server.requests(silent)).toBeGreaterThanOrEqual(1);
    // The next load tries again (and succeeds once the server answers).
    s.server.behave(silent, { kind: 'ok' });
    rt.studio.configure({ timeoutMs: 30000 });
    expect(await read(rt, await rt.studio.load('silent.png'))).toEqual(body(100, 's'));
  });

  it('on Alipay too, and the default timeout is configurable', async () => {
    scenario = await createScenario({ kind: 'my', files: { 'silent.png': { body: body(100, 's') } } });
    scenario.server.behave('*', { kind: 'held', until: never });
    const rt = scenario.launch({ config: { timeoutMs: 30, tries: 1 } });
    await expect(rt.studio.load('silent.png')).rejects.toThrow(/could not download "silent\.png" from .*: no answer for 30 ms \(after 1 tries\)/);
  });
});

describe('runtime load racing cleanAllCaches()', () => {
  // Each interleaving: load() then cleanAllCaches() k event-loop turns later, and the other way round.
  for (const first of ['load', 'clean'] as const) {
    it(`never returns a deleted path (${first} first, at every offset)`, async () => {
      scenario = await createScenario({ kind: 'wx', files: { 'a.bin': { body: body(5000, 'a') } } });
      const s = scenario;
      for (let k = 0; k <= 8; k++) {
        const warm = s.launch();
        await warm.studio.load('a.bin');
        await warm.studio.flush();
        const rt = s.launch();
        const results: Array<Promise<unknown>> = [];
        let loaded: Promise<string> | null = null;
        if (first === 'load') loaded = rt.studio.load('a.bin');
        else results.push(rt.studio.cleanAllCaches());
        await ticks(k);
        if (first === 'load') results.push(rt.studio.cleanAllCaches());
        else loaded = rt.studio.load('a.bin');
        const local = await loaded!;
        await Promise.all(results);
        await expect(access(rt.platform.fs.toReal(local)), `offset ${k}: ${local}`).resolves.toBeUndefined();
        expect(await read(rt, local)).toEqual(body(5000, 'a'));
        await rt.studio.flush();
      }
    });
  }
});
