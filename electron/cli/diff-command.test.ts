/**
 * `minigame-studio diff` on real builds of the sample game, before and after a file is added:
 * each format, each way of naming a build, --fail-on-growth, and a corrupt history entry.
 */
import { execa } from 'execa';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report.js';
import { runCli } from '../cli.js';
import { buildProject } from '../engine/index.js';
import type { BuildDiff } from '../engine/history/diff.js';
import { entryId } from '../engine/history/store.js';
import { BUNDLED_SAMPLE } from '../engine/studio/test-helpers.js';

let root: string;
let game: string;
let before: Report;
let after: Report;
const ADDED = 'images/added.png';

const git = (...args: string[]) =>
  execa('git', args, { cwd: game, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mgs-diff-'));
  game = join(root, 'game');
  await cp(BUNDLED_SAMPLE, game, { recursive: true, filter: (source) => !source.startsWith(join(BUNDLED_SAMPLE, 'build')) });
  await writeFile(join(game, '.gitignore'), 'build/\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'before');
  await buildProject(game, { platform: 'wechat' });
  // As CI keeps main's report as an artifact: a copy outside the project.
  await cp(join(game, 'build/wechatgame.report.json'), join(root, 'main.report.json'));
  before = JSON.parse(await readFile(join(root, 'main.report.json'), 'utf8')) as Report;

  await writeFile(join(game, ADDED), Buffer.alloc(30_000, 7));
  await git('add', '.');
  await git('commit', '-q', '-m', 'add an image');
  await buildProject(game, { platform: 'wechat' });
  after = JSON.parse(await readFile(join(game, 'build/wechatgame.report.json'), 'utf8')) as Report;
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function diff(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await runCli(['diff', ...args], { stdout, stderr, cwd: root });
  return { code, out, err };
}

const mainBytes = (report: Report): number => report.packages.find((p) => p.name === '__GAME__')?.bytes ?? 0;

describe('minigame-studio diff', () => {
  it('compares the latest build with the one before by default, as text', async () => {
    const { code, out, err } = await diff(game, '--platform', 'wechat');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^wechat: @prev \(wechat-\S+\) · main [0-9a-f]{7} → @latest \(wechat-\S+\) · main [0-9a-f]{7}\n/);
    expect(out).toMatch(/__GAME__\s+[\d.]+ KiB → [\d.]+ KiB\s+\+29\.\d KiB \(\+[\d.]+ %\)\s+limit 4\.00 MiB/);
    expect(out).toMatch(/stage1\s+\d+ B → \d+ B\s+0 B/);
    expect(out).toContain('Files: 1 added, 0 removed, 0 grown, 0 shrunk');
    expect(out).toContain(`Added (1)\n     +29.3 KiB  ${ADDED}  [__GAME__]\n`);
  });

  it('prints JSON whose numbers are the two reports', async () => {
    const { code, out } = await diff(game, '--format', 'json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as BuildDiff;
    expect(result.platform).toBe('wechat');
    expect(result.files).toEqual({ added: [{ path: ADDED, package: '__GAME__', before: null, after: 30_000, delta: 30_000 }], removed: [], grown: [], shrunk: [] });
    expect(result.packages.find((p) => p.name === '__GAME__')).toEqual({
      name: '__GAME__',
      before: mainBytes(before),
      after: mainBytes(after),
      delta: mainBytes(after) - mainBytes(before),
      limitBytes: 4_194_304,
    });
    expect(result.total).toEqual({ before: before.totalBytes, after: after.totalBytes, delta: after.totalBytes - before.totalBytes });
    expect(result.after.commit).toBe((await git('rev-parse', 'HEAD')).stdout.trim());
  });

  it('prints Markdown ready for a pull-request comment', async () => {
    const { code, out } = await diff(game, '--format', 'markdown');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('### Package sizes (WeChat)');
    const header = lines.indexOf('| Package | Before | After | Change | Limit |');
    expect(lines[header + 1]).toBe('| --- | ---: | ---: | ---: | ---: |');
    // Every table row has as many cells as its header.
    const table = lines.slice(header, lines.indexOf('', header));
    expect(table.every((row) => row.split(' | ').length === 5)).toBe(true);
    expect(table.find((row) => row.startsWith('| `__GAME__`'))).toMatch(/\| \*\*\+29\.\d KiB \(\+[\d.]+ %\)\*\* \| 4\.00 MiB \|$/);
    expect(out).toContain('<details open><summary>Added (1)</summary>');
    expect(out).toContain(`| \`${ADDED}\` | \`__GAME__\` | 29.3 KiB |`);
    expect(out).not.toContain('Removed (');
  });

  it('takes a report file, history entries and git refs as the two builds', async () => {
    const fromReport = JSON.parse((await diff(game, 'main.report.json', '--format', 'json')).out) as BuildDiff;
    expect(fromReport.before.label).toBe('main.report.json');
    expect(fromReport.files.added.map((f) => f.path)).toEqual([ADDED]);

    const fromGit = JSON.parse((await diff(game, 'HEAD~1', 'main', '--format', 'json')).out) as BuildDiff;
    expect(fromGit.before.label).toMatch(/^HEAD~1 \(wechat-/);
    expect(fromGit.files.added.map((f) => f.path)).toEqual([ADDED]);

    const numbered = JSON.parse((await diff(game, '@1', '@0', '--format', 'json')).out) as BuildDiff;
    const byId = JSON.parse((await diff(game, numbered.before.id ?? '', numbered.after.id ?? '', '--format', 'json')).out) as BuildDiff;
    expect(byId.files).toEqual(numbered.files);

    // The other way round, the file was removed.
    const reversed = JSON.parse((await diff(game, '@latest', '@prev', '--format', 'json')).out) as BuildDiff;
    expect(reversed.files.removed).toEqual([{ path: ADDED, package: '__GAME__', before: 30_000, after: null, delta: -30_000 }]);
  });

  it('says clearly when a build is not there', async () => {
    const tooFar = await diff(game, '@5', '@latest');
    expect(tooFar.code).toBe(1);
    expect(tooFar.err).toMatch(/@5 is 5 builds before the latest, but the history of wechat in .* holds 2/);
    const unknown = await diff(game, 'no-such-thing');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/"no-such-thing" is not a report file, a build in the history .* or a git ref of /);
    const otherPlatform = await diff(game, '--platform', 'alipay');
    expect(otherPlatform.err).toMatch(/No build of alipay in the history yet/);
  });

  it('--fail-on-growth exits 3 when a package grew by more than the size', async () => {
    const over = await diff(game, '--fail-on-growth', '10 KiB');
    expect(over.code).toBe(3);
    expect(over.err).toMatch(/package "__GAME__" grew by \+29\.\d KiB, more than --fail-on-growth 10\.0 KiB/);
    expect((await diff(game, '--fail-on-growth', '100KiB')).code).toBe(0);
    // The main package grew by the image and its line in the manifest: exactly that much passes.
    const grew = mainBytes(after) - mainBytes(before);
    expect((await diff(game, '--fail-on-growth', String(grew))).code).toBe(0);
    expect((await diff(game, '--fail-on-growth', String(grew - 1))).code).toBe(3);
    const bad = await diff(game, '--fail-on-growth', '10 kb');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fail-on-growth has the unit "kb"/);
    expect((await diff(game, '--format', 'github')).code).toBe(2);
  });

  it('skips a corrupt history entry with a warning', async () => {
    const copy = join(root, 'copy');
    await cp(game, copy, { recursive: true });
    const broken = entryId('wechat', new Date(Date.now() + 60_000), 'ffffff');
    await writeFile(join(copy, 'build/history', `${broken}.json`), 'not json');
    const { code, out, err } = await diff(copy, '--format', 'json');
    expect(code).toBe(0);
    expect(err).toMatch(new RegExp(`warning: Build history entry .*${broken}\\.json can't be read: not valid JSON`));
    expect((JSON.parse(out) as BuildDiff).files.added.map((f) => f.path)).toEqual([ADDED]);
  });
});
