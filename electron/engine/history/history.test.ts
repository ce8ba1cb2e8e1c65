/**
 * The build history as a user meets it: written by every build (the CLI and the app), capped,
 * surviving a corrupt entry, never over a user's folder, with git facts, feeding the growth budget.
 */
import { execa } from 'execa';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report.js';
import { tempDir, writeTree } from '../output/plan-fixture.js';
import { eventRecorder, makeWorkspace, REPO_ROOT, studioFor } from '../studio/test-helpers.js';
import { buildProject } from '../index.js';
import { entryId, listEntryIds, MARKER_FILE, readEntries } from './store.js';
import type { HistoryEntry } from './entry.js';

const BIN = fileURLToPath(new URL('../../../bin/minigame-studio.mjs', import.meta.url));
const SAMPLE = join(REPO_ROOT, 'resources', 'sample-game');

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function cli(args: readonly string[]) {
  return execa('node', [BIN, ...args], { reject: false, env: { FORCE_COLOR: '0' } });
}

async function sample(): Promise<string> {
  const dir = await tempDir('mgs-history-');
  dirs.push(dir);
  await cp(SAMPLE, dir, { recursive: true, filter: (source) => !source.startsWith(join(SAMPLE, 'build')) });
  return dir;
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir('mgs-history-');
  dirs.push(dir);
  await writeTree(dir, files);
  return dir;
}

const historyOf = (dir: string): string => join(dir, 'build', 'history');

describe('build history', () => {
  it('the CLI records one entry per build and platform, matching the report', async () => {
    const dir = await sample();
    const first = await cli(['build', dir, '--platform', 'wechat']);
    expect(first.exitCode).toBe(0);
    await cli(['build', dir, '--platform', 'wechat']);
    await cli(['build', dir, '--platform', 'alipay']);

    const history = historyOf(dir);
    expect(await readdir(history)).toContain(MARKER_FILE);
    const wechat = await readEntries(history, 'wechat');
    expect(wechat.skipped).toEqual([]);
    expect(wechat.entries).toHaveLength(2);
    expect((await readEntries(history, 'alipay')).entries).toHaveLength(1);

    const report = JSON.parse(await readFile(join(dir, 'build/wechatgame.report.json'), 'utf8')) as Report;
    const last = wechat.entries[1] as HistoryEntry;
    expect(last).toMatchObject({ platform: 'wechat', exitCode: 0, totalBytes: report.totalBytes, git: null, outDir: report.outDir });
    expect(last.packages.map((p) => [p.name, p.bytes])).toEqual(report.packages.map((p) => [p.name, p.bytes]));
    expect(last.files).toHaveLength(report.files.length);
    const bg = report.files.find((f) => f.path.endsWith('.png'));
    expect(last.files).toContainEqual([bg?.path, '', report.packages.findIndex((p) => p.name === bg?.package), bg?.bytes, 0]);
    expect(last.durationMs).toBeGreaterThan(0);
    expect(last.settingsDigest).toMatch(/^[0-9a-f]{12}$/);
    // Same settings, same digest; entries sort by time.
    expect(last.settingsDigest).toBe(wechat.entries[0]?.settingsDigest);
    expect(Date.parse(last.time)).toBeGreaterThanOrEqual(Date.parse(wechat.entries[0]?.time ?? ''));
  });

  it('the app (StudioApi) records its builds in the same history', async () => {
    const work = await makeWorkspace();
    dirs.push(work.root);
    const events = eventRecorder();
    const studio = studioFor(work, { emit: events.emit });
    try {
      await studio.openProject({ dir: work.project });
      const done = events.next('build:done');
      await studio.startBuild({});
      expect(await done).toMatchObject({ status: 'built' });
    } finally {
      await studio.close();
    }
    const { entries } = await readEntries(historyOf(work.project), 'wechat');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.packages.map((p) => p.name)).toContain('stage1');
  });

  it('keeps only the newest 200 entries of a platform', async () => {
    const dir = await sample();
    expect((await cli(['build', dir, '--platform', 'wechat'])).exitCode).toBe(0);
    const history = historyOf(dir);
    const [real] = (await readEntries(history, 'wechat')).entries;
    // 200 older builds, as earlier runs would have left them.
    for (let i = 0; i < 200; i++) {
      const id = entryId('wechat', new Date(Date.UTC(2020, 0, 1, 0, 0, i)), i.toString(16).padStart(6, '0'));
      await writeFile(join(history, `${id}.json`), JSON.stringify({ ...real, id }));
    }
    expect(await listEntryIds(history, 'wechat')).toHaveLength(201);
    expect((await cli(['build', dir, '--platform', 'wechat'])).exitCode).toBe(0);
    const ids = await listEntryIds(history, 'wechat');
    expect(ids).toHaveLength(200);
    // The two oldest went; both real builds stayed.
    expect(ids[0]).toBe(entryId('wechat', new Date(Date.UTC(2020, 0, 1, 0, 0, 2)), '000002'));
    expect(ids).toContain(real?.id);
  });

  it('skips a corrupt entry with a warning and never crashes', async () => {
    const dir = await project({
      'game.js': "console.log('a');\n",
      'game.json': '{}',
      'minigame-studio.json': JSON.stringify({ budgets: { growth: '10 KB' } }),
    });
    expect((await buildProject(dir, { platform: 'wechat' })).exitCode).toBe(0);
    const history = historyOf(dir);
    const [good] = await listEntryIds(history, 'wechat');
    // The newest entry is cut off halfway, as by a full disk in another tool.
    const broken = entryId('wechat', new Date(Date.now() + 60_000), 'abcdef');
    await writeFile(join(history, `${broken}.json`), '{"version":1,"id":"');
    await writeTree(dir, { 'big.bin': new Uint8Array(20_000) });

    const outcome = await buildProject(dir, { platform: 'wechat' });
    const { problems } = outcome.analysis.report;
    expect(problems.find((p) => p.code === 'HISTORY_ENTRY_INVALID')).toMatchObject({ severity: 'warning', message: expect.stringContaining(`${broken}.json`) });
    // Growth is measured from the entry before the broken one.
    expect(problems.find((p) => p.code === 'BUDGET_EXCEEDED')?.message).toContain(`since the previous build (${good})`);
    expect(outcome.exitCode).toBe(3);
    const read = await readEntries(history, 'wechat');
    expect(read.entries).toHaveLength(2);
    expect(read.skipped.map((s) => s.path)).toEqual([join(history, `${broken}.json`)]);
  });

  it('refuses to write into a history folder, file or link it did not make, naming the path; the build still succeeds', async () => {
    for (const make of ['folder', 'file', 'link'] as const) {
      const dir = await project({ 'game.js': "console.log('a');\n", 'game.json': '{}' });
      const history = historyOf(dir);
      await mkdir(join(dir, 'build'), { recursive: true });
      if (make === 'folder') await writeTree(history, { 'notes.txt': 'mine' });
      if (make === 'file') await writeFile(history, 'mine');
      if (make === 'link') {
        const elsewhere = await tempDir('mgs-history-link-');
        dirs.push(elsewhere);
        await symlink(elsewhere, history);
      }
      const result = await cli(['build', dir, '--platform', 'wechat']);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toContain(`warning: The build history was not recorded: ${history}`);
      if (make === 'folder') expect(await readdir(history)).toEqual(['notes.txt']);
      if (make === 'file') expect(await readFile(history, 'utf8')).toBe('mine');
    }
  });

  it('records the git commit and branch of a project in a repository', async () => {
    const dir = await project({ 'game.js': "console.log('a');\n", 'game.json': '{}', '.gitignore': 'build/\n' });
    const git = (...args: string[]) => execa('git', args, { cwd: dir, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    await git('init', '-q', '-b', 'feature/x');
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    const head = (await git('rev-parse', 'HEAD')).stdout.trim();
    await buildProject(dir, { platform: 'wechat' });
    const { entries } = await readEntries(historyOf(dir), 'wechat');
    expect(entries[0]?.git).toEqual({ commit: head, branch: 'feature/x' });
  });

  it('names the commit and branch of each build: after a commit, a checkout, packed refs and a detached HEAD', async () => {
    const dir = await project({ 'game.js': "console.log('a');\n", 'game.json': '{}', '.gitignore': 'build/\n' });
    const git = (...args: string[]) => execa('git', args, { cwd: dir, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    const head = async () => (await git('rev-parse', 'HEAD')).stdout.trim();
    await git('init', '-q', '-b', 'main');
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    const first = await head();
    await buildProject(dir, { platform: 'wechat' });
    await buildProject(dir, { platform: 'wechat' });

    await git('commit', '-q', '--allow-empty', '-m', 'second');
    const second = await head();
    await buildProject(dir, { platform: 'wechat' });
    await git('checkout', '-q', '-b', 'levels');
    await buildProject(dir, { platform: 'wechat' });
    // The branch's commit now only in packed-refs, its own file gone.
    await git('pack-refs', '--all');
    await buildProject(dir, { platform: 'wechat' });
    await git('checkout', '-q', '--detach', first);
    await buildProject(dir, { platform: 'wechat' });

    const { entries } = await readEntries(historyOf(dir), 'wechat');
    expect(entries.map((entry) => entry.git)).toEqual([
      { commit: first, branch: 'main' },
      { commit: first, branch: 'main' },
      { commit: second, branch: 'main' },
      { commit: second, branch: 'levels' },
      { commit: second, branch: 'levels' },
      { commit: first, branch: null },
    ]);
  });
});

describe('the growth budget', () => {
  it('compares each package with the previous build of the same platform', async () => {
    const dir = await project({
      'game.js': "console.log('a');\n",
      'game.json': '{}',
      'minigame-studio.json': JSON.stringify({ budgets: { growth: '10 KB' } }),
    });
    // The first build has nothing to grow from.
    const first = await buildProject(dir, { platform: 'wechat' });
    expect(first.exitCode).toBe(0);
    expect(first.analysis.report.budgets).toEqual([]);

    await writeTree(dir, { 'images/new.png': new Uint8Array(12_000) });
    // Another platform's build is not "the previous build" of WeChat.
    await buildProject(dir, { platform: 'alipay' });
    const grown = await buildProject(dir, { platform: 'wechat' });
    expect(grown.exitCode).toBe(3);
    const exceeded = grown.analysis.report.problems.find((p) => p.code === 'BUDGET_EXCEEDED');
    expect(exceeded).toMatchObject({ field: 'budgets.growth' });
    expect(exceeded?.message).toMatch(/The main package grew by 11\.\d KiB since the previous build \(wechat-/);
    expect(grown.analysis.report.budgets).toEqual([expect.objectContaining({ kind: 'growth', name: '__GAME__', limitBytes: 10_000, status: 'exceeded' })]);

    // Built again unchanged: no growth since the build that added the image.
    const again = await buildProject(dir, { platform: 'wechat' });
    expect(again.exitCode).toBe(0);
    expect(again.analysis.report.budgets?.[0]).toMatchObject({ bytes: 0, status: 'ok' });
  });

  it('compares with the previous build into the same output folder, not another one beside it', async () => {
    const dir = await project({
      'game.js': "console.log('a');\n",
      'game.json': '{}',
      'minigame-studio.json': JSON.stringify({ budgets: { growth: '10 KB' } }),
    });
    await buildProject(dir, { platform: 'wechat' });
    await writeTree(dir, { 'images/new.png': new Uint8Array(12_000) });
    // A test build into build/wechat-test shares build/history/ with build/wechatgame.
    const other = await buildProject(dir, { platform: 'wechat', outDir: join(dir, 'build', 'wechat-test') });
    expect(other.analysis.report.budgets).toEqual([]);
    const grown = await buildProject(dir, { platform: 'wechat' });
    expect(grown.analysis.report.budgets?.[0]).toMatchObject({ name: '__GAME__', status: 'exceeded' });
    expect((await readEntries(historyOf(dir), 'wechat')).entries.map((e) => e.outDir.split('/').at(-1))).toEqual(['wechatgame', 'wechat-test', 'wechatgame']);
  });
});
