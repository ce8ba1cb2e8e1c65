import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenario, type Launched, type Scenario } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

async function start(files: Parameters<typeof createScenario>[0]['files']): Promise<Scenario> {
  scenario = await createScenario({ kind: 'wx', files });
  return scenario;
}

function read(rt: Launched, localPath: string): Promise<Buffer> {
  return readFile(rt.platform.fs.toReal(localPath));
}

function hold(): { until: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const until = new Promise<void>((r) => { release = r; });
  return { until, release };
}

describe('runtime downloads (wx)', () => {
  it('shares one download between 50 concurrent loads of one path', async () => {
    const s = await start({ 'big.bin': { body: body(50000, 'b') } });
    const out = s.manifest.files['big.bin']!.out;
    const gate = hold();
    s.server.behave(out, { kind: 'held', until: gate.until });
    const rt = s.launch();
    const loads = Array.from({ length: 50 }, () => rt.studio.load('big.bin'));
    await vi.waitFor(() => expect(s.server.requests(out)).toBe(1));
    gate.release();
    const paths = await Promise.all(loads);
    expect(new Set(paths).size).toBe(1);
    expect(await read(rt, paths[0]!)).toEqual(body(50000, 'b'));
    expect(s.server.requests(out)).toBe(1);
  });

  it('runs at most 6 downloads at once', async () => {
    const files: Record<string, { body: Buffer }> = {};
    for (let i = 0; i < 10; i++) files[`f${i}.bin`] = { body: body(1000, String(i)) };
    const s = await start(files);
    const gate = hold();
    s.server.behave('*', { kind: 'held', until: gate.until });
    const rt = s.launch();
    const loads = Object.keys(files).map((p) => rt.studio.load(p));
    await vi.waitFor(() => expect(s.server.requests()).toBe(6));
    gate.release();
    await Promise.all(loads);
    expect(s.server.requests()).toBe(10);
    expect(s.server.maxInFlight()).toBe(6);
  });

  it('retries a failed answer (500, then a cut connection) and serves the file', async () => {
    const s = await start({ 'a.png': { body: body(4000, 'a') } });
    const out = s.manifest.files['a.png']!.out;
    s.server.behave(out, { kind: 'status', status: 500 }, 1);
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('a.png'))).toEqual(body(4000, 'a'));
    expect(s.server.requests(out)).toBe(2);

    await rt.studio.cleanAllCaches();
    s.server.behave(out, { kind: 'cut', bytes: 1000 }, 1);
    expect(await read(rt, await rt.studio.load('a.png'))).toEqual(body(4000, 'a'));
    expect(s.server.requests(out)).toBe(4);
  });

  it('waits for a slow server', async () => {
    const s = await start({ 'slow.png': { body: body(2000, 's') } });
    s.server.behave('*', { kind: 'slow', delayMs: 100 });
    const rt = s.launch();
    expect(await read(rt, await rt.studio.load('slow.png'))).toEqual(body(2000, 's'));
  });

  it('rejects after 3 tries with an error naming the path, the URL and the status', async () => {
    const s = await start({ 'missing.png': { body: body(100, 'm') } });
    const out = s.manifest.files['missing.png']!.out;
    s.server.behave(out, { kind: 'status', status: 404 });
    const rt = s.launch();
    const err = await rt.studio.load('missing.png').then(() => null, (e: Error) => e);
    expect(err?.message).toContain('"missing.png"');
    expect(err?.message).toContain(`${s.server.url}${out}`);
    expect(err?.message).toContain('404');
    expect(err?.message).toContain('3 tries');
    expect(s.server.requests(out)).toBe(3);
  });

  it('rejects a body shorter than the manifest size after 3 tries', async () => {
    const s = await start({ 'short.bin': { body: body(3000, 's') } });
    const out = s.manifest.files['short.bin']!.out;
    s.server.behave(out, { kind: 'short', bytes: 1000 });
    const rt = s.launch();
    await expect(rt.studio.load('short.bin')).rejects.toThrow(/got 1000 bytes, the manifest says 3000/);
    expect(s.server.requests(out)).toBe(3);
    expect(rt.studio.cacheInfo().files).toBe(0);
  });

  it('with the server down, retries and then rejects with a clear error', async () => {
    const s = await start({ 'a.png': { body: body(100, 'a') } });
    const rt = s.launch();
    await s.server.close();
    const err = await rt.studio.load('a.png').then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/could not download "a\.png" from http:\/\/127\.0\.0\.1:\d+\/a\.[0-9a-f]{10}\.png: .*ECONNREFUSED.*after 3 tries/);
  });
});
