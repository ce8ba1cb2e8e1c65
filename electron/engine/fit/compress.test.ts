/**
 * The fit planner's image compression: a game over the main package's limit only because of large
 * PNGs gets a lossless plan that fits, its saving measured by encoding the files (asked twice, the
 * second ask encodes nothing), ranked before the lossy ones, which say what they cost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MEGABYTE } from '../../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { analyseProject, createHashCache } from '../index.js';
import { json, removeProjects } from '../test-support/make-project.js';
import { fitProject, planFit } from './index.js';
import { largePngGame } from './test-support/large-png-game.js';
import { recordEncodes } from '../optimize/test-support/encodes.js';

afterAll(removeProjects);

const RUN = { timeout: 240_000 };

const encodes = recordEncodes();

describe('fit: a game over the limit only because of large PNGs', () => {
  it('a lossless plan fits, safe, by the sizes the engine reports once it is set; asked again, nothing is encoded', RUN, async () => {
    const project = await largePngGame();
    const hashes = createHashCache();
    const { analysis, answer } = await fitProject(project.dir, {}, { hashes });
    expect(answer.current.packages[0]?.status).toBe('over');
    expect(answer.current.packages[0]?.bytes).toBeGreaterThan(5 * MEGABYTE);

    const first = answer.plans.find((p) => p.settings.optimize?.png === 'lossless');
    expect(first).toMatchObject({ safe: true, safety: 'safe', fits: true, settings: { optimize: { png: 'lossless' } }, needsInput: [] });
    // Safe plans first (this and the Remote URL, which takes more off), then the lossy ones.
    expect(answer.plans.slice(0, 2).map((p) => p.safe)).toEqual([true, true]);
    const action = first?.actions[0];
    expect(action).toMatchObject({ kind: 'compress-images', files: 2, codeChange: null });
    expect(action?.title).toMatch(/^Image compression: 2 PNGs of the main package save [\d.]+ MiB \(5\.\d\d MiB → [\d.]+ MiB\), pixels identical/);
    expect(action?.examples.map((e) => e.path).sort()).toEqual(['images/sea.png', 'images/sky.png']);

    // The plan's sizes are the engine's once the setting is written.
    await project.write('minigame-studio.json', json({ optimize: { png: 'lossless' } }));
    const applied = await analyseProject(project.dir);
    expect(first?.result.packages.find((p) => p.name === MAIN_PACKAGE)?.bytes).toBe(applied.report.packages[0]?.bytes);
    expect(applied.report.optimize?.savedBytes).toBe(action?.bytes);

    // Lossy ones come after, and say what they cost.
    const palette = answer.plans.find((p) => p.settings.optimize?.png === 'palette');
    expect(palette).toMatchObject({ safe: false, safety: 'probable' });
    expect(palette?.id).toBeGreaterThan(1);
    expect(palette?.actions[0]?.limits.join(' ')).toMatch(/^Lossy: each PNG is reduced to at most 256 colours.*PSNR.*35 dB/);

    // The same question again, after the live report laid the project out once more: every encoding is cached.
    await project.write('minigame-studio.json', '{}');
    encodes.reset();
    const again = await analyseProject(project.dir, {}, { hashes });
    expect(encodes.paths).toEqual([]);
    const second = await planFit(again, { hashes });
    expect(encodes.paths).toEqual([]);
    expect(second.plans.map((p) => [p.title, p.bytesSaved])).toEqual(answer.plans.map((p) => [p.title, p.bytesSaved]));
    expect(analysis.settings.optimize).toBeUndefined();
  });

  it('with the project already compressing PNGs losslessly, only what more a palette gives is proposed, and its settings keep the project own keys', RUN, async () => {
    const project = await largePngGame({ 'minigame-studio.json': json({ optimize: { png: 'lossless', exclude: ['ui/**'] }, budgets: { __GAME__: '1 MiB' } }) });
    const { answer } = await fitProject(project.dir);
    const compress = answer.plans.filter((p) => p.actions.some((a) => a.kind === 'compress-images'));
    expect(compress.map((p) => p.settings.optimize)).toEqual([{ png: 'palette', exclude: ['ui/**'] }]);
    // What is saved is counted from what ships now (already lossless), not from the source files.
    const now = await analyseProject(project.dir);
    await project.write('minigame-studio.json', json({ optimize: { png: 'palette', exclude: ['ui/**'] }, budgets: { __GAME__: '1 MiB' } }));
    const withPalette = await analyseProject(project.dir);
    const imageBytes = (report: typeof now.report): number => report.files.filter((f) => f.path.endsWith('.png')).reduce((sum, f) => sum + f.bytes, 0);
    expect(compress[0]?.actions[0]?.bytes).toBe(imageBytes(now.report) - imageBytes(withPalette.report));
    expect(compress[0]?.result.packages[0]?.bytes).toBe(withPalette.report.packages[0]?.bytes);
  });

  it("keeps the project's optimize.exclude: an image it names is neither measured nor counted", RUN, async () => {
    const project = await largePngGame({ 'minigame-studio.json': json({ optimize: { exclude: ['images/sea.png'] } }) });
    const { answer } = await fitProject(project.dir);
    const lossless = answer.plans.find((p) => p.settings.optimize?.png === 'lossless');
    expect(lossless?.settings.optimize).toEqual({ exclude: ['images/sea.png'], png: 'lossless' });
    expect(lossless?.actions[0]?.examples.map((e) => e.path)).toEqual(['images/sky.png']);
    expect(lossless?.actions[0]?.files).toBe(1);
  });
});
