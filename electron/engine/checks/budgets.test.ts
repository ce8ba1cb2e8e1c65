/** Size budgets on small real projects: each code, the exit code, the report's budgets, a bad unit. */
import { afterAll, describe, expect, it } from 'vitest';
import { json, makeProject, removeProjects } from '../test-support/make-project.js';
import { analyseProject, buildProject } from '../index.js';
import { isStudioError } from '../errors.js';
import { createLiveProject } from '../live/live-project.js';
import type { Analysis } from '../types.js';

afterAll(removeProjects);

/** A game with a 40 KB main package image and a 20 KB subpackage, under the given budgets. */
async function game(budgets: Record<string, unknown>) {
  return makeProject({
    'game.js': "console.log('hello');\n",
    'game.json': json({ deviceOrientation: 'portrait' }),
    'images/bg.png': Buffer.alloc(40_000, 1),
    'stage1/game.js': "console.log('stage1');\n",
    'stage1/level.bin': Buffer.alloc(20_000, 2),
    'minigame-studio.json': json({ subpackages: [{ name: 'stage1', root: 'stage1/' }], budgets }),
  });
}

describe('size budgets', () => {
  it('passes a project within every budget, and puts the budgets in the report', async () => {
    const project = await game({ __GAME__: '100 KiB', stage1: 100_000, total: '1 MiB' });
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome.exitCode).toBe(0);
    const { report } = outcome.analysis;
    expect(report.problems.filter((p) => p.code.startsWith('BUDGET'))).toEqual([]);
    const main = report.packages.find((p) => p.name === '__GAME__');
    expect(report.budgets).toEqual([
      { kind: 'package', name: '__GAME__', limitBytes: 102_400, bytes: main?.bytes, status: 'ok' },
      { kind: 'package', name: 'stage1', limitBytes: 100_000, bytes: report.packages.find((p) => p.name === 'stage1')?.bytes, status: 'ok' },
      { kind: 'total', name: 'total', limitBytes: 1_048_576, bytes: report.totalBytes, status: 'ok' },
    ]);
  });

  it('fails the build with BUDGET_EXCEEDED (exit 3) naming the field, but still builds', async () => {
    const project = await game({ stage1: '10 KB' });
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome).toMatchObject({ exitCode: 3, built: true });
    const exceeded = outcome.analysis.report.problems.filter((p) => p.code === 'BUDGET_EXCEEDED');
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]).toMatchObject({ severity: 'error', field: 'budgets.stage1' });
    expect(exceeded[0]?.message).toMatch(/Subpackage "stage1" is 19\.\d KiB, over its budget of 9\.8 KiB \(minigame-studio\.json budgets\.stage1\)/);
  });

  it('warns BUDGET_NEAR within 5 % of a budget, exit unchanged', async () => {
    const first = await analyseProject((await game({})).dir, { platform: 'wechat' });
    const stage1 = first.report.packages.find((p) => p.name === 'stage1')?.bytes ?? 0;
    // 2 % under the budget: near, not over.
    const project = await game({ stage1: Math.ceil(stage1 / 0.98) });
    const { report } = await analyseProject(project.dir, { platform: 'wechat' });
    const near = report.problems.filter((p) => p.code.startsWith('BUDGET'));
    expect(near).toEqual([expect.objectContaining({ severity: 'warning', code: 'BUDGET_NEAR', field: 'budgets.stage1' })]);
    expect(near[0]?.message).toMatch(/98\.\d % of its budget/);
    expect(report.budgets?.[0]?.status).toBe('near');
  });

  it('judges the total and the remote files', async () => {
    const project = await game({ total: '50 KB', remote: '10 KB' });
    await project.write(
      'minigame-studio.json',
      json({ subpackages: [{ name: 'stage1', root: 'stage1/' }], remoteUrl: 'https://cdn.example.com/g/', budgets: { total: '50 KB', remote: '10 KB' } }),
    );
    const { report } = await analyseProject(project.dir, { platform: 'wechat' });
    expect(report.budgets?.map((b) => [b.kind, b.status])).toEqual([
      ['total', 'ok'],
      ['remote', 'exceeded'],
    ]);
    expect(report.problems.find((p) => p.code === 'BUDGET_EXCEEDED')?.message).toMatch(/The Remote URL's files are 39\.\d KiB/);
  });

  it('warns when a budget names no package (a typo), and checks nothing for it', async () => {
    const project = await game({ stgae1: '1 KB' });
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome.exitCode).toBe(0);
    const unknown = outcome.analysis.report.problems.find((p) => p.code === 'BUDGET_UNKNOWN_PACKAGE');
    expect(unknown).toMatchObject({ severity: 'warning', field: 'budgets.stgae1' });
    expect(unknown?.message).toMatch(/its packages are __GAME__, stage1/);
  });

  it('refuses a bad unit as PROJECT_FILE_INVALID naming the field, and builds nothing', async () => {
    const project = await game({ __GAME__: '3.5 MiB', stage1: '2 mb' });
    const error = await buildProject(project.dir, { platform: 'wechat' }).catch((e: unknown) => e);
    expect(isStudioError(error)).toBe(true);
    if (!isStudioError(error)) return;
    expect(error.code).toBe('PROJECT_FILE_INVALID');
    expect(error.options.field).toBe('budgets.stage1');
    expect(error.message).toMatch(/"budgets\.stage1" is invalid: has the unit "mb", which is not one of B, KB, KiB, MB, MiB/);
  });
});

describe('budgets in the live report', () => {
  it('judges a budget as soon as a file pushes the package over it', async () => {
    const project = await game({ stage1: '25 KB' });
    const changes: Analysis[] = [];
    let notify: (() => void) | null = null;
    const live = await createLiveProject(project.dir, {
      overrides: { platform: 'wechat' },
      onChange: (analysis) => {
        changes.push(analysis);
        notify?.();
      },
    });
    try {
      expect(live.current().report.budgets?.[0]).toMatchObject({ name: 'stage1', status: 'ok' });
      const over = new Promise<void>((resolve) => {
        notify = () => changes.at(-1)?.report.budgets?.[0]?.status === 'exceeded' && resolve();
      });
      await project.write('stage1/more.bin', Buffer.alloc(10_000, 3));
      await over;
      expect(changes.at(-1)?.report.problems.find((p) => p.code === 'BUDGET_EXCEEDED')?.field).toBe('budgets.stage1');
    } finally {
      await live.close();
    }
  });
});
