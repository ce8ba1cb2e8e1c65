import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Launched, type Scenario, type SimulatedMedia } from './test-support/index.js';

const body = (size: number, seed: string): Buffer => Buffer.alloc(size, seed);

let scenario: Scenario | null = null;
afterEach(async () => {
  await scenario?.dispose();
  scenario = null;
});

const FILES = {
  'images/hero.png': { body: body(3000, 'h') },
  'audio/click.mp3': { body: body(2000, 'c') },
  'data/level1.json': { body: '{"level":1}' },
  'images/logo.png': { body: body(500, 'l'), where: '__GAME__' },
};

async function start(extra: Partial<Parameters<typeof createScenario>[0]> = {}): Promise<Scenario> {
  scenario = await createScenario({ kind: 'wx', files: FILES, ...extra });
  return scenario;
}

const api = (rt: Launched): Record<string, (...a: unknown[]) => unknown> => rt.context.wx as Record<string, (...a: unknown[]) => unknown>;
const cachePathOf = (s: Scenario, logical: string): string => {
  const e = s.manifest.files[logical]!;
  return `wxfile://usr/minigame-studio-cache/${e.hash}${e.out.slice(e.out.lastIndexOf('.'))}`;
};

describe('game code that uses logical paths (wx)', () => {
  it('resolve gives the remote URL or the package path that a logical path has in this build', async () => {
    const s = await start();
    const rt = s.launch();
    expect(rt.studio.resolve('images/hero.png')).toBe(s.server.url + s.manifest.files['images/hero.png']!.out);
    expect(rt.studio.resolve('/images/logo.png')).toBe(s.manifest.files['images/logo.png']!.out);
    expect(rt.studio.resolve('src/main.js')).toBe('src/main.js');
    expect(rt.studio.resolve('constructor')).toBe('constructor');
    expect(await rt.studio.load('images/logo.png')).toBe(s.manifest.files['images/logo.png']!.out);
    expect(s.server.requests()).toBe(0);
  });

  it('a wrapped createImage given a logical path ends up with the cached file', async () => {
    const s = await start();
    const first = s.launch();
    const img1 = api(first).createImage!() as SimulatedMedia & { src: string };
    img1.src = 'images/hero.png';
    expect(await img1.settled()).toMatch(/^wxfile:\/\/tmp_/);
    await first.studio.flush();

    const rt = s.launch();
    const img = api(rt).createImage!() as SimulatedMedia & { src: string };
    let loaded = false;
    img.onload = () => { loaded = true; };
    img.src = 'images/hero.png';
    const local = await img.settled();
    expect(local).toBe(cachePathOf(s, 'images/hero.png'));
    expect(loaded).toBe(true);
    expect(await readFile(rt.platform.fs.toReal(local))).toEqual(body(3000, 'h'));
    expect(s.server.requests()).toBe(1);
  });

  it('package images get their (hashed) package path, and other sources pass through unchanged', async () => {
    const s = await start();
    const rt = s.launch();
    const img = api(rt).createImage!() as SimulatedMedia & { src: string };
    img.src = 'images/logo.png';
    expect(await img.settled()).toBe(s.manifest.files['images/logo.png']!.out);
    img.src = 'wxfile://usr/not-there.png';
    await expect(img.settled()).rejects.toThrow(/cannot load/);
    expect(img.assigned).toEqual([s.manifest.files['images/logo.png']!.out, 'wxfile://usr/not-there.png']);
  });

  it('an image whose download fails gets onerror with the reason', async () => {
    const s = await start();
    s.server.behave('*', { kind: 'status', status: 500 });
    const rt = s.launch();
    const img = api(rt).createImage!() as SimulatedMedia & { src: string };
    const failed = new Promise<Error>((resolve) => { img.onerror = (e) => resolve(e as Error); });
    img.src = 'images/hero.png';
    expect((await failed).message).toMatch(/could not download "images\/hero\.png".*500/);
  });

  it('wraps createInnerAudioContext and the adapter Image', async () => {
    const s = await start();
    const adapterImages: SimulatedMedia[] = [];
    // An adapter whose Image does not go through wx.createImage (e.g. its own HTMLImageElement).
    let rt: Launched | null = null;
    function Image(this: unknown): SimulatedMedia {
      const m = rt!.platform.createMedia();
      adapterImages.push(m);
      return m;
    }
    rt = s.launch({ globals: { Image } });
    const audio = api(rt).createInnerAudioContext!() as SimulatedMedia & { src: string };
    audio.src = 'audio/click.mp3';
    expect(await readFile(rt.platform.fs.toReal(await audio.settled()))).toEqual(body(2000, 'c'));

    const AdapterImage = rt.context.Image as new () => SimulatedMedia & { src: string };
    const img = new AdapterImage();
    img.src = 'images/hero.png';
    expect(await readFile(rt.platform.fs.toReal(await img.settled()))).toEqual(body(3000, 'h'));
    expect(adapterImages).toHaveLength(1);
  });

  it('readFile with a logical remote path loads then reads; readFileSync needs the file cached first', async () => {
    const s = await start();
    const rt = s.launch();
    const fs = (rt.context.wx as { getFileSystemManager(): Record<string, (...a: unknown[]) => unknown> }).getFileSystemManager();
    expect(() => fs.readFileSync!('data/level1.json', 'utf8')).toThrow(/minigameStudio\.load\("data\/level1\.json"\) first/);

    const data = await new Promise((resolve, reject) => {
      fs.readFile!({ filePath: 'data/level1.json', encoding: 'utf8', success: (r: { data: string }) => resolve(r.data), fail: reject });
    });
    expect(data).toBe('{"level":1}');
    await rt.studio.flush();
    expect(fs.readFileSync!('data/level1.json', 'utf8')).toBe('{"level":1}');
    expect(fs.readFileSync!('images/logo.png')).toBeInstanceOf(ArrayBuffer);
    expect(s.server.requests()).toBe(1);
  });
});

describe('subpackages (wx)', () => {
  const subpackages = { stage1: { root: 'stage1/', independent: false } };

  it('loadSubpackage reports progress and resolves when the platform has loaded it', async () => {
    const s = await start({ subpackages, platform: { subpackages: { stage1: { bytes: 8000 } } } });
    const rt = s.launch();
    const seen: number[] = [];
    await rt.studio.loadSubpackage('stage1', (p) => { seen.push(p.totalBytesWritten); });
    expect(seen).toEqual([2000, 4000, 8000]);
    expect(rt.platform.loadedSubpackages).toEqual(['stage1']);
  });

  it('rejects with the subpackage name when the platform fails', async () => {
    const s = await start({ subpackages, platform: { subpackages: { stage1: { fail: true } } } });
    const rt = s.launch();
    await expect(rt.studio.loadSubpackage('stage1')).rejects.toThrow(/could not load subpackage "stage1": loadSubpackage:fail/);
  });

  it('falls back to requiring the entry on base libraries without loadSubpackage', async () => {
    const s = await start({ subpackages, platform: { hasLoadSubpackage: false } });
    const rt = s.launch();
    await rt.studio.loadSubpackage('stage1');
    expect(rt.required).toEqual(['../stage1/game.js']);
    await expect(rt.studio.loadSubpackage('nope')).rejects.toThrow(/no subpackage named "nope"/);
  });
});
