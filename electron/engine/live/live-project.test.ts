import { appendFile, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { json, makeProject, MINIMAL_GAME, removeProjects } from '../test-support/make-project.js';
import type { Analysis } from '../types.js';
import { createLiveProject, type LiveProject } from './index.js';

afterAll(removeProjects);

let live: LiveProject | null = null;
afterEach(async () => {
  await live?.close();
  live = null;
});

/** Start a live project and collect what it reports; `next(test)` waits for an analysis that passes. */
async function watchProject(dir: string, options: { readonly batchMs?: number } = {}) {
  const seen: Analysis[] = [];
  const errors: unknown[] = [];
  const waiters: { test: (a: Analysis) => boolean; resolve: (a: Analysis) => void }[] = [];
  live = await createLiveProject(dir, {
    ...options,
    onChange: (analysis) => {
      seen.push(analysis);
      for (const w of [...waiters]) {
        if (w.test(analysis)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(analysis);
        }
      }
    },
    onError: (error) => errors.push(error),
  });
  // The latest report may already have arrived while the test was still writing: look at it first.
  const next = (test: (a: Analysis) => boolean, what: string): Promise<Analysis> =>
    new Promise((resolve, reject) => {
      const latest = seen[seen.length - 1];
      if (latest && test(latest)) return resolve(latest);
      const timer = setTimeout(() => reject(new Error(`no live report where ${what}`)), 10_000);
      waiters.push({ test, resolve: (a) => (clearTimeout(timer), resolve(a)) });
    });
  return { live, seen, errors, next };
}

const files = (a: Analysis) => [...a.inventory.files.keys()];

// File-system events arrive late or coalesced when the machine is saturated (CI runs every suite at
// once on 2 cores): a retry absorbs a one-off late event; a change the live report never picks up
// fails every try.
describe('live project', { retry: 2 }, () => {
  it('starts with a full analysis', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/a.png': Buffer.alloc(10) });
    const { live } = await watchProject(project.dir);
    const first = live.current();
    expect(files(first)).toEqual(['game.js', 'game.json', 'images/a.png']);
    expect(first.report.packages[0]?.name).toBe('__GAME__');
    expect(first.report.problems).toEqual([]);
  });

  it('reacts to a file being added, changed, renamed and deleted', async () => {
    const project = await makeProject({ ...MINIMAL_GAME });
    const { next } = await watchProject(project.dir);

    await writeFile(project.path('hero.png'), Buffer.alloc(100));
    let analysis = await next((a) => a.inventory.files.get('hero.png')?.size === 100, 'hero.png is added');
    expect(analysis.report.files.find((f) => f.path === 'hero.png')?.bytes).toBe(100);

    await writeFile(project.path('hero.png'), Buffer.alloc(250));
    analysis = await next((a) => a.inventory.files.get('hero.png')?.size === 250, 'hero.png grows');
    expect(analysis.report.files.find((f) => f.path === 'hero.png')?.bytes).toBe(250);

    await rename(project.path('hero.png'), project.path('villain.png'));
    analysis = await next((a) => a.inventory.files.has('villain.png') && !a.inventory.files.has('hero.png'), 'hero.png is renamed');
    expect(analysis.report.files.map((f) => f.path)).toContain('villain.png');

    await rm(project.path('villain.png'));
    analysis = await next((a) => !a.inventory.files.has('villain.png'), 'villain.png is deleted');
    expect(analysis.report.files.map((f) => f.path)).toEqual(['game.js']);
  });

  it('ends at the final size of a file written in several steps', async () => {
    const project = await makeProject({ ...MINIMAL_GAME });
    const { next } = await watchProject(project.dir);
    const chunk = Buffer.alloc(256 * 1024, 7);
    await writeFile(project.path('big.png'), chunk);
    await next((a) => a.inventory.files.get('big.png')?.size === chunk.length, 'the first step is seen');
    await appendFile(project.path('big.png'), chunk);
    await next((a) => a.inventory.files.get('big.png')?.size === 2 * chunk.length, 'the second step is seen');
    // Right after a reported change, chokidar drops the file's next change events for a while.
    for (let i = 0; i < 3; i++) await appendFile(project.path('big.png'), chunk);
    const final = await next((a) => a.inventory.files.get('big.png')?.size === 5 * chunk.length, 'the final size is seen');
    expect(final.report.files.find((f) => f.path === 'big.png')?.bytes).toBe(5 * chunk.length);
  });

  it('follows a folder moved in and out, and reports problems as they appear and go', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'minigame-studio.json': json({ subpackages: [{ name: 'stage1', root: 'stage1/' }] }) });
    const { live, next } = await watchProject(project.dir);
    expect(live.current().report.problems.map((p) => p.code)).toEqual(['SUBPACKAGE_ROOT_MISSING']);

    await mkdir(project.path('incoming/stage1'), { recursive: true });
    await writeFile(project.path('incoming/stage1/game.js'), '');
    await next((a) => a.inventory.files.has('incoming/stage1/game.js'), 'the incoming folder is seen');
    await rename(project.path('incoming/stage1'), project.path('stage1'));
    const fixed = await next((a) => a.report.problems.length === 0, 'the subpackage folder arrives');
    expect(fixed.report.packages.find((p) => p.name === 'stage1')?.files).toBe(1);

    await rm(project.path('stage1'), { recursive: true });
    const gone = await next((a) => a.report.problems.some((p) => p.code === 'SUBPACKAGE_ROOT_MISSING'), 'the folder is removed');
    expect(files(gone).some((p) => p.startsWith('stage1/'))).toBe(false);
  });

  it('settles on the final state after a burst of writes', async () => {
    const project = await makeProject({ ...MINIMAL_GAME });
    const { next } = await watchProject(project.dir);
    await mkdir(project.path('burst'));
    await Promise.all(Array.from({ length: 300 }, (_, i) => writeFile(project.path(`burst/f${i}.png`), Buffer.alloc(i))));
    const settled = await next((a) => files(a).filter((p) => p.startsWith('burst/')).length === 300, 'all 300 files are seen');
    expect(settled.inventory.files.get('burst/f299.png')?.size).toBe(299);
    expect(settled.report.packages[0]?.files).toBe(settled.layout.files.filter((f) => !f.remote).length);
  });

  it('reads the settings again when minigame-studio.json or game.json changes, and survives a broken one', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/a.png': '' });
    const { live, next, errors } = await watchProject(project.dir);

    await writeFile(project.path('minigame-studio.json'), json({ remoteUrl: 'https://cdn.example.com/' }));
    const remote = await next((a) => a.settings.remoteUrl !== '', 'the Remote URL is set');
    expect(remote.report.remote?.files).toBe(1);

    await writeFile(project.path('minigame-studio.json'), '{ "md5Cache": "yes" }');
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(String(errors[0])).toMatch(/md5Cache/);
    expect(live.current().settings.remoteUrl).toBe('https://cdn.example.com/');

    await writeFile(project.path('game.json'), json({ deviceOrientation: 'landscape' }));
    await writeFile(project.path('minigame-studio.json'), json({}));
    const landscape = await next((a) => a.settings.orientation === 'landscape' && a.settings.remoteUrl === '', 'game.json turns landscape');
    expect(landscape.report.remote).toBeNull();
  });

  it('keeps reporting the error on later changes until the project file is fixed', async () => {
    const project = await makeProject({ ...MINIMAL_GAME });
    const { next, errors } = await watchProject(project.dir);
    await writeFile(project.path('minigame-studio.json'), '{ "md5Cache": "yes" }');
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(1);
    await writeFile(project.path('a.png'), '');
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(2);
    await writeFile(project.path('minigame-studio.json'), json({ md5Cache: true }));
    const fixed = await next((a) => a.settings.md5Cache, 'the project file is fixed');
    expect(fixed.inventory.files.has('a.png')).toBe(true);
  });

  it('watches minigame-studio.json in the project folder when the game sits in miniprogram/', async () => {
    const project = await makeProject({
      'project.config.json': json({ miniprogramRoot: 'miniprogram/' }),
      'miniprogram/game.js': '',
      'miniprogram/game.json': json({}),
    });
    const { live, next } = await watchProject(project.dir);
    expect(live.current().settings.sourceDir).toBe(project.path('miniprogram'));
    await writeFile(project.path('minigame-studio.json'), json({ orientation: 'landscape' }));
    await next((a) => a.settings.orientation === 'landscape', 'the project file in the project folder is read');
    await writeFile(project.path('miniprogram/bg.png'), 'x');
    const added = await next((a) => a.inventory.files.has('bg.png'), 'a file in the game root is seen');
    expect(added.report.files.map((f) => f.path)).toContain('bg.png');
  });

  it('switches platform with setOverrides, and refresh picks up a saved project file', async () => {
    const project = await makeProject({ ...MINIMAL_GAME });
    const { live } = await watchProject(project.dir);
    const alipay = await live.setOverrides({ platform: 'alipay' });
    expect(alipay.report).toMatchObject({ platform: 'alipay', profile: 'alipay-current' });
    await writeFile(project.path('minigame-studio.json'), json({ md5Cache: true }));
    expect((await live.refresh()).settings.md5Cache).toBe(true);
  });

  it('once the project is quiet, is prepared for a build of the analysis that shows the last change', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/a.png': Buffer.alloc(10) });
    const { live, next } = await watchProject(project.dir);
    await writeFile(join(project.dir, 'images/a.png'), Buffer.alloc(20));
    await next((a) => a.inventory.files.get('images/a.png')?.size === 20, 'a.png has its new size');
    const ready = await live.prepared();
    expect(ready).toBe(live.current());
    expect(ready.inventory.files.get('images/a.png')?.size).toBe(20);
    // Prepared already: at once, the same analysis.
    expect(await live.prepared()).toBe(ready);
  });

  it('refuses to start on a folder that does not exist', async () => {
    const project = await makeProject({});
    await expect(createLiveProject(project.path('missing'), { onChange: () => undefined })).rejects.toThrow(/does not exist/);
  });
});

describe('live project on a folder full of links', () => {
  let outside: string | null = null;
  afterEach(async () => {
    if (outside) await rm(outside, { recursive: true, force: true });
    outside = null;
  });

  // chokidar reports each symlink as an 'add' while it is still reading the tree, before 'ready'.
  // With batches flushed at once, those events reach the live project before its first scan.
  it('starts, and follows changes, when the watcher reports links before it is ready', async () => {
    outside = await mkdtemp(join(tmpdir(), 'mgs-outside-'));
    const project = await makeProject({ ...MINIMAL_GAME });
    for (let i = 0; i < 60; i++) {
      await writeFile(join(outside, `asset${i}.png`), Buffer.alloc(10));
      await symlink(join(outside, `asset${i}.png`), project.path(`link${i}.png`));
    }
    const { live, next } = await watchProject(project.dir, { batchMs: 0 });
    expect(files(live.current())).toContain('game.js');

    await writeFile(project.path('hero.png'), Buffer.alloc(100));
    const added = await next((a) => a.inventory.files.get('hero.png')?.size === 100, 'hero.png is added');
    expect(added.report.files.map((f) => f.path)).toContain('hero.png');
  });
});

describe('links that leave the project, in the live report', { retry: 2 }, () => {
  let outside: string | null = null;
  afterEach(async () => {
    if (outside) await rm(outside, { recursive: true, force: true });
    outside = null;
  });

  const warned = (a: Analysis) => a.report.problems.filter((p) => p.code === 'LINK_OUTSIDE_PROJECT').map((p) => p.path);

  it('keeps warning about them after other files change, and warns about one made while it runs', async () => {
    outside = await mkdtemp(join(tmpdir(), 'mgs-outside-'));
    await writeFile(join(outside, 'secret.png'), Buffer.alloc(10));
    await mkdir(join(outside, 'assets'));
    await writeFile(join(outside, 'assets', 'far.png'), Buffer.alloc(10));
    const project = await makeProject({ ...MINIMAL_GAME });
    await symlink(join(outside, 'secret.png'), project.path('secret.png'));
    const { live, next } = await watchProject(project.dir);
    expect(warned(live.current())).toEqual(['secret.png']);

    await writeFile(project.path('hero.png'), Buffer.alloc(100));
    const changed = await next((a) => a.inventory.files.has('hero.png'), 'hero.png is added');
    expect(warned(changed)).toEqual(['secret.png']);
    expect(files(changed)).not.toContain('secret.png');

    await symlink(join(outside, 'assets'), project.path('elsewhere'));
    const linked = await next((a) => warned(a).includes('elsewhere'), 'the new link is warned about');
    expect(files(linked).some((path) => path.startsWith('elsewhere/'))).toBe(false);
  });

  it('takes a folder that arrives with a link back into the game as inside', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/a.png': Buffer.alloc(10) });
    const { next } = await watchProject(project.dir);
    const staging = await mkdtemp(join(tmpdir(), 'mgs-staging-'));
    outside = staging;
    await mkdir(join(staging, 'level'));
    await writeFile(join(staging, 'level', 'map.json'), '{}');
    await symlink(project.path('images/a.png'), join(staging, 'level', 'a.png'));
    await rename(join(staging, 'level'), project.path('level'));
    const arrived = await next((a) => a.inventory.files.has('level/a.png'), 'the arrived folder is scanned');
    expect(warned(arrived)).toEqual([]);
  });
});
