/**
 * Files added inside OUT after a build (WeChat DevTools' project.private.config.json, a .git/,
 * notes) survive rebuilds, byte-identical; a clash with a file the build writes is refused.
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStudioError } from '../errors.js';
import { buildProject } from '../index.js';
import { REMOTE, removeWorkspaces, snapshotOf, workspace } from './test-support/safety-fixture.js';

afterEach(removeWorkspaces);

const PRIVATE_CONFIG = JSON.stringify({ setting: { urlCheck: false }, condition: { game: { list: [{ name: 'level 3' }] } } }, null, 2);

/** What a user (and DevTools) add to OUT after the first build. */
async function addUserFiles(out: string, outside: string): Promise<void> {
  await writeFile(join(out, 'project.private.config.json'), PRIVATE_CONFIG);
  await mkdir(join(out, '.git', 'refs'), { recursive: true });
  await writeFile(join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await mkdir(join(out, 'notes'));
  await writeFile(join(out, 'notes', 'todo.md'), '- ship it\n');
  await writeFile(join(out, 'images', 'sketch.txt'), 'beside the studio files');
  await mkdir(outside);
  await writeFile(join(outside, 'keep.txt'), 'keep');
  await symlink(outside, join(out, 'shortcut'));
}

const ADDED = ['project.private.config.json', '.git', 'notes', 'images/sketch.txt', 'shortcut'];

describe('files added inside OUT', () => {
  it('are carried, byte-identical, into every rebuild, while the studio files follow the source', async () => {
    const { root, game, locations } = await workspace();
    await buildProject(game);
    await addUserFiles(locations.out, join(root, 'outside'));
    const before = Object.fromEntries(await Promise.all(ADDED.map(async (path) => [path, await snapshotOf(join(locations.out, path))] as const)));

    await writeFile(join(game, 'images', 'bg.png'), 'background, take two');
    await rm(join(game, 'images', 'hero.png'));
    for (const overrides of [{}, REMOTE, {}]) {
      expect((await buildProject(game, overrides)).built).toBe(true);
      for (const path of ADDED) expect(await snapshotOf(join(locations.out, path))).toEqual(before[path]);
    }
    const tree = await snapshotOf(locations.out);
    expect(tree['images/bg.png']).toBe(`file ${Buffer.from('background, take two').toString('base64')}`);
    expect(tree['images/hero.png']).toBeUndefined();
    expect(await readFile(join(root, 'outside', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it("keep DevTools' settings and dot-folders of an OUT built before the ownership record existed", async () => {
    const { game, locations } = await workspace();
    await buildProject(game);
    await rm(locations.owner);
    await writeFile(join(locations.out, 'project.private.config.json'), PRIVATE_CONFIG);
    await mkdir(join(locations.out, '.git'));
    await writeFile(join(locations.out, '.git', 'HEAD'), 'ref\n');
    expect((await buildProject(game)).built).toBe(true);
    expect(await readFile(join(locations.out, 'project.private.config.json'), 'utf8')).toBe(PRIVATE_CONFIG);
    expect(await readFile(join(locations.out, '.git', 'HEAD'), 'utf8')).toBe('ref\n');
  });

  it('a rebuild that would write over one is refused, naming it, and nothing changes', async () => {
    const { game, locations } = await workspace();
    await buildProject(game);
    await writeFile(join(locations.out, 'images', 'logo.png'), 'my logo, put in OUT by hand');
    await writeFile(join(game, 'images', 'logo.png'), 'the game logo');
    const before = await snapshotOf(join(game, 'build'));
    const error: unknown = await buildProject(game).catch((e: unknown) => e);
    expect(isStudioError(error) && error.code).toBe('OUTPUT_CONFLICT');
    expect((error as Error).message).toBe(
      `${join(locations.out, 'images', 'logo.png')} was added to the output folder after the last build, and this build writes images/logo.png too. Move it out of ${locations.out}, then build again. Nothing was changed.`,
    );
    const after = await snapshotOf(join(game, 'build'));
    // The cache is the only thing a refused build may touch, and it does not here.
    expect(after).toEqual(before);
  });
});
