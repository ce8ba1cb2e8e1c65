/**
 * The studio deletes or replaces only what it wrote: a user's file, folder, device or symlink at
 * any path a build touches (OUT, OUT-res, OUT.report.json, the studio's folder and cache beside
 * OUT) is refused by name and left byte-identical; output folders get normal permissions.
 */
import { execa } from 'execa';
import { chmod, lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStudioError } from '../errors.js';
import { buildProject } from '../index.js';
import type { SettingsOverrides } from '../types.js';
import { locationsFor } from './locations.js';
import { readTree } from './tree.js';
import { removeTree } from './remove-tree.js';
import { REMOTE, removeWorkspaces, snapshotOf, workspace } from './test-support/safety-fixture.js';

afterEach(removeWorkspaces);

/**
 * The build's refusal: its code and message — a StudioError from the writer, or a blocking problem
 * the plan found first (exit 1, nothing written); never an unexpected failure.
 */
async function refusal(dir: string, overrides: SettingsOverrides = {}): Promise<{ code: string; message: string }> {
  const result: unknown = await buildProject(dir, overrides).then(
    (outcome) => outcome,
    (e: unknown) => e,
  );
  if (isStudioError(result)) return { code: result.code, message: result.message };
  const outcome = result as Awaited<ReturnType<typeof buildProject>>;
  const blocking = outcome.built ? undefined : outcome.analysis.report.problems.find((p) => p.severity === 'error');
  if (!blocking) throw new Error(`expected a refusal, got ${String(result)}`);
  return { code: blocking.code, message: blocking.message };
}

async function names(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('a user file, device or pipe at OUT', () => {
  it('refuses a file at OUT, naming it, and changes nothing beside it', async () => {
    const { root, game } = await workspace();
    const thesis = join(root, 'thesis.docx');
    await writeFile(thesis, 'Chapter 1. The studio must not eat this.');
    const before = await snapshotOf(root);
    const { code, message } = await refusal(game, { outDir: thesis });
    expect(code).toBe('OUTPUT_NOT_A_FOLDER');
    expect(message).toBe(
      `The output folder ${thesis} is a file, not a folder the studio wrote; building would replace it. Move it away, or choose another output folder (--out). Nothing was changed.`,
    );
    expect(await snapshotOf(root)).toEqual(before);
  });

  it('never touches a named pipe or a device', async () => {
    const { root, game } = await workspace();
    const pipe = join(root, 'pipe');
    await execa('mkfifo', [pipe]);
    const before = await snapshotOf(root);
    expect(await refusal(game, { outDir: pipe })).toMatchObject({ code: 'OUTPUT_NOT_A_FOLDER', message: expect.stringContaining(`${pipe} is a named pipe`) });
    expect(await snapshotOf(root)).toEqual(before);

    expect(await refusal(game, { outDir: '/dev/null' })).toMatchObject({ code: 'OUTPUT_NOT_A_FOLDER', message: expect.stringContaining('/dev/null is a device') });
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true);
    expect(await names('/dev')).not.toContain('.null.minigame-studio');
  });
});

describe('symlinks', () => {
  it('refuses an OUT that is a link to the project, or to a folder above it, and keeps the project', async () => {
    const { root, game } = await workspace();
    const before = await snapshotOf(game);
    for (const target of [game, root]) {
      const link = join(root, `link-${target === game ? 'game' : 'root'}`);
      await symlink(target, link);
      const { code, message } = await refusal(game, { outDir: link });
      expect(code).toBe('OUTPUT_INSIDE_SOURCE');
      // Named by the link and by where it really leads.
      expect(message).toContain(link);
      expect(message).toContain(target);
    }
    expect(await snapshotOf(game)).toEqual(before);
  });

  it('judges a path through a symlink by its real path: into the game is refused, into its build/ is built', async () => {
    const { root, game } = await workspace();
    const alias = join(root, 'alias');
    await symlink(game, alias);
    const before = await snapshotOf(game);
    const { code, message } = await refusal(game, { outDir: join(alias, 'images') });
    expect(code).toBe('OUTPUT_INSIDE_SOURCE');
    expect(message).toContain(join(alias, 'images'));
    expect(message).toContain(join(game, 'images'));
    expect(await snapshotOf(game)).toEqual(before);

    const outcome = await buildProject(game, { outDir: join(alias, 'build', 'wechatgame') });
    expect(outcome.built).toBe(true);
    expect((await readTree(join(game, 'build', 'wechatgame'))).get('images/bg.png')?.toString()).toBe('background');
  });

  it('refuses a symlink at OUT that leads to a studio-built folder elsewhere, and leaves that folder whole', async () => {
    const { root, game, locations } = await workspace();
    await buildProject(game);
    // The user moves the build elsewhere, keeps notes in it, and links it back.
    const elsewhere = join(root, 'elsewhere');
    await execa('cp', ['-a', locations.out, elsewhere]);
    await writeFile(join(elsewhere, 'notes.txt'), 'mine');
    await rm(locations.out, { recursive: true });
    await symlink(elsewhere, locations.out);
    const before = await snapshotOf(elsewhere);
    const { code, message } = await refusal(game);
    expect(code).toBe('OUTPUT_IS_LINK');
    expect(message).toContain(`The output folder ${locations.out} is a symbolic link to ${elsewhere}`);
    expect(await snapshotOf(elsewhere)).toEqual(before);
    expect((await lstat(locations.out)).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling link at OUT, naming where it points, and leaves it', async () => {
    const { root, game, locations } = await workspace();
    await mkdir(join(game, 'build'));
    await symlink(join(root, 'not-yet'), locations.out);
    expect(await refusal(game)).toMatchObject({ code: 'OUTPUT_IS_LINK', message: expect.stringContaining(`${locations.out} is a symbolic link to ${join(root, 'not-yet')};`) });
    expect(await snapshotOf(join(game, 'build'))).toEqual({ '.': 'folder', wechatgame: `link → ${join(root, 'not-yet')}` });
  });

  it('removes a folder without following a link out of it, and a link at the root as a link', async () => {
    const { root } = await workspace();
    const precious = join(root, 'precious');
    await mkdir(precious);
    await writeFile(join(precious, 'a.txt'), 'keep');
    const tree = join(root, 'tree');
    await mkdir(join(tree, 'sub'), { recursive: true });
    await symlink(precious, join(tree, 'sub', 'link'));
    await symlink(precious, join(root, 'root-link'));
    await removeTree(join(root, 'root-link'));
    await removeTree(tree);
    expect(await names(root)).toEqual(['game', 'precious']);
    expect(await readFile(join(precious, 'a.txt'), 'utf8')).toBe('keep');
  });
});

describe('OUT-res, the report and the studio folder are checked on their own', () => {
  it('never deletes or replaces a user folder at OUT-res, with or without a Remote URL', async () => {
    const { game, locations } = await workspace();
    await buildProject(game);
    await mkdir(locations.res);
    await writeFile(join(locations.res, 'photo.jpg'), 'holiday');
    const before = await snapshotOf(locations.res);
    for (const overrides of [{}, REMOTE]) {
      const { code, message } = await refusal(game, overrides);
      expect(code).toBe('OUTPUT_NOT_OURS');
      expect(message).toContain(`The remote files' folder ${locations.res} (OUT-res) holds files the studio did not write`);
      expect(await snapshotOf(locations.res)).toEqual(before);
    }
  });

  it('replaces and removes its own OUT-res', async () => {
    const { game, locations } = await workspace();
    await buildProject(game, REMOTE);
    expect([...(await readTree(locations.res)).keys()]).toEqual(['audio/hit.mp3', 'images/bg.png', 'images/hero.png']);
    await buildProject(game, REMOTE);
    await buildProject(game);
    await expect(stat(locations.res)).rejects.toThrow(/ENOENT/);
  });

  it('never overwrites a user file at OUT.report.json, before or after a first build', async () => {
    const { game, locations } = await workspace();
    await mkdir(join(game, 'build'));
    await writeFile(locations.report, '{"my": "own numbers"}');
    const { code, message } = await refusal(game);
    expect(code).toBe('OUTPUT_NOT_OURS');
    expect(message).toContain(`The report file ${locations.report} is not a report the studio wrote`);
    expect(await readFile(locations.report, 'utf8')).toBe('{"my": "own numbers"}');
    await expect(stat(locations.out)).rejects.toThrow(/ENOENT/);

    await rm(locations.report);
    await buildProject(game);
    await rm(locations.report);
    await writeFile(locations.report, 'my notes, saved over the report');
    expect((await refusal(game)).code).toBe('OUTPUT_NOT_OURS');
    expect(await readFile(locations.report, 'utf8')).toBe('my notes, saved over the report');
  });

  it('refuses a user file or folder where its own folder beside OUT goes, and never overwrites a user file at the cache', async () => {
    const { game, locations } = await workspace();
    await mkdir(join(game, 'build'));
    await writeFile(locations.state, 'a file of mine');
    expect(await refusal(game)).toMatchObject({ code: 'OUTPUT_NOT_A_FOLDER', message: expect.stringContaining(`The studio's folder ${locations.state} is a file`) });
    expect(await readFile(locations.state, 'utf8')).toBe('a file of mine');

    await rm(locations.state);
    await mkdir(locations.state);
    await writeFile(join(locations.state, 'diary.txt'), 'mine');
    expect(await refusal(game)).toMatchObject({ code: 'OUTPUT_NOT_OURS', message: expect.stringContaining(`The studio's folder ${locations.state} holds files the studio did not write`) });
    expect(await names(locations.state)).toEqual(['diary.txt']);

    await rm(join(locations.state, 'diary.txt'));
    // What a headless preview leaves there before any build (miniprogram-ci's JPEG QR) is the studio's own.
    await writeFile(join(locations.state, 'preview-qr.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    await writeFile(locations.cache, 'not a cache: mine');
    expect((await buildProject(game)).built).toBe(true);
    expect(await readFile(locations.cache, 'utf8')).toBe('not a cache: mine');
  });

  it('keeps its cache and build history beside a chosen OUT, in a folder named after it, and writes nothing else there', async () => {
    const { root, game } = await workspace();
    const chosen = join(root, 'desk', 'my-build');
    await mkdir(join(root, 'desk'));
    await writeFile(join(root, 'desk', 'todo.txt'), 'mine');
    await buildProject(game, { outDir: chosen });
    await buildProject(game, { outDir: chosen });
    expect(await names(join(root, 'desk'))).toEqual(['.my-build.minigame-studio', 'my-build', 'my-build.report.json', 'todo.txt']);
    expect(await names(join(root, 'desk', '.my-build.minigame-studio'))).toEqual(['cache.json', 'history', 'owner.json']);
    expect(await readFile(join(root, 'desk', 'todo.txt'), 'utf8')).toBe('mine');
  });
});

describe('permissions', () => {
  it('gives OUT, OUT-res and their folders the mode of any new folder (the umask), not 0700', async () => {
    const { root, game, locations } = await workspace();
    await mkdir(join(root, 'probe'));
    const normal = (await stat(join(root, 'probe'))).mode & 0o777;
    await buildProject(game, REMOTE);
    for (const dir of [locations.out, locations.res, join(locations.out, 'minigame-studio'), join(locations.res, 'images'), locations.state]) {
      expect({ dir, mode: ((await stat(dir)).mode & 0o777).toString(8) }).toEqual({ dir, mode: normal.toString(8) });
    }
    expect(locationsFor(locations.out, locations.res).report).toBe(`${locations.out}.report.json`);
  });
});

describe.skipIf(process.getuid?.() === 0)('an output folder the studio may not read', () => {
  it('is named, without a stack trace', async () => {
    const { game, locations } = await workspace();
    await buildProject(game);
    await chmod(locations.state, 0o000);
    try {
      const { code, message } = await refusal(game);
      expect(code).toBe('OUTPUT_WRITE_FAILED');
      expect(message).toMatch(new RegExp(`^Could not write ${locations.out} \\(EACCES`));
    } finally {
      await chmod(locations.state, 0o755);
    }
  });
});
