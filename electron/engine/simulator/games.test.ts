/**
 * Games of the shapes the simulator must run unchanged, each built and simulated for real: the
 * WeChat quick-start plane game's shape (import syntax, weapp-adapter's DevTools path, canvas 2D,
 * touch, audio), raw WebGL, a game that loads a subpackage at start, and one whose open data
 * context draws on sharedCanvas.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colourCount, readPng } from './test-support/png.js';
import { copyProject, FIXTURES, removeProjects, simulate } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

function pixel(path: string, x: number, y: number): [number, number, number] {
  const png = readPng(path);
  const i = (y * png.width + x) * 4;
  return [png.data[i] as number, png.data[i + 1] as number, png.data[i + 2] as number];
}

describe('simulate: games in the shapes players meet', () => {
  it('the quick-start plane shape: adapter on its DevTools path, ES modules, touch and sound', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'plane'));
    const shot = join(dir, 'plane.png');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--tap', '100,500', '--screenshot', shot]);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(expect.arrayContaining(['[log] weapp-adapter: devtools path', '[log] music: bgm play event', '[log] plane at 100']));
    expect(run.json.requests).toEqual(
      expect.arrayContaining([
        { path: 'js/libs/weapp-adapter.js', source: 'package', status: 200 },
        { path: 'images/enemy.png', source: 'package', status: 200 },
        { path: 'audio/bgm.wav', source: 'package', status: 200 },
      ]),
    );
    // The studio's runtime runs before the adapter and the game: the build imports it first.
    const loaded = run.json.requests.map((r) => r.path);
    expect(loaded.indexOf('minigame-studio/runtime.js')).toBeGreaterThanOrEqual(0);
    expect(loaded.indexOf('minigame-studio/runtime.js')).toBeLessThan(loaded.indexOf('js/libs/weapp-adapter.js'));
    // The plane (a white square) moved under the tap: x 100 CSS px, 60 px above the bottom.
    expect(pixel(shot, 200, 1334 - 120)).toEqual([255, 255, 255]);
    expect(pixel(shot, 375 * 2 - 20, 1334 - 120)).not.toEqual([255, 255, 255]);
  });

  it('raw WebGL draws headless (SwiftShader)', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'webgl'));
    const shot = join(dir, 'webgl.png');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--screenshot', shot]);
    expect(run.json.console).toContain('[log] webgl: context');
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.frames).toBeGreaterThan(0);
    // The triangle's colour in the middle, the clear colour in a corner.
    const [r, g, b] = pixel(shot, 375, 800);
    expect([r > 240, g > 190 && g < 215, b < 15]).toEqual([true, true, true]);
    const corner = pixel(shot, 10, 10);
    expect([corner[0] < 40, corner[2] > 110]).toEqual([true, true]);
    expect(colourCount(readPng(shot))).toBeGreaterThan(1);
  });

  it('a subpackage loaded at start: refused before, progress to 100, its entry run, a wrong name failing', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'subpackage-start'));
    const shot = join(dir, 'level.png');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--network', '4g', '--screenshot', shot]);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] before loading, level/game.js is refused (1300002)',
        '[log] level: entry ran',
        '[log] loaded level: progress 100, colour #c03030',
        '[log] nope: loadSubpackage:fail subpackage nope not found',
      ]),
    );
    expect(run.json.requests).toEqual(
      expect.arrayContaining([
        { path: 'level/game.js', source: 'subpackage', status: 403 },
        { path: 'level/game.js', source: 'subpackage', status: 200 },
      ]),
    );
    // The level's colour fills the screen once it has loaded.
    expect(pixel(shot, 375, 700)).toEqual([0xc0, 0x30, 0x30]);
  });

  it('an open data context draws on sharedCanvas from its own isolated frame', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'open-data'));
    const shot = join(dir, 'odc.png');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--screenshot', shot]);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        // Its own files only (rank.js beside it), no main-package globals, no file system, no network.
        '[log] [open data] odc got draw; canvas 200x100; main global undefined; fs undefined',
        '[log] [open data] odc fetch: blocked',
        '[log] [open data] odc drew the ranking',
      ]),
    );
    expect(run.json.unsupported).toEqual(['wx.getFileSystemManager']);
    // The game drew friends.canvas (200×100) at 50,100: the context's green is there, black around it.
    expect(pixel(shot, 2 * 150, 2 * 150)).toEqual([0x20, 0xc0, 0x40]);
    expect(pixel(shot, 2 * 20, 2 * 20)).toEqual([0, 0, 0]);
  });

  it('remote images through the runtime, with a storage quota too small to cache them all', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'remote-cache'));
    const shot = join(dir, 'remote.png');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--storage-quota', '1200', '--screenshot', shot]);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console.some((line) => line.startsWith('[log] loaded 3 remote images'))).toBe(true);
    expect(run.json.requests).toEqual(
      expect.arrayContaining(['sky', 'star', 'medal'].map((name) => ({ path: `images/${name}.png`, source: 'remote', status: 200 }))),
    );
    expect(run.json.missing).toEqual([]);
    // The three images are on the screen, on the dark background.
    expect(colourCount(readPng(shot))).toBeGreaterThan(8);
  });
});
