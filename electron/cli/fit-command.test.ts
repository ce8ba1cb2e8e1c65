/**
 * `minigame-studio fit` as a user runs it: the plans of a game over the limit, `--apply N` into
 * minigame-studio.json, then `build` and `simulate` of the result (the simulator's own test support).
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { FitAnswer } from '../../shared/fit.js';
import { MEGABYTE } from '../../shared/platforms.js';
import type { Report } from '../../shared/report.js';
import { runCli } from '../cli.js';
import { LARGE_PNGS, largePngGame } from '../engine/fit/test-support/large-png-game.js';
import { removeProjects as removeTestProjects } from '../engine/test-support/make-project.js';
import { copyProject, removeProjects, SAMPLE_GAME, simulate, writeProject } from '../engine/simulator/test-support/run-cli.js';

afterAll(removeProjects);
afterAll(removeTestProjects);

const RUN = { timeout: 240_000 };

async function cli(argv: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const exitCode = await runCli(argv, { stdout: out, stderr: err, cwd: tmpdir() });
  return { exitCode, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

/** The sample game with 7 MiB of music, named by a JSON file the game names. */
async function sevenMegabyteGame(): Promise<string> {
  const dir = await copyProject(SAMPLE_GAME);
  await mkdir(join(dir, 'music'), { recursive: true });
  await mkdir(join(dir, 'data'), { recursive: true });
  const tracks = ['music/theme-1.mp3', 'music/theme-2.mp3', 'music/theme-3.mp3', 'music/theme-4.mp3', 'music/theme-5.mp3', 'music/theme-6.mp3', 'music/theme-7.mp3'];
  for (const track of tracks) await writeFile(join(dir, track), randomBytes(MEGABYTE));
  await writeFile(join(dir, 'data/music.json'), JSON.stringify({ tracks }));
  await appendFile(join(dir, 'game.js'), "\nconst musicList = 'data/music.json';\n");
  return dir;
}

describe('fit: a 7 MiB game whose scripts fit', () => {
  it('plan 1 fits; --apply 1 writes it; the build then exits 0 and the built game runs in the simulator', RUN, async () => {
    const dir = await sevenMegabyteGame();
    const listed = await cli(['fit', dir, '--platform', 'wechat', '--json']);
    expect(listed.exitCode).toBe(0);
    const answer = JSON.parse(listed.stdout) as FitAnswer;
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['current', 'plans']));
    expect(answer.current.packages[0]).toMatchObject({ name: '__GAME__', status: 'over' });
    expect(answer.plans[0]).toMatchObject({ id: 1, fits: true, safe: true, title: expect.stringMatching(/Remote URL/) });
    expect(answer.plans[0]?.result.packages[0]?.status).toBe('ok');

    const text = await cli(['fit', dir, '--platform', 'wechat']);
    expect(text.stdout).toMatch(/^1\. Serve images, audio and other non-script files from a Remote URL {2}\[safe, needs input, FITS\]$/m);
    expect(text.stdout).toContain('Apply one with: minigame-studio fit --apply 1 --remote-url https://…');

    // The plan needs a URL: without one nothing is written.
    const refused = await cli(['fit', dir, '--platform', 'wechat', '--apply', '1']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/A Remote URL is needed.*--remote-url URL/s);
    await expect(readFile(join(dir, 'minigame-studio.json'))).rejects.toThrow(/ENOENT/);

    const applied = await cli(['fit', dir, '--platform', 'wechat', '--apply', '1', '--remote-url', 'https://cdn.example.com/star/']);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('Applied plan 1');
    expect(applied.stdout).toContain('remoteUrl: (none) → "https://cdn.example.com/star/"');
    expect(JSON.parse(await readFile(join(dir, 'minigame-studio.json'), 'utf8'))).toEqual({ remoteUrl: 'https://cdn.example.com/star/' });

    const build = await cli(['build', dir, '--platform', 'wechat']);
    expect(build.exitCode).toBe(0);
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.requests).toEqual(expect.arrayContaining([{ path: 'images/star.png', source: 'remote', status: 200 }]));
  });
});

describe('fit: a game over the limit only because of large PNGs', () => {
  it('--apply of the lossless plan keeps the comments and unknown keys; the build exits 0 and ships smaller PNGs with the same pixels', RUN, async () => {
    const own = '// our settings\n{\n  "md5Cache": true, /* keep */\n  "ourTool": { "x": 1 }\n}\n';
    const project = await largePngGame({ 'minigame-studio.json': own });
    const listed = await cli(['fit', project.dir, '--platform', 'wechat', '--json']);
    expect(listed.exitCode).toBe(0);
    const plan = (JSON.parse(listed.stdout) as FitAnswer).plans.find((p) => p.settings.optimize?.png === 'lossless');
    expect(plan).toMatchObject({ fits: true, safe: true, actions: [{ kind: 'compress-images', files: 2 }] });

    const applied = await cli(['fit', project.dir, '--platform', 'wechat', '--apply', String(plan?.id)]);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('optimize: (none) → {"png":"lossless"}');
    const written = await readFile(project.path('minigame-studio.json'), 'utf8');
    expect(written).toContain('// our settings');
    expect(written).toContain('/* keep */');
    expect(written).toContain('"ourTool"');
    expect(written).toMatch(/"optimize": \{\s*"png": "lossless"\s*\}/);

    const build = await cli(['build', project.dir, '--platform', 'wechat']);
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.exitCode).toBe(0);
    const outDir = project.path('build/wechatgame');
    const report = JSON.parse(await readFile(`${outDir}.report.json`, 'utf8')) as Report;
    expect(report.packages[0]?.bytes).toBe(plan?.result.packages[0]?.bytes);
    for (const path of LARGE_PNGS) {
      const source = await readFile(project.path(path));
      const built = await readFile(join(outDir, report.files.find((f) => f.path === path)?.out ?? path));
      expect(built.length).toBeLessThan(source.length);
      const pixels = async (bytes: Buffer): Promise<Buffer> => sharp(bytes).ensureAlpha().raw().toBuffer();
      expect((await pixels(built)).equals(await pixels(source))).toBe(true);
    }
  });
});

describe('fit: scripts alone over 4 MiB', () => {
  it('no plan claims to fit, exit 3, and the message names the scripts', RUN, async () => {
    const line = 'var filler = "0123456789012345678901234567890123456789";\n';
    const dir = await writeProject({
      'game.js': "require('./js/engine.js'); const bg = 'images/bg.png';",
      'js/engine.js': line.repeat(Math.ceil((4.3 * MEGABYTE) / line.length)),
      'game.json': '{}',
      'images/bg.png': 'x'.repeat(MEGABYTE),
    });
    const result = await cli(['fit', dir, '--platform', 'wechat']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).not.toMatch(/FITS/);
    expect(result.stdout).toMatch(/Nothing fits\. Even with every plan, the main package is 4\.\d\d MiB, over 4\.00 MiB: 4\.\d\d MiB of scripts reachable from game\.js must ship in it \(js\/engine\.js/);
    const json = JSON.parse((await cli(['fit', dir, '--platform', 'wechat', '--json'])).stdout) as FitAnswer;
    expect(json.plans.every((p) => !p.fits)).toBe(true);
    expect(json.left).toContain('js/engine.js');
  });
});

describe('fit: usage', () => {
  it('a bad plan number and --remote-url without --apply are usage errors', async () => {
    const dir = await writeProject({ 'game.js': '', 'game.json': '{}' });
    expect((await cli(['fit', dir, '--apply', 'two'])).exitCode).toBe(2);
    expect((await cli(['fit', dir, '--remote-url', 'https://x.example/'])).stderr).toMatch(/only with --apply N/);
    const small = await cli(['fit', dir, '--platform', 'wechat']);
    expect(small.exitCode).toBe(0);
    expect(small.stdout).toMatch(/nothing to fit/);
    const none = await cli(['fit', dir, '--apply', '1']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/there are no plans/);
  });
});
