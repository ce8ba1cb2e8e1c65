/**
 * A file the studio may not read stops the build (the package would ship without it); a dangling
 * link is only stepped over. Tests run as root here, and root reads everything, so the command
 * line runs as an unprivileged user (`nobody`) for the unreadable case. `nobody` must be able to
 * reach the checkout: a folder above it that others may not enter (a clone in a 0700 temp folder)
 * gets the search bit for the length of the test, and its mode back afterwards.
 */
import { chmod, mkdir, rm, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseProject } from './index.js';
import { MINIMAL_GAME, makeProject, removeProjects } from './test-support/make-project.js';

const BIN = fileURLToPath(new URL('../../bin/minigame-studio.mjs', import.meta.url));
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Lets others pass through every folder from / to `dir`; returns how to put the modes back. */
async function openPathTo(dir: string): Promise<() => Promise<void>> {
  const changed: { path: string; mode: number }[] = [];
  for (let path = dir; ; path = dirname(path)) {
    const mode = (await stat(path)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      changed.push({ path, mode });
      await chmod(path, mode | 0o001);
    }
    if (dirname(path) === path) break;
  }
  return async () => {
    for (const { path, mode } of changed) await chmod(path, mode);
  };
}

afterAll(removeProjects);

describe('unreadable files', () => {
  it('a file the user may not read: exit 1, the message names it, nothing is written', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/secret.png': Buffer.alloc(64, 1) });
    await chmod(project.dir, 0o777);
    await chmod(project.path('images'), 0o755);
    await chmod(project.path('images/secret.png'), 0o000);
    const home = join(project.dir, '..', `${project.dir.split('/').pop()}-home`);
    await mkdir(home, { recursive: true });
    await chmod(home, 0o777);

    const restore = asRoot ? await openPathTo(dirname(BIN)) : async () => undefined;
    const result = await execa('node', [BIN, 'build', project.dir, '--platform', 'wechat'], {
      reject: false,
      env: { FORCE_COLOR: '0', HOME: home },
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    }).finally(async () => {
      await restore();
      await rm(home, { recursive: true, force: true });
    });

    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('images/secret.png');
    expect(result.stdout + result.stderr).toContain('FILE_UNREADABLE');
    await expect(stat(project.path('build'))).rejects.toThrow();
  });

  it('a dangling link is skipped with a warning and the game still builds', async () => {
    const project = await makeProject(MINIMAL_GAME);
    await symlink(project.path('nowhere.png'), project.path('broken.png'));
    const { report } = await analyseProject(project.dir);
    const problem = report.problems.find((p) => p.code === 'FILE_UNREADABLE');
    expect(problem).toMatchObject({ severity: 'warning', path: 'broken.png' });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
