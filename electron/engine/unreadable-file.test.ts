/**
 * A file the studio may not read stops the build (the package would ship without it); a dangling
 * link is only stepped over. Tests run as root here, and root reads everything, so the command
 * line runs as an unprivileged user (`nobody`) for the unreadable case.
 */
import { chmod, mkdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseProject } from './index.js';
import { MINIMAL_GAME, makeProject, removeProjects } from './test-support/make-project.js';

const BIN = fileURLToPath(new URL('../../bin/minigame-studio.mjs', import.meta.url));
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

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

    const result = await execa('node', [BIN, 'build', project.dir, '--platform', 'wechat'], {
      reject: false,
      env: { FORCE_COLOR: '0', HOME: home },
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
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
