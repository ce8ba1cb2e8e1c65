/**
 * The live report re-decides only the files re-stat'ed in place (plan) and reuses unchanged output
 * entries (layout): after each change, its analysis must equal a fresh analysis of the same state.
 */
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createHashCache } from '../hash-cache.js';
import { layoutOutput } from '../output/layout.js';
import { planProject } from '../plan.js';
import { buildReport } from '../report.js';
import { resolveSettings } from '../settings.js';
import { createScriptCache } from '../checks/script-refs.js';
import { json, makeProject, MINIMAL_GAME, removeProjects, type TestProject } from '../test-support/make-project.js';
import type { Inventory, ProjectSettings } from '../types.js';
import { createInventoryState } from './inventory-state.js';

afterAll(removeProjects);

const noFolders = { removedFolders: [], addedFolders: [] };

/** A live-style session (same settings object and caches throughout) and its check against a fresh analysis. */
async function session(project: TestProject) {
  const settings = await resolveSettings(project.dir);
  const state = await createInventoryState(settings.sourceDir);
  const hashes = createHashCache();
  const scripts = createScriptCache();
  const liveAnalysis = async (inventory: Inventory) => {
    const plan = await planProject(settings, inventory, { scripts });
    return { plan, report: buildReport(plan, await layoutOutput(plan, hashes, { tolerateUnreadable: true })) };
  };
  // A new settings object and new caches: nothing remembered from earlier analyses.
  const freshAnalysis = async (inventory: Inventory) => {
    const fresh: ProjectSettings = await resolveSettings(project.dir);
    const plan = await planProject(fresh, inventory, { scripts: createScriptCache() });
    return { plan: { ...plan, settings }, report: buildReport(plan, await layoutOutput(plan, createHashCache(), { tolerateUnreadable: true })) };
  };
  const expectSame = async () => {
    const inventory = state.snapshot();
    const live = await liveAnalysis(inventory);
    expect(live).toEqual(await freshAnalysis(inventory));
    return live;
  };
  return { state, expectSame };
}

describe('incremental live analysis', () => {
  it('gives the same plan and report as a fresh analysis after files change, appear and vanish', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'minigame-studio.json': json({ exclude: ['docs'], remoteUrl: 'https://cdn.example.com/game/' }),
      'game.json': json({ subpackages: [{ name: 'stage1', root: 'stage1/' }] }),
      'js/util.js': 'module.exports = 1;\n',
      'images/a.png': Buffer.alloc(100),
      'images/b.png': Buffer.alloc(200),
      'stage1/game.js': 'require("./level.js");\n',
      'stage1/level.js': 'module.exports = 2;\n',
      'docs/notes.png': Buffer.alloc(10),
      'docs/helper.js': 'module.exports = 4;\n',
      'raw/data.psd': Buffer.alloc(30),
    });
    const { state, expectSame } = await session(project);
    const first = await expectSame();
    // Changed in place: an asset, a script that now requires an excluded one, a not-whitelisted file.
    await project.write('images/a.png', Buffer.alloc(5000));
    await project.write('stage1/level.js', 'require("../docs/helper.js");\n');
    await project.write('raw/data.psd', Buffer.alloc(31));
    expect(await state.apply({ files: ['images/a.png', 'stage1/level.js', 'raw/data.psd'], ...noFolders })).toBe(true);
    const second = await expectSame();
    expect(second.report.totalBytes).not.toBe(first.report.totalBytes);
    expect(second.report.problems.map((p) => p.code)).not.toEqual(first.report.problems.map((p) => p.code));

    // A file appears, then another changes, then one vanishes: each still equals a fresh analysis.
    await project.write('images/c.png', Buffer.alloc(300));
    await state.apply({ files: ['images/c.png'], ...noFolders });
    expect((await expectSame()).plan.files.map((f) => f.path)).toContain('images/c.png');
    await project.write('images/b.png', Buffer.alloc(7));
    await state.apply({ files: ['images/b.png'], ...noFolders });
    await expectSame();
    await project.write('stage1/level.js', 'module.exports = 3;\n');
    await state.apply({ files: ['stage1/level.js'], ...noFolders });
    await rm(project.path('images/c.png'));
    await state.apply({ files: ['images/c.png'], ...noFolders });
    expect((await expectSame()).plan.files.map((f) => f.path)).not.toContain('images/c.png');
    const fixed = await expectSame();
    expect(fixed.report.problems.map((p) => p.code)).toEqual(first.report.problems.map((p) => p.code));
    await project.cleanup();
  });

  it('keeps the "a Remote URL would move N MiB" advice of an oversized main package up to date', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'images/a.png': Buffer.alloc(100), 'js/b.js': 'module.exports = 1;\n' });
    const { state, expectSame } = await session(project);
    await expectSame();
    await project.write('images/a.png', Buffer.alloc(5 * 1024 * 1024));
    await state.apply({ files: ['images/a.png'], ...noFolders });
    const over = await expectSame();
    expect(over.report.problems.map((p) => p.message).join('\n')).toContain('would move 5.00 MiB');
    await project.write('images/a.png', Buffer.alloc(6 * 1024 * 1024));
    await state.apply({ files: ['images/a.png'], ...noFolders });
    expect((await expectSame()).report.problems.map((p) => p.message).join('\n')).toContain('would move 6.00 MiB');
    await project.cleanup();
  });
});
