/** The Fit card's calls over a real project through dispatch: plans from the live analysis, apply, and Undo byte for byte. */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../shared/api.js';
import type { FitApplied, FitState } from '../../../shared/fit.js';
import { MEGABYTE } from '../../../shared/platforms.js';
import { type Studio } from './create-studio.js';
import { dispatch } from './dispatch.js';
import { makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;

beforeEach(async () => {
  work = await makeWorkspace();
  studio = studioFor(work);
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

const mainBytes = (state: ProjectState): number => state.report?.packages[0]?.bytes ?? -1;

describe('getFit, applyFit and undoFit', () => {
  it('apply a plan of the live report, then put the project file back byte for byte', async () => {
    const original = '{\n  // ours\n  "md5Cache": false,\n  "unknownKey": [1, 2]\n}\n';
    await writeFile(join(work.project, 'minigame-studio.json'), original);
    await writeFile(join(work.project, 'intro-old.mp4'), randomBytes(5 * MEGABYTE));
    const opened = await studio.openProject({ dir: work.project });
    expect(mainBytes(opened)).toBeGreaterThan(4 * MEGABYTE);

    const fit = (await dispatch(studio, 'getFit', {})) as FitState;
    expect(fit.answer.pressed).toBe(true);
    const plan = fit.answer.plans.find((p) => p.actions.some((a) => a.kind === 'exclude-unused'));
    expect(plan?.fits).toBe(true);

    const { project, applied } = (await dispatch(studio, 'applyFit', { id: plan!.id, title: plan!.title })) as { project: ProjectState; applied: FitApplied };
    expect(applied.changes).toEqual(['exclude: + intro-old.mp4']);
    expect(mainBytes(project)).toBe(plan!.result.packages[0]?.bytes);
    expect(((await dispatch(studio, 'getFit', {})) as FitState).applied?.id).toBe(plan!.id);
    // The game's own file is still there: a plan only writes the project file.
    expect((await readFile(join(work.project, 'intro-old.mp4'))).length).toBe(5 * MEGABYTE);

    const undone = (await dispatch(studio, 'undoFit', {})) as ProjectState;
    expect(await readFile(join(work.project, 'minigame-studio.json'), 'utf8')).toBe(original);
    expect(mainBytes(undone)).toBe(mainBytes(opened));
    expect(((await dispatch(studio, 'getFit', {})) as FitState).applied).toBeNull();
  });

  it('refuses a plan that is no longer the one shown, and a plan that needs a Remote URL without one', async () => {
    await writeFile(join(work.project, 'images/huge.png'), randomBytes(5 * MEGABYTE));
    await writeFile(join(work.project, 'data.json'), JSON.stringify({ image: 'images/huge.png' }));
    await writeFile(join(work.project, 'game.js'), `${await readFile(join(work.project, 'game.js'), 'utf8')}\nconst dataFile = 'data.json';\n`);
    await studio.openProject({ dir: work.project });
    const fit = (await dispatch(studio, 'getFit', {})) as FitState;
    const remote = fit.answer.plans.find((p) => p.needsInput.length > 0);
    expect(remote).toBeDefined();
    await expect(dispatch(studio, 'applyFit', { id: remote!.id, title: 'Something else' })).rejects.toMatchObject({ options: { code: 'FIT_PLAN_GONE' } });
    await expect(dispatch(studio, 'applyFit', { id: remote!.id, title: remote!.title })).rejects.toMatchObject({ options: { code: 'FIT_INPUT_NEEDED', field: 'remoteUrl' } });
    const { applied } = (await dispatch(studio, 'applyFit', { id: remote!.id, title: remote!.title, remoteUrl: 'https://cdn.example.com/g/' })) as { applied: FitApplied };
    expect(applied.changes).toEqual(['remoteUrl: (none) → "https://cdn.example.com/g/"']);
  });
});
