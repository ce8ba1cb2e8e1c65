/** The fit planner on real game folders: what it proposes, the sizes the engine computes for each plan, and apply/undo of the project file. */
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MEGABYTE } from '../../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { analyseProject } from '../index.js';
import { json, makeProject, removeProjects } from '../test-support/make-project.js';
import { applyFitPlan, undoFitPlan } from './apply.js';
import { fitProject } from './index.js';

afterAll(removeProjects);

const main = (sizes: { packages: readonly { name: string; bytes: number; status: string }[] }) => sizes.packages.find((p) => p.name === MAIN_PACKAGE);

/** A script of about `bytes` bytes that parses. */
function bigScript(bytes: number): string {
  const line = 'var filler = "0123456789012345678901234567890123456789";\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

describe('fit: a 7 MiB game whose scripts fit', () => {
  it('proposes a Remote URL first, which fits by the real pipeline, and needs the URL before it is applied', async () => {
    const project = await makeProject({
      'game.js': "require('./js/main.js'); const data = 'data/music.json';",
      'js/main.js': "const bg = 'images/bg.jpg';",
      'game.json': json({ deviceOrientation: 'portrait' }),
      'data/music.json': json({ tracks: ['music/a.mp3', 'music/b.mp3'] }),
      'images/bg.jpg': randomBytes(3 * MEGABYTE),
      'music/a.mp3': randomBytes(2 * MEGABYTE),
      'music/b.mp3': randomBytes(2 * MEGABYTE),
    });
    const { answer } = await fitProject(project.dir);
    expect(answer.pressed).toBe(true);
    expect(answer.summary.join(' ')).toMatch(/The main package is 7\.\d\d MiB, over its limit of 4\.00 MiB/);
    const first = answer.plans[0];
    expect(first).toMatchObject({ id: 1, safe: true, fits: true, actions: [{ kind: 'remote-url', files: 4, codeChange: null }] });
    expect(first?.needsInput[0]?.field).toBe('remoteUrl');
    expect(first?.actions[0]?.limits.join(' ')).toMatch(/Scripts can't be served from a Remote URL/);
    // The plan's result is what the engine reports once the setting is there, byte for byte.
    const withUrl = await analyseProject(project.dir, { remoteUrl: first?.settings.remoteUrl as string });
    expect(main(first?.result ?? { packages: [] })?.bytes).toBe(withUrl.report.packages[0]?.bytes);
    expect(first?.result.remoteBytes).toBe(withUrl.report.remote?.bytes);

    await expect(applyFitPlan(project.dir, first!, {})).rejects.toThrow(/can't be applied as it is\. A Remote URL is needed.*--remote-url URL/s);
    await expect(readFile(project.path('minigame-studio.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('fit: scripts alone over 4 MiB', () => {
  it('claims no plan fits and names the scripts reachable from game.js', async () => {
    const project = await makeProject({
      'game.js': "require('./js/engine.js'); const bg = 'images/bg.png';",
      'js/engine.js': bigScript(4.3 * MEGABYTE),
      'game.json': json({}),
      'images/bg.png': randomBytes(MEGABYTE),
      'video/intro-old.mp4': randomBytes(MEGABYTE / 2),
    });
    const { answer } = await fitProject(project.dir);
    expect(answer.plans.length).toBeGreaterThan(0);
    expect(answer.plans.every((p) => !p.fits)).toBe(true);
    expect(answer.plans.every((p) => main(p.result)?.status === 'over')).toBe(true);
    expect(answer.left).toMatch(/4\.\d\d MiB of scripts reachable from game\.js must ship in it \(js\/engine\.js 4\.\d\d MiB/);
    const remote = answer.plans.find((p) => p.actions[0]?.kind === 'remote-url');
    expect(remote?.actions[0]?.limits.join(' ')).toMatch(/^Not enough on its own: the main package would still be 4\.\d\d MiB, over 4\.00 MiB\. Scripts can't be served/);
  });
});

describe('fit: a budget', () => {
  it('a package within 10 % of its budget gets plans, judged against the budget, not the limit', async () => {
    const project = await makeProject({
      'game.js': "const bg = 'images/bg.png';",
      'game.json': json({}),
      'minigame-studio.json': json({ budgets: { __GAME__: '2 MiB' } }),
      'images/bg.png': randomBytes(1.9 * MEGABYTE),
    });
    const { answer } = await fitProject(project.dir);
    expect(answer.current.packages[0]).toMatchObject({ status: 'near', budgetBytes: 2 * MEGABYTE, limitBytes: 4 * MEGABYTE });
    expect(answer.summary).toEqual([expect.stringMatching(/^The main package is 1\.9\d MiB, within 10 % of its budget of 2\.00 MiB\.$/)]);
    expect(answer.plans[0]).toMatchObject({ fits: true, result: { packages: [{ status: 'ok' }] } });
  });
});

describe('fit: subpackage candidates and a computed require', () => {
  const files = {
    'game.js': "require('./js/loader.js');",
    'game.json': json({}),
    'levels/game.js': "const map = 'levels/map.bin';",
    'levels/map.bin': randomBytes(4 * MEGABYTE),
    'images/hud.png': randomBytes(MEGABYTE / 4),
  };

  it('a folder the main package never reaches is a candidate, with what the code must do', async () => {
    const project = await makeProject({ ...files, 'js/loader.js': "const hud = 'images/hud.png';" });
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.actions.some((a) => a.kind === 'subpackage'));
    expect(plan).toMatchObject({ fits: true, safe: false, safety: 'code-change', settings: { subpackages: [{ name: 'levels', root: 'levels/' }] } });
    expect(plan?.actions[0]?.codeChange).toMatch(/wx\.loadSubpackage\(\{ name: 'levels' \}\).*nothing in the main package requires or names a file in levels\//);
    expect(plan?.actions[0]?.uncertain).toEqual([]);
    expect(plan?.result.packages.find((p) => p.name === 'levels')?.bytes).toBeGreaterThan(4 * MEGABYTE);
  });

  it('a computed require in a reached script marks the conclusions that depend on it', async () => {
    const project = await makeProject({ ...files, 'js/loader.js': "const hud = 'images/hud.png'; module.exports = (n) => require('../levels/' + n);" });
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.actions.some((a) => a.kind === 'subpackage'));
    expect(plan?.safe).toBe(false);
    expect(plan?.actions[0]?.uncertain).toEqual([
      "not certain: js/loader.js loads scripts by computed name (require('../levels/' + n)), so it may load a script of this folder.",
    ]);
    // A conclusion that does not follow requires (a Remote URL, unused files) is not marked.
    for (const other of answer.plans.filter((p) => p.actions.every((a) => a.kind !== 'subpackage'))) {
      expect(other.actions.flatMap((a) => a.uncertain)).toEqual([]);
    }
  });
});

describe('fit: a folder without its own game.js', () => {
  const files = {
    'game.js': "require('./js/hud.js');",
    'js/hud.js': "const hud = 'images/hud.png';",
    'game.json': json({}),
    'stage2/main.js': "const map = 'stage2/map.bin';",
    'stage2/map.bin': randomBytes(4 * MEGABYTE),
    'images/hud.png': randomBytes(MEGABYTE / 4),
  };

  it('is proposed saying what to add, never as fitting; once game.js is there, the same folder fits', async () => {
    const project = await makeProject(files);
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.settings.subpackages?.some((s) => s.root === 'stage2/'));
    expect(plan).toMatchObject({ fits: false, safety: 'code-change', title: 'Move stage2/ into a subpackage, once it has a game.js' });
    expect(plan?.actions[0]?.codeChange).toMatch(/^Add stage2\/game\.js, the subpackage's entry \(requiring the folder's scripts it needs first \(require\('\.\/main\.js'\)\)\); then call wx\.loadSubpackage/);
    expect(plan?.actions[0]?.limits.join(' ')).toMatch(/Not a valid subpackage as it is.*SUBPACKAGE_ENTRY_MISSING/);
    expect(plan?.newErrors.join(' ')).toMatch(/stage2\/game\.js does not exist/);
    // Ranked after every plan that brings no error of its own, and in no combination.
    const index = answer.plans.indexOf(plan!);
    expect(answer.plans.slice(index + 1).every((p) => p.newErrors.length > 0 || p.safety !== 'code-change')).toBe(true);

    await project.write('stage2/game.js', "require('./main.js');");
    const after = (await fitProject(project.dir)).answer.plans.find((p) => p.settings.subpackages?.some((s) => s.root === 'stage2/'));
    expect(after).toMatchObject({ fits: true, title: 'Move stage2/ into a subpackage', newErrors: [] });
  });

  it('an excluded game.js is no entry: the folder is not proposed as fitting', async () => {
    const project = await makeProject({ ...files, 'stage2/game.js': "require('./main.js');", 'minigame-studio.json': json({ exclude: ['stage2/game.js'] }) });
    const { answer } = await fitProject(project.dir);
    const plans = answer.plans.filter((p) => p.settings.subpackages?.some((s) => s.root === 'stage2/'));
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((p) => !p.fits)).toBe(true);
    expect(plans[0]?.actions[0]?.limits.join(' ')).toMatch(/stage2\/ has none that ships \(it is excluded\)/);
  });
});

describe('fit: probably unused files', () => {
  it('a file nothing names is listed to exclude, with the evidence; a file named inside a JSON is not', async () => {
    const project = await makeProject({
      'game.js': "const cfg = 'data/levels.json'; const music = 'theme';",
      'game.json': json({}),
      'data/levels.json': json({ levels: [{ background: 'images/sky-big.jpg' }] }),
      'images/sky-big.jpg': randomBytes(2 * MEGABYTE),
      'audio/theme.mp3': randomBytes(MEGABYTE),
      'video/intro-old.mp4': randomBytes(2 * MEGABYTE),
    });
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.actions.some((a) => a.kind === 'exclude-unused'));
    const action = plan?.actions[0];
    expect(action?.examples.map((e) => e.path)).toEqual(['video/intro-old.mp4']);
    expect(action?.safety).toBe('probable');
    expect(action?.evidence.join(' ')).toMatch(/None of the 1 scripts and 1 text files/);
    expect(plan?.settings).toEqual({ exclude: ['video/intro-old.mp4'] });
    expect(plan?.fits).toBe(true);
    // Listed, never removed: the file is still there after the plan is applied.
    await applyFitPlan(project.dir, plan!);
    expect((await readFile(project.path('video/intro-old.mp4'))).length).toBe(2 * MEGABYTE);
  });
});

describe('fit: a file with a .json name that is not text', () => {
  it('names nothing (a NUL byte), so what only it seems to name is listed as unused, and it is itself', async () => {
    const packed = Buffer.concat([Buffer.from([0x13, 0x20, 0x00, 0x00]), Buffer.from("'images/sky.png'")]);
    const project = await makeProject({
      'game.js': "const pack = 'data/pack.json';",
      'game.json': json({}),
      'data/pack.json': packed,
      'data/levels.json': json({ background: 'images/sea.png' }),
      'images/sky.png': randomBytes(2 * MEGABYTE),
      'images/sea.png': randomBytes(3 * MEGABYTE),
    });
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.actions.some((a) => a.kind === 'exclude-unused'));
    // sea.png is named by a text file (itself unnamed, but read); sky.png only by the packed bytes.
    expect(plan?.settings.exclude).toEqual(['images/sky.png', 'data/levels.json']);
  });
});

describe('fit: apply and undo', () => {
  it('writes only the plan settings, keeps comments and unknown keys, and Undo restores the bytes exactly', async () => {
    const original = '// the team\'s settings\n{\n  "md5Cache": true, /* keep */\n  "exclude": ["docs/**"],\n  "ourTool": { "x": 1 }\n}\n';
    const project = await makeProject({
      'game.js': '',
      'game.json': json({}),
      'minigame-studio.json': original,
      'video/intro-old.mp4': randomBytes(4 * MEGABYTE),
    });
    const { answer } = await fitProject(project.dir);
    const plan = answer.plans.find((p) => p.actions.some((a) => a.kind === 'exclude-unused'));
    const applied = await applyFitPlan(project.dir, plan!);
    const written = await readFile(project.path('minigame-studio.json'), 'utf8');
    expect(written).toContain("// the team's settings");
    expect(written).toContain('/* keep */');
    expect(written).toContain('"ourTool"');
    expect(written).toMatch(/"exclude": \[\s*"docs\/\*\*",\s*"video\/intro-old\.mp4"\s*\]/);
    expect(applied.changes).toEqual(['exclude: + video/intro-old.mp4']);
    expect((await analyseProject(project.dir)).report.packages[0]?.bytes).toBeLessThan(MEGABYTE);

    await undoFitPlan(applied);
    expect(await readFile(project.path('minigame-studio.json'), 'utf8')).toBe(original);
  });

  it('Undo removes a project file the plan created, and refuses when the file was edited since', async () => {
    const project = await makeProject({ 'game.js': '', 'game.json': json({}), 'video/old.mp4': randomBytes(4 * MEGABYTE) });
    const plan = (await fitProject(project.dir)).answer.plans.find((p) => p.needsInput.length === 0);
    const applied = await applyFitPlan(project.dir, plan!);
    await undoFitPlan(applied);
    await expect(readFile(project.path('minigame-studio.json'))).rejects.toThrow(/ENOENT/);

    const again = await applyFitPlan(project.dir, plan!);
    await project.write('minigame-studio.json', '{ "md5Cache": true }\n');
    await expect(undoFitPlan(again)).rejects.toThrow(/changed after the plan was applied/);
    expect(await readFile(project.path('minigame-studio.json'), 'utf8')).toBe('{ "md5Cache": true }\n');
  });
});
