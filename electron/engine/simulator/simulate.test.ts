/**
 * `minigame-studio simulate` end to end: real builds of real projects, run in real headless
 * Chromium, judged from the JSON result, the game's own console output and the screenshot's pixels.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDirFor } from '../output/locations.js';
import { colourCount, differingShare, readPng } from './test-support/png.js';
import { copyProject, FIXTURES, removeProjects, SAMPLE_GAME, simulate, writeProject, type SimulateJson } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

describe('simulate: the sample game', () => {
  let dir = '';
  let untapped: { exitCode: number; json: SimulateJson };

  beforeAll(async () => {
    dir = await copyProject(SAMPLE_GAME);
    // Through bin/minigame-studio.mjs, as a user runs it; the other runs call the CLI in-process.
    untapped = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--screenshot', join(dir, 'wechat.png')], { viaBin: true });
  }, RUN.timeout);

  it('starts, draws and throws nothing on WeChat', () => {
    expect(Object.keys(untapped.json)).toEqual(['ok', 'firstFrameMs', 'frames', 'errors', 'unsupported', 'requests', 'missing', 'console', 'consoleLines']);
    expect(untapped.json.errors).toEqual([]);
    expect(untapped.exitCode).toBe(0);
    expect(untapped.json.ok).toBe(true);
    expect(untapped.json.frames).toBeGreaterThan(0);
    expect(untapped.json.firstFrameMs).toBeGreaterThan(0);
    expect(untapped.json.requests).toEqual(
      expect.arrayContaining([
        { path: 'game.js', source: 'package', status: 200 },
        { path: 'platform.js', source: 'package', status: 200 },
        { path: 'images/star.png', source: 'package', status: 200 },
      ]),
    );
    expect(untapped.json.missing).toEqual([]);
    const screen = readPng(join(dir, 'wechat.png'));
    expect([screen.width, screen.height]).toEqual([750, 1334]);
    expect(colourCount(screen)).toBeGreaterThan(8);
  });

  it('starts, draws and throws nothing on Alipay', RUN, async () => {
    const run = await simulate(dir, ['--platform', 'alipay', '--seconds', '1', '--screenshot', join(dir, 'alipay.png')]);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.requests).toEqual(expect.arrayContaining([{ path: 'game.js', source: 'package', status: 200 }]));
    expect(colourCount(readPng(join(dir, 'alipay.png')))).toBeGreaterThan(8);
  });

  it('a tap starts the run: the title screen is gone from the screenshot', RUN, async () => {
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--tap', '187,400', '--screenshot', join(dir, 'tapped.png')]);
    expect(run.exitCode).toBe(0);
    const before = readPng(join(dir, 'wechat.png'));
    const after = readPng(join(dir, 'tapped.png'));
    // The title "Star Catcher" sits at 38% of the height; once playing, only the sky is there.
    const titleRows = [Math.round(before.height * 0.34), Math.round(before.height * 0.42)] as const;
    expect(differingShare(before, after, ...titleRows)).toBeGreaterThan(0.02);
  });
});

describe('simulate: what the platform refuses', () => {
  it.each([
    ['wechat', 'wx', 1300002, 1300202],
    ['alipay', 'my', 10022, 10028],
  ])('on %s: a missing file, a full store, an API it lacks and a shader the build left out', RUN, async (platform, name, missingCode, fullCode) => {
    const dir = await copyProject(join(FIXTURES, 'probe'));
    // A file of the user's beside OUT where a screenshot could go: never touched; the default screenshot
    // goes into the studio's own folder.
    const out = join(dir, 'build', platform === 'wechat' ? 'wechatgame' : 'alipay');
    await mkdir(join(dir, 'build'), { recursive: true });
    await writeFile(`${out}.simulate.png`, 'mine');
    const run = await simulate(dir, ['--platform', platform, '--seconds', '1', '--storage-quota', '1000', '--network', '4g']);
    expect(await readFile(`${out}.simulate.png`, 'utf8')).toBe('mine');
    expect(colourCount(readPng(join(stateDirFor(out), 'simulate.png')))).toBeGreaterThan(1);
    const lines = run.json.console.join('\n');
    expect(lines).toContain(platform === 'wechat' ? 'network type 4g' : 'network type 4G');
    expect(lines).toContain('system platform=devtools window=375x667 ratio=2 global=object');
    expect(lines).toContain(`readFileSync missing: code=${missingCode}`);
    expect(lines).toContain(`readFile missing: code=${missingCode}`);
    expect(lines).toContain(`writeFile big: code=${fullCode}`);
    expect(lines).toContain('writeFile small: ok read=hello');
    // Reported by name, once, and never thrown: the game went on.
    expect(run.json.unsupported).toEqual([`${name}.createGameClubButton`]);
    expect(lines).toContain(`${name}.createGameClubButton is not simulated`);
    expect(lines).toContain('createGameClubButton returned undefined; still running');
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const shader = run.json.missing.find((m) => m.path === 'shaders/blur.frag');
    expect(shader?.reason).toMatch(/^shaders\/blur\.frag was requested, but \.frag is not on the (WeChat|Alipay) Mini Game upload whitelist, so the build left it out$/);
    expect(run.json.missing.find((m) => m.path === 'data/nope.json')?.reason).toMatch(/not in the project/);
  });
});

describe('simulate: a game that throws', () => {
  it('exits 3 with the error and where it was thrown', RUN, async () => {
    const dir = await writeProject({
      'game.json': '{ "deviceOrientation": "landscape" }',
      'game.js': [
        '/* global wx, requestAnimationFrame */',
        'const canvas = wx.createCanvas();',
        "const ctx = canvas.getContext('2d');",
        'let frames = 0;',
        'function frame() {',
        "  ctx.fillStyle = '#123456'; ctx.fillRect(0, 0, canvas.width, canvas.height);",
        "  ctx.fillStyle = '#abcdef'; ctx.fillRect(10, 10, 50, 50);",
        "  if (++frames === 1) throw new Error('boom at the first frame');",
        '  requestAnimationFrame(frame);',
        '}',
        'requestAnimationFrame(frame);',
        "console.log('landscape ' + wx.getSystemInfoSync().windowWidth + 'x' + wx.getSystemInfoSync().windowHeight);",
      ].join('\n'),
    });
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1']);
    expect(run.exitCode).toBe(3);
    expect(run.json.ok).toBe(false);
    expect(run.json.errors).toHaveLength(1);
    expect(run.json.errors[0]?.message).toBe('Error: boom at the first frame');
    expect(run.json.errors[0]?.stack).toMatch(/\/pkg\/game\.js:9:/);
    expect(run.json.console).toContain('[log] landscape 667x375');
    // The same lines with their call site in the package: OUT/game.js is the source with the runtime's require on top.
    expect(run.json.consoleLines).toEqual([
      { level: 'log', text: 'landscape 667x375', where: expect.stringMatching(/^game\.js:13:\d+$/) },
      { level: 'uncaught', text: 'Error: boom at the first frame', where: expect.stringMatching(/^game\.js:9:\d+$/) },
    ]);
  });
});

describe('simulate: nothing can run', () => {
  it('without a Chromium, exits 1 and says how to get one', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'webgl'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1'], { viaBin: true, env: { CHROMIUM_PATH: join(dir, 'no-chromium-here') } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/CHROMIUM_PATH is .*no-chromium-here, but there is no file there/);
    expect(run.stderr).toMatch(/npx playwright install chromium/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('without its platform scripts, exits 1 and names where it looked', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'webgl'));
    const gone = join(dir, 'no-simulator-here');
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1'], { viaBin: true, env: { MINIGAME_STUDIO_SIMULATOR: gone } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`The simulator's platform scripts could not be built from ${gone}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
