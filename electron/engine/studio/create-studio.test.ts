import { readFile, stat, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../shared/api.js';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { assertWechatAccepts } from '../test-support/wechat-validator.js';
import { type Studio } from './create-studio.js';
import { BUNDLED_SAMPLE, eventRecorder, linkOutsideFiles, makeWorkspace, snapshot, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;
let events: ReturnType<typeof eventRecorder>;

beforeEach(async () => {
  work = await makeWorkspace();
  events = eventRecorder();
  studio = studioFor(work, { emit: events.emit });
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

const readProjectFile = async (dir: string) => JSON.parse(await readFile(join(dir, PROJECT_FILE_NAME), 'utf8'));

describe('opening a project', () => {
  it('shows the files, their packages and the report, and remembers the project', async () => {
    const state = await studio.openProject({ dir: work.project });
    expect(state.dir).toBe(work.project);
    expect(state.isSample).toBe(false);
    expect(state.error).toBeNull();
    expect(state.tree.find((f) => f.path === 'stage1/game.js')).toMatchObject({ package: 'stage1', status: 'package' });
    expect(state.folders).toContain('stage1/');
    expect(state.report?.packages.map((p) => p.name)).toEqual(expect.arrayContaining(['__GAME__', 'stage1']));
    expect(events.of('project:changed').at(-1)?.dir).toBe(work.project);
    expect((await studio.getPreferences({})).recentProjects).toEqual([work.project]);
  });

  it('opens a folder holding many symlinks to files outside it, and follows changes after', async () => {
    await linkOutsideFiles(work, 60);
    const state = await studio.openProject({ dir: work.project });
    expect(state).toMatchObject({ dir: work.project, error: null });
    expect(state.tree.some((f) => f.path === 'game.js')).toBe(true);

    const changed = events.next('project:changed', (s) => s.tree.some((f) => f.path === 'after-open.png'));
    await writeFile(join(work.project, 'after-open.png'), 'x');
    expect((await changed).dir).toBe(work.project);
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const missing = join(work.root, 'nope');
    await expect(studio.openProject({ dir: missing })).rejects.toMatchObject({ code: 'DIR_MISSING', message: expect.stringContaining(missing) });
  });

  it('opens a working copy of the bundled sample game when no project was chosen, and never changes the bundled one', async () => {
    const before = await snapshot(BUNDLED_SAMPLE);
    const state = await studio.getProject({});
    expect(state.isSample).toBe(true);
    expect(state.dir).toBe(join(work.userData, 'sample-game'));
    await studio.updateProject({ patch: { md5Cache: true } });
    expect((await readProjectFile(state.dir)).md5Cache).toBe(true);
    expect(await snapshot(BUNDLED_SAMPLE)).toEqual(before);
    // Asking for the bundled folder itself leads to the same working copy.
    expect((await studio.openProject({ dir: BUNDLED_SAMPLE })).dir).toBe(state.dir);
  });

  it('reopens the last project on the next start', async () => {
    await studio.openProject({ dir: work.project });
    await studio.close();
    studio = studioFor(work, { emit: events.emit });
    expect((await studio.getProject({})).dir).toBe(work.project);
  });
});

describe('changing settings', () => {
  it('saves the AppID to minigame-studio.json and shows it at once', async () => {
    await studio.openProject({ dir: work.project });
    const state = await studio.updateProject({ patch: { wechat: { appid: 'wx0123456789abcdef' } } });
    expect(state.effective.appid).toBe('wx0123456789abcdef');
    expect((await readProjectFile(work.project)).wechat.appid).toBe('wx0123456789abcdef');
  });

  it('coalesces quick edits into valid saves and keeps every one of them', async () => {
    await studio.openProject({ dir: work.project });
    await Promise.all([
      studio.updateProject({ patch: { md5Cache: true } }),
      studio.updateProject({ patch: { exclude: ['**/*.psd'] } }),
      studio.updateProject({ patch: { wechat: { appid: 'wx0123456789abcdef' } } }),
    ]);
    expect(await readProjectFile(work.project)).toMatchObject({ md5Cache: true, exclude: ['**/*.psd'], wechat: { appid: 'wx0123456789abcdef' } });
  });

  it('refuses a bad Remote URL with an inline error and does not save it', async () => {
    await studio.openProject({ dir: work.project });
    await studio.updateProject({ patch: { remoteUrl: 'https://cdn.example.com/game/' } });
    for (const bad of ['cdn.example.com/game', 'ftp://cdn.example.com/', 'https://user:pw@cdn.example.com/']) {
      await expect(studio.updateProject({ patch: { remoteUrl: bad } })).rejects.toMatchObject({ code: 'REMOTE_URL_INVALID', options: { field: 'remoteUrl' } });
    }
    expect((await readProjectFile(work.project)).remoteUrl).toBe('https://cdn.example.com/game/');
    expect((await studio.getProject({})).effective.remoteUrl).toBe('https://cdn.example.com/game/');
  });

  it('saves budgets as typed, judges them in the live report, and refuses a bad unit naming the budget', async () => {
    await studio.openProject({ dir: work.project });
    const state = await studio.updateProject({ patch: { budgets: { __GAME__: '1 B' } } });
    expect((await readProjectFile(work.project)).budgets).toEqual({ __GAME__: '1 B' });
    expect(state.report?.budgets).toEqual([expect.objectContaining({ kind: 'package', name: '__GAME__', limitBytes: 1, status: 'exceeded' })]);
    await expect(studio.updateProject({ patch: { budgets: { __GAME__: '3.5 MIB' } } })).rejects.toMatchObject({
      code: 'PROJECT_FILE_INVALID',
      message: expect.stringContaining('budgets.__GAME__'),
      options: { field: 'budgets.__GAME__' },
    });
    expect((await readProjectFile(work.project)).budgets).toEqual({ __GAME__: '1 B' });
  });

  it('refuses an AppID in the wrong format for its platform', async () => {
    await studio.openProject({ dir: work.project });
    await expect(studio.updateProject({ patch: { alipay: { appid: 'wx0123456789abcdef' } } })).rejects.toMatchObject({
      code: 'APPID_INVALID',
      options: { field: 'alipay.appid' },
    });
    await expect(stat(join(work.project, PROJECT_FILE_NAME))).rejects.toThrow();
  });

  it('switches the platform, and with it the limits and the output folder', async () => {
    await studio.openProject({ dir: work.project });
    const state = await studio.updateProject({ patch: { platform: 'alipay' } });
    expect(state.effective.platform).toBe('alipay');
    expect(state.effective.outDir).toBe('build/alipay');
    expect(state.report?.profile).toBe('alipay-current');
  });
});

describe('the live report', () => {
  /**
   * Polls the StudioApi until its project state passes `test`. A 5 MiB write lands in several
   * steps, and on a busy machine the first event can come in the middle of it: wait for the state
   * the test asserts, not for the first event.
   */
  async function projectWhere(test: (state: ProjectState) => boolean): Promise<ProjectState> {
    let latest: ProjectState | null = null;
    await expect
      .poll(
        async () => {
          latest = await studio.getProject({});
          return test(latest);
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    return latest as unknown as ProjectState;
  }
  const bigFile = (state: ProjectState) => state.tree.find((f) => f.path === 'images/big.png');
  const FIVE_MIB = 5 * 1024 * 1024;

  it('updates after a file is written on disk, with no call', async () => {
    await studio.openProject({ dir: work.project });
    await writeFile(join(work.project, 'images', 'big.png'), Buffer.alloc(FIVE_MIB, 1));
    const state = await projectWhere((s) => bigFile(s)?.bytes === FIVE_MIB);
    const main = state.report?.packages.find((p) => p.name === '__GAME__');
    expect(main && main.limitBytes !== null && main.bytes > main.limitBytes).toBe(true);
    expect(state.report?.problems.map((p) => p.code)).toContain('MAIN_PACKAGE_TOO_LARGE');
    // The change came as an event, with no call: the last one pushed is this state.
    expect(bigFile(events.of('project:changed').at(-1)!)?.bytes).toBe(FIVE_MIB);

    await rm(join(work.project, 'images', 'big.png'));
    const back = await projectWhere((s) => bigFile(s) === undefined);
    expect(back.report?.problems.map((p) => p.code)).not.toContain('MAIN_PACKAGE_TOO_LARGE');
  });
});

describe('builds', () => {
  it('runs as a job that reports progress, then the result, and writes the output', async () => {
    await studio.openProject({ dir: work.project });
    const done = events.next('build:done');
    const { jobId } = await studio.startBuild({});
    const result = await done;
    expect(result).toMatchObject({ jobId, status: 'built', exitCode: 0 });
    const progress = events.of('build:progress').filter((p) => p.jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.files).toBe(last.totalFiles);
    expect(JSON.parse(await readFile(join(result.outDir, 'game.json'), 'utf8')).subpackages).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'stage1' })]),
    );
    await assertWechatAccepts(result.outDir);
  });

  it('refuses a second build while one runs', async () => {
    await studio.openProject({ dir: work.project });
    const done = events.next('build:done');
    await studio.startBuild({});
    await expect(studio.startBuild({})).rejects.toMatchObject({ code: 'BUILD_RUNNING' });
    await done;
  });

  it('leaves the previous output intact when cancelled', async () => {
    await studio.openProject({ dir: work.project });
    const first = events.next('build:done');
    await studio.startBuild({});
    const { outDir } = await first;
    const before = await snapshot(outDir);

    await writeFile(join(work.project, 'levels.js'), '// changed after the first build\nmodule.exports = [];\n');
    const second = events.next('build:done');
    const { jobId } = await studio.startBuild({});
    await studio.cancelBuild({ jobId });
    expect(await second).toMatchObject({ jobId, status: 'cancelled' });
    expect(await snapshot(outDir)).toEqual(before);
  });

  it('cancels a build named by the caller when the Cancel arrives before the start has answered, or before it began', async () => {
    await studio.openProject({ dir: work.project });
    const first = events.next('build:done');
    await studio.startBuild({});
    const { outDir } = await first;
    const before = await snapshot(outDir);
    await writeFile(join(work.project, 'levels.js'), '// changed after the first build\nmodule.exports = [];\n');

    // As the renderer sends them: the start, then at once the Cancel, neither waiting for the other.
    const pipelined = events.next('build:done');
    const [started] = await Promise.all([studio.startBuild({ jobId: 'build-a' }), studio.cancelBuild({ jobId: 'build-a' })]);
    expect(started.jobId).toBe('build-a');
    expect(await pipelined).toMatchObject({ jobId: 'build-a', status: 'cancelled' });

    // The Cancel first (pressed while the renderer was still saving a text field), then the start.
    await studio.cancelBuild({ jobId: 'build-b' });
    const early = events.next('build:done');
    await studio.startBuild({ jobId: 'build-b' });
    expect(await early).toMatchObject({ jobId: 'build-b', status: 'cancelled' });
    expect(await snapshot(outDir)).toEqual(before);

    // An id cancelled before is not held against another build.
    const next = events.next('build:done');
    await studio.startBuild({ jobId: 'build-c' });
    expect(await next).toMatchObject({ jobId: 'build-c', status: 'built' });
  });
});
