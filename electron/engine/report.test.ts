import { afterAll, describe, expect, it } from 'vitest';
import { MEGABYTE } from '../../shared/platforms.js';
import { createHashCache } from './hash-cache.js';
import { layoutOutput } from './output/layout.js';
import { planProject } from './plan.js';
import { buildReport } from './report.js';
import { resolveSettings } from './settings.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from './test-support/make-project.js';
import { planFor, problemsWith } from './test-support/plan-for.js';
import type { Inventory, OutputLayout, Plan, SettingsOverrides } from './types.js';

afterAll(removeProjects);

const RUNTIME_BYTES = 2000;

/** A plan over made-up sizes (no need to write 30 MiB to test a 30 MiB limit). */
async function planWithSizes(sizes: Record<string, number>, projectFile: object, overrides: SettingsOverrides = {}): Promise<Plan> {
  const files: Record<string, string> = { 'minigame-studio.json': json(projectFile) };
  for (const path of Object.keys(sizes)) files[path] = '';
  const project = await makeProject(files);
  const settings = await resolveSettings(project.dir, overrides);
  const inventory: Inventory = {
    root: project.dir,
    files: new Map(Object.entries(sizes).map(([path, size], i) => [path, { path, size, mtimeMs: 1, ino: i + 1 }])),
    folders: new Set(Object.keys(sizes).flatMap((p) => (p.includes('/') ? [p.slice(0, p.lastIndexOf('/'))] : []))),
    unreadable: [],
  };
  return planProject(settings, inventory);
}

/** The layout a build would produce for those sizes: each shipped file as it is, plus the runtime. */
function layoutOf(plan: Plan): OutputLayout {
  const shipped = plan.files.filter((f) => f.destination !== 'excluded');
  return {
    files: [
      ...shipped.map((f) => ({ source: f.path, out: f.path, package: f.package, remote: f.destination === 'remote', bytes: f.size, content: null })),
      { source: null, out: 'minigame-studio/runtime.js', package: '__GAME__', remote: false, bytes: RUNTIME_BYTES, content: null },
    ],
    remoteDir: shipped.some((f) => f.destination === 'remote') ? `${plan.settings.outDir}-res` : null,
    runtimeBytes: RUNTIME_BYTES,
  };
}

async function reportFor(sizes: Record<string, number>, projectFile: object = {}, overrides: SettingsOverrides = {}) {
  const plan = await planWithSizes({ 'game.js': 100, ...sizes }, projectFile, overrides);
  return buildReport(plan, layoutOf(plan));
}

describe('report', () => {
  it('sums the layout per package, lists excluded and remote files, and names the profile', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'images/a.png': Buffer.alloc(1000),
      'stage1/game.js': 'x'.repeat(50),
      'notes.md': 'n',
      'minigame-studio.json': json({ subpackages: [{ name: 'stage1', root: 'stage1/' }], remoteUrl: 'https://cdn.example.com/' }),
    });
    const plan = await planFor(project.dir);
    const layout = await layoutOutput(plan, createHashCache());
    const report = buildReport(plan, layout);
    for (const pkg of report.packages) {
      const own = layout.files.filter((f) => !f.remote && f.package === pkg.name);
      expect(pkg.bytes).toBe(own.reduce((t, f) => t + f.bytes, 0));
      expect(pkg.files).toBe(own.length);
    }
    expect(report.packages.map((p) => p.name)).toEqual(['__GAME__', 'stage1']);
    expect(report.totalBytes).toBe(report.packages.reduce((t, p) => t + p.bytes, 0));
    expect(report.remote).toMatchObject({ files: 1, bytes: 1000, dir: `${plan.settings.outDir}-res` });
    expect(report.excluded).toEqual([{ path: 'notes.md', reason: 'not-whitelisted', bytes: 1 }]);
    expect(report.files.find((f) => f.path === 'images/a.png')).toMatchObject({ remote: true, bytes: 1000 });
    expect(report).toMatchObject({ platform: 'wechat', profile: 'wechat-current', totalLimitBytes: 30 * MEGABYTE, sizesAre: 'estimated', outDir: plan.settings.outDir });
    expect(report.runtimeBytes).toBe(layout.runtimeBytes);
  });

  it('MAIN_PACKAGE_TOO_LARGE says how much a Remote URL would move off the main package', async () => {
    const report = await reportFor({ 'images/big.png': 3 * MEGABYTE, 'audio/theme.mp3': 2 * MEGABYTE, 'engine.js': 100, 'images/loading.png': MEGABYTE }, { keepInPackage: ['images/loading.png'] });
    const [problem] = problemsWith(report.problems, 'MAIN_PACKAGE_TOO_LARGE');
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toMatch(/over the wechat-current limit of 4\.00 MiB/);
    expect(problem?.message).toMatch(/Remote URL would move 5\.00 MiB/);
    expect(report.problems[0]?.code).toBe('MAIN_PACKAGE_TOO_LARGE');
  });

  it('MAIN_PACKAGE_TOO_LARGE says when a Remote URL would not be enough: the scripts left are still over the limit', async () => {
    // With game.js (100 B) and the runtime, the scripts come to 4.3 MiB.
    const sizes = { 'images/big.png': Math.round(2.9 * MEGABYTE), 'src/engine.js': 3 * MEGABYTE, 'src/levels.js': Math.round(1.3 * MEGABYTE) - RUNTIME_BYTES - 100 };
    const report = await reportFor(sizes, {});
    const [problem] = problemsWith(report.problems, 'MAIN_PACKAGE_TOO_LARGE');
    expect(problem?.message).toContain('a Remote URL would move 2.90 MiB; the scripts left would still be 4.30 MiB, over 4.00 MiB: move script folders into subpackages');
    expect(problem?.message).not.toMatch(/Setting a Remote URL would/);

    const enough = await reportFor({ ...sizes, 'src/engine.js': MEGABYTE }, {});
    const [fixable] = problemsWith(enough.problems, 'MAIN_PACKAGE_TOO_LARGE');
    expect(fixable?.message).toMatch(/Setting a Remote URL would move 2\.90 MiB .* leaving 2\.30 MiB/);
  });

  it('recomputes what a Remote URL would move when the settings change, for the same files', async () => {
    const plan = await planWithSizes({ 'images/big.png': 3 * MEGABYTE, 'audio/theme.mp3': 2 * MEGABYTE, 'images/loading.png': MEGABYTE }, { keepInPackage: ['images/loading.png'] });
    const message = (p: Plan): string | undefined => problemsWith(buildReport(p, layoutOf(p)).problems, 'MAIN_PACKAGE_TOO_LARGE')[0]?.message;
    expect(message(plan)).toMatch(/Remote URL would move 5\.00 MiB/);
    expect(message(plan)).toMatch(/Remote URL would move 5\.00 MiB/);
    // The same PlannedFile objects under new settings (as after editing keepInPackage).
    const nothingKept: Plan = { ...plan, settings: { ...plan.settings, keepInPackage: [] } };
    expect(message(nothingKept)).toMatch(/Remote URL would move 6\.00 MiB/);
  });

  it('INDEPENDENT_SUBPACKAGE_TOO_LARGE, and SUBPACKAGE_TOO_LARGE only for a profile with a subpackage limit', async () => {
    const subs = { subpackages: [{ name: 'share', root: 'share/', independent: true }, { name: 'big', root: 'big/' }] };
    const sizes = { 'share/game.js': 10, 'share/art.png': 5 * MEGABYTE, 'big/game.js': 10, 'big/map.png': 5 * MEGABYTE };
    const current = await reportFor(sizes, subs);
    expect(problemsWith(current.problems, 'INDEPENDENT_SUBPACKAGE_TOO_LARGE')).toMatchObject([{ severity: 'error', path: 'share/' }]);
    expect(problemsWith(current.problems, 'SUBPACKAGE_TOO_LARGE')).toEqual([]);
    const old = await reportFor(sizes, { ...subs, profile: 'wechat-2018' });
    expect(problemsWith(old.problems, 'SUBPACKAGE_TOO_LARGE').map((p) => p.path)).toEqual(['share/', 'big/']);
    expect(problemsWith(old.problems, 'TOTAL_TOO_LARGE')).toHaveLength(1);
  });

  it('TOTAL_TOO_LARGE against the profile, with 30 MiB for wechat-2020 and virtual payment', async () => {
    const subs = { subpackages: [1, 2, 3, 4, 5, 6].map((n) => ({ name: `s${n}`, root: `s${n}/` })), profile: 'wechat-2020' };
    const sizes = Object.fromEntries([1, 2, 3, 4, 5, 6].flatMap((n) => [[`s${n}/game.js`, 10], [`s${n}/data.bin`, 4 * MEGABYTE]]));
    const report = await reportFor(sizes, subs);
    expect(report.totalLimitBytes).toBe(20 * MEGABYTE);
    expect(problemsWith(report.problems, 'TOTAL_TOO_LARGE')[0]?.message).toMatch(/over the wechat-2020 limit of 20\.00 MiB/);
    const paid = await reportFor(sizes, { ...subs, wechat: { virtualPayment: true } });
    expect(paid.totalLimitBytes).toBe(30 * MEGABYTE);
    expect(problemsWith(paid.problems, 'TOTAL_TOO_LARGE')).toEqual([]);
  });

  it('NEAR_LIMIT at 95 % of a limit, as a warning; not below', async () => {
    const near = await reportFor({ 'images/a.png': Math.ceil(4 * MEGABYTE * 0.96) - 100 - RUNTIME_BYTES });
    expect(problemsWith(near.problems, 'NEAR_LIMIT')).toMatchObject([{ severity: 'warning' }]);
    expect(problemsWith(near.problems, 'NEAR_LIMIT')[0]?.message).toMatch(/The main package is .* 96\.0 % of the wechat-current limit/);
    const below = await reportFor({ 'images/a.png': Math.floor(4 * MEGABYTE * 0.9) });
    expect(below.problems).toEqual([]);
  });

  it('the Alipay profile: 4 MiB main, 20 MiB total', async () => {
    const report = await reportFor({ 'images/a.png': 5 * MEGABYTE }, {}, { platform: 'alipay' });
    expect(report.profile).toBe('alipay-current');
    expect(report.totalLimitBytes).toBe(20 * MEGABYTE);
    expect(problemsWith(report.problems, 'MAIN_PACKAGE_TOO_LARGE')).toHaveLength(1);
  });

  it('sorts errors before warnings', async () => {
    const report = await reportFor({ 'notes.md': 1, 'images/a.png': 5 * MEGABYTE });
    expect(report.problems.map((p) => p.severity)).toEqual(['error', 'warning']);
  });
});
