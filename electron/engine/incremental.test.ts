/**
 * Incremental builds: the build cache beside OUT (hashes and what was copied from what) and hard
 * links from the previous output. What a user would notice: a rebuild gives exactly what a clean
 * build gives, reads only the changed files, and a failed build spoils nothing.
 */
import { linkSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeOutput, type FsOps } from './build.js';
import { createHashCache } from './hash-cache.js';
import { analyseProject } from './index.js';
import { buildProject } from './test-support/build-checked.js';
import { buildCacheLogPath, buildCachePath } from './output/build-cache.js';
import { age, tempDir, writeTree } from './output/plan-fixture.js';
import { readTree } from './output/tree.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/g/' } as const;

async function game(): Promise<string> {
  const dir = await tempDir('mgs-incr-');
  dirs.push(dir);
  await writeTree(dir, {
    'game.json': JSON.stringify({ deviceOrientation: 'portrait', subpackages: [{ name: 'stage1', root: 'stage1/' }] }),
    'game.js': "require('./js/main.js');\n",
    'js/main.js': 'console.log(1);\n',
    'images/bg.png': 'background',
    'images/hero.png': 'hero',
    'audio/hit.mp3': 'hit',
    'stage1/game.js': 'console.log(2);\n',
    'stage1/map.json': '{"map":1}',
  });
  // Saved a while ago, as most files of a project are: their stats vouch for their content.
  await age(dir, ['game.json', 'game.js', 'js/main.js', 'images/bg.png', 'images/hero.png', 'audio/hit.mp3', 'stage1/game.js', 'stage1/map.json']);
  return dir;
}

/** The game with 40 levels more: enough files that one change is a small part of the cache, appended to its log, not written whole. */
async function gameWithLevels(): Promise<string> {
  const dir = await game();
  const levels = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`levels/${i}.json`, `{"level":${i}}`]));
  await writeTree(dir, levels);
  await age(dir, Object.keys(levels));
  return dir;
}

/** OUT and OUT-res of a project, as bytes. */
async function output(dir: string): Promise<{ out: Map<string, Buffer>; res: Map<string, Buffer>; report: string }> {
  const outDir = join(dir, 'build', 'wechatgame');
  // The report names its folders: compare it with the project's own folder left out.
  const report = (await readFile(`${outDir}.report.json`, 'utf8')).split(dir).join('<project>');
  return { out: await readTree(outDir), res: await readTree(`${outDir}-res`), report };
}

/** What a clean build of the same source gives: a copy of the source built from nothing. */
async function cleanBuildOf(dir: string): Promise<Awaited<ReturnType<typeof output>>> {
  // Same folder name: the project name in project.config.json comes from it.
  const parent = await tempDir('mgs-clean-');
  dirs.push(parent);
  const copy = join(parent, basename(dir));
  await cp(dir, copy, { recursive: true, filter: (src) => !src.startsWith(join(dir, 'build')) });
  await buildProject(copy, REMOTE);
  return output(copy);
}

describe('rebuilding after a change', () => {
  it('gives the same output as a clean build, re-copying only what changed', async () => {
    const dir = await game();
    await buildProject(dir, REMOTE);
    const resDir = join(dir, 'build', 'wechatgame-res');
    const before = await readTree(resDir);
    const heroOut = [...before.keys()].find((path) => path.startsWith('images/hero.'));
    const inodeBefore = (await stat(join(resDir, heroOut ?? 'missing'))).ino;

    await writeFile(join(dir, 'images/bg.png'), 'a new background');
    await writeFile(join(dir, 'stage1/map.json'), '{"map":2}');
    await buildProject(dir, REMOTE);

    const rebuilt = await output(dir);
    expect(rebuilt).toEqual(await cleanBuildOf(dir));
    expect([...rebuilt.res.values()].map(String)).toContain('a new background');
    expect([...rebuilt.out].filter(([path]) => path.startsWith('stage1/map.')).map(([, bytes]) => String(bytes))).toEqual(['{"map":2}']);
    // The unchanged file is the same file on disk: linked, not copied again.
    expect((await stat(join(resDir, heroOut ?? 'missing'))).ino).toBe(inodeBefore);
  });

  it('updates OUT and OUT-res in place: the folders stay, a removed file takes its emptied folder along, a new folder is made', async () => {
    const dir = await game();
    await buildProject(dir, REMOTE);
    const outDir = join(dir, 'build', 'wechatgame');
    const folders = { out: (await stat(outDir)).ino, res: (await stat(`${outDir}-res`)).ino };

    await rm(join(dir, 'audio'), { recursive: true });
    await mkdir(join(dir, 'fx'));
    await writeFile(join(dir, 'fx/boom.mp3'), 'boom');
    await age(dir, ['fx/boom.mp3']);
    await buildProject(dir, REMOTE);

    expect({ out: (await stat(outDir)).ino, res: (await stat(`${outDir}-res`)).ino }).toEqual(folders);
    expect((await readdir(`${outDir}-res`)).sort()).toEqual(['fx', 'images']);
    expect(await output(dir)).toEqual(await cleanBuildOf(dir));
  });

  it('never updates in place through a link: a folder of OUT replaced by a link is refused as a whole build refuses it, the linked folder untouched', async () => {
    const dir = await game();
    await buildProject(dir, { md5Cache: false });
    const outDir = join(dir, 'build', 'wechatgame');
    const mine = join(dir, 'build', 'mine');
    await mkdir(mine);
    await writeFile(join(mine, 'notes.txt'), 'mine');
    await rm(join(outDir, 'images'), { recursive: true });
    await symlink(mine, join(outDir, 'images'));
    await writeFile(join(dir, 'images/bg.png'), 'a new background');

    await expect(buildProject(dir, { md5Cache: false })).rejects.toMatchObject({ code: 'OUTPUT_CONFLICT' });
    expect(await readdir(mine)).toEqual(['notes.txt']);
    expect(await readFile(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reads no unchanged file again in a new process, and re-hashes a changed one', async () => {
    const dir = await game();
    const first = createHashCache();
    await buildProject(dir, REMOTE, { hashes: first });
    expect(first.reads).toBeGreaterThan(0);

    // A restart: a fresh hash cache, only the build cache on disk to go by.
    const restarted = createHashCache();
    await buildProject(dir, REMOTE, { hashes: restarted });
    expect(restarted.reads).toBe(0);

    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    await age(dir, ['images/hero.png'], 30_000);
    const afterChange = createHashCache();
    const outcome = await buildProject(dir, REMOTE, { hashes: afterChange });
    expect(afterChange.reads).toBe(1);
    const hero = outcome.analysis.layout.files.find((file) => file.source === 'images/hero.png');
    expect(String((await output(dir)).res.get(hero?.out ?? 'missing'))).toBe('a new hero');
    // The report alone (no build) uses the saved hashes too.
    const reportOnly = createHashCache();
    await analyseProject(dir, REMOTE, { hashes: reportOnly });
    expect(reportOnly.reads).toBe(0);
  });

  it('appends a rebuild\'s few changes to the cache log, and a new process builds from cache.json and the log', async () => {
    const dir = await gameWithLevels();
    await buildProject(dir, REMOTE);
    const outDir = join(dir, 'build', 'wechatgame');
    const cacheBefore = await readFile(buildCachePath(outDir), 'utf8');

    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    await age(dir, ['images/hero.png'], 30_000);
    await buildProject(dir, REMOTE);
    expect(await readFile(buildCachePath(outDir), 'utf8')).toBe(cacheBefore);
    expect((await readFile(buildCacheLogPath(outDir), 'utf8')).split('\n')).toHaveLength(2);

    // A new process: nothing in memory, only the two files to go by. The hero's new hash comes
    // from the log, so only the file changed since is read.
    await writeFile(join(dir, 'levels/3.json'), '{"level":"three"}');
    await age(dir, ['levels/3.json'], 20_000);
    vi.resetModules();
    const restarted = await import('./test-support/build-checked.js');
    const { createHashCache: freshHashCache } = await import('./hash-cache.js');
    const hashes = freshHashCache();
    await restarted.buildProject(dir, REMOTE, { hashes });
    expect(hashes.reads).toBe(1);
    expect(await output(dir)).toEqual(await cleanBuildOf(dir));
  });

  it('gives a clean build after an update given up once its build cache was saved (the app found its analysis stale)', async () => {
    const dir = await gameWithLevels();
    await buildProject(dir, REMOTE);
    const before = await output(dir);
    const outDir = join(dir, 'build', 'wechatgame');

    await writeFile(join(dir, 'images/hero.png'), 'a new hero');
    await age(dir, ['images/hero.png'], 30_000);
    const analysis = await analyseProject(dir, REMOTE);
    const stale = writeOutput(analysis.plan, analysis.layout, analysis.report, { beforePutInPlace: () => Promise.reject(new Error('the analysis is stale')) });
    await expect(stale).rejects.toThrow('the analysis is stale');
    expect(await output(dir)).toEqual(before);
    // The cache was saved before the check: it names the new hero's copy, which never reached OUT.
    expect((await readFile(buildCacheLogPath(outDir), 'utf8')).split('\n')).toHaveLength(2);

    await writeOutput(analysis.plan, analysis.layout, analysis.report);
    const built = await output(dir);
    expect([...built.res.values()].map(String)).toContain('a new hero');
    expect(built).toEqual(await cleanBuildOf(dir));
  });

  it('copies afresh an output file that was edited in OUT since the last build', async () => {
    const dir = await game();
    await buildProject(dir, { md5Cache: false });
    const outFile = join(dir, 'build', 'wechatgame', 'images/bg.png');
    await writeFile(outFile, 'edited by hand');
    await buildProject(dir, { md5Cache: false });
    expect(await readFile(outFile, 'utf8')).toBe('background');
  });

  it('keeps the cache beside OUT, in the studio folder named after it', () => {
    expect(buildCachePath('/p/build/wechatgame')).toBe('/p/build/.wechatgame.minigame-studio/cache.json');
    expect(buildCachePath('/elsewhere/out')).toBe('/elsewhere/.out.minigame-studio/cache.json');
  });

  it('still gives a correct build after a failed one, and ignores a damaged cache', async () => {
    const dir = await game();
    await buildProject(dir, REMOTE);
    const before = await output(dir);

    await writeFile(join(dir, 'images/hero.png'), 'hero, second take');
    const analysis = await analyseProject(dir, REMOTE);
    let calls = 0;
    const failing: FsOps = {
      copyFile: () => Promise.reject(Object.assign(new Error('EIO: injected'), { code: 'EIO' })),
      writeFile: (path, data) => writeFile(path, data),
      linkSync: (existing, newPath) => {
        calls += 1;
        if (calls > 1) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        linkSync(existing, newPath);
      },
    };
    await expect(writeOutput(analysis.plan, analysis.layout, analysis.report, { fsOps: failing })).rejects.toThrow(/Could not write/);
    expect(await output(dir)).toEqual(before);

    await buildProject(dir, REMOTE);
    expect(await output(dir)).toEqual(await cleanBuildOf(dir));

    await writeFile(buildCachePath(join(dir, 'build', 'wechatgame')), '{ not json');
    await writeFile(join(dir, 'audio/hit.mp3'), 'a louder hit');
    await buildProject(dir, REMOTE);
    expect(await output(dir)).toEqual(await cleanBuildOf(dir));
  });
});
