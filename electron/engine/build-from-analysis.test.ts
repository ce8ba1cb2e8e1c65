/**
 * The app's build from its live analysis (buildFromAnalysis): no rescan, OUT updated in place,
 * and exactly the output a clean build of the same source gives; a file that changes again after
 * the analysis is not shipped under the analysis's hash, the build starts over from a fresh scan.
 */
import { appendFile, cp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashCache } from './hash-cache.js';
import { buildFromAnalysis, buildProject } from './index.js';
import { createLiveProject, type LiveProject } from './live/index.js';
import { age, tempDir, writeTree } from './output/plan-fixture.js';
import { readTree } from './output/tree.js';
import type { Analysis } from './types.js';

const dirs: string[] = [];
const lives: LiveProject[] = [];
afterEach(async () => {
  await Promise.all(lives.splice(0).map((live) => live.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/g/' } as const;
const FILES = {
  'game.json': JSON.stringify({ deviceOrientation: 'portrait' }),
  'game.js': "require('./js/main.js');\n",
  'js/main.js': 'console.log(1);\n',
  'images/bg.png': 'background',
  'images/hero.png': 'hero',
  'audio/hit.mp3': 'hit',
};

async function output(dir: string): Promise<{ out: Map<string, Buffer>; res: Map<string, Buffer>; report: string }> {
  const outDir = join(dir, 'build', 'wechatgame');
  const report = (await readFile(`${outDir}.report.json`, 'utf8')).split(dir).join('<project>');
  return { out: await readTree(outDir), res: await readTree(`${outDir}-res`), report };
}

async function cleanBuildOf(dir: string): Promise<Awaited<ReturnType<typeof output>>> {
  const parent = await tempDir('mgs-clean-');
  dirs.push(parent);
  const copy = join(parent, basename(dir));
  await cp(dir, copy, { recursive: true, filter: (src) => !src.startsWith(join(dir, 'build')) });
  await buildProject(copy, REMOTE);
  return output(copy);
}

/** A built game with its live project, and a way to wait until the live analysis shows a file at a size. */
async function liveGame(): Promise<{ dir: string; live: LiveProject; seen: (path: string, size: number) => Promise<Analysis> }> {
  const dir = await tempDir('mgs-live-build-');
  dirs.push(dir);
  await writeTree(dir, FILES);
  await age(dir, Object.keys(FILES));
  const waiting: { path: string; size: number; resolve: (analysis: Analysis) => void }[] = [];
  const hashes = createHashCache();
  const live = await createLiveProject(dir, {
    overrides: REMOTE,
    hashes,
    onChange: (analysis) => {
      for (const wait of waiting.splice(0)) {
        if (analysis.inventory.files.get(wait.path)?.size === wait.size) wait.resolve(analysis);
        else waiting.push(wait);
      }
    },
  });
  lives.push(live);
  await buildProject(dir, REMOTE, { hashes });
  const seen = (path: string, size: number): Promise<Analysis> => {
    const now = live.current();
    if (now.inventory.files.get(path)?.size === size) return Promise.resolve(now);
    return new Promise((resolve) => waiting.push({ path, size, resolve }));
  };
  return { dir, live, seen };
}

describe('a build from the live analysis', () => {
  it('updates OUT in place with what changed, giving what a clean build gives', async () => {
    const { dir, seen } = await liveGame();
    const outDir = join(dir, 'build', 'wechatgame');
    const folder = (await stat(outDir)).ino;
    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    const analysis = await seen('images/hero.png', 'a new hero'.length);

    const outcome = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    expect((await stat(outDir)).ino).toBe(folder);
    const built = await output(dir);
    expect([...built.res.values()].map(String)).toContain('a new hero');
    expect(built).toEqual(await cleanBuildOf(dir));
  });

  it('copies afresh a file of OUT edited by hand since the last build, as a clean build would', async () => {
    const { dir, seen } = await liveGame();
    const edited = join(dir, 'build', 'wechatgame', 'js/main.js');
    expect(await readFile(edited, 'utf8')).toBe(FILES['js/main.js']);
    // Same size: only its stat tells the build that it is not the file it wrote.
    await writeFile(edited, 'console.log(2);\n');
    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    const analysis = await seen('images/hero.png', 'a new hero'.length);

    const outcome = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    expect(await readFile(edited, 'utf8')).toBe(FILES['js/main.js']);
    expect(await output(dir)).toEqual(await cleanBuildOf(dir));

    // And again on the next build, when the records it goes by are the ones it wrote itself.
    await writeFile(edited, 'console.log(3);\n');
    const again = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(again).toMatchObject({ exitCode: 0, built: true });
    expect(await readFile(edited, 'utf8')).toBe(FILES['js/main.js']);
  });

  it('starts over from a fresh scan when a file it copies changed again since the analysis', async () => {
    const { dir, seen } = await liveGame();
    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    const analysis = await seen('images/hero.png', 'a new hero'.length);
    // Written again before the live project could see it: the analysis's size and hash are stale.
    await writeFile(join(dir, 'images/hero.png'), 'the hero, third version');

    const outcome = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    expect(outcome.analysis.inventory.files.get('images/hero.png')?.size).toBe('the hero, third version'.length);
    const built = await output(dir);
    expect([...built.res.values()].map(String)).toContain('the hero, third version');
    expect(built).toEqual(await cleanBuildOf(dir));
  });

  it('builds what was saved after the analysis (a changed file, a new one), as a clean build would', async () => {
    const { dir, live } = await liveGame();
    const analysis = live.current();
    // Saved before the live project could show it: the analysis knows neither change.
    await appendFile(join(dir, 'audio/hit.mp3'), ' again');
    await writeFile(join(dir, 'images/new.png'), 'a new image');

    const outcome = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    expect(outcome.analysis.inventory.files.has('images/new.png')).toBe(true);
    const built = await output(dir);
    expect([...built.res.values()].map(String)).toEqual(expect.arrayContaining(['hit again', 'a new image']));
    expect(built).toEqual(await cleanBuildOf(dir));
  });

  it('builds a linked file changed after the analysis, as a clean build would', async () => {
    const { dir, seen } = await liveGame();
    await symlink('hero.png', join(dir, 'images/hero-link.png'));
    const analysis = await seen('images/hero-link.png', 'hero'.length);
    await appendFile(join(dir, 'images/hero.png'), ' changed');

    const outcome = await buildFromAnalysis(analysis, { dir, overrides: REMOTE });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    expect(outcome.analysis.inventory.files.get('images/hero-link.png')?.size).toBe('hero changed'.length);
    const shipped = [...(await output(dir)).res.values()].map(String);
    expect(shipped.filter((bytes) => bytes === 'hero changed')).toHaveLength(2);
    expect(shipped).not.toContain('hero');
  });
});
