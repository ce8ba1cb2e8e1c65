/** The static scans of scripts: requires and string literals that cross a boundary or name a file that won't ship. */
import { utimes } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { planProject } from '../plan.js';
import { scan } from '../scan.js';
import { resolveSettings } from '../settings.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from '../test-support/make-project.js';
import { planFor, problemsWith } from '../test-support/plan-for.js';
import { createScriptCache, extractRefs } from './script-refs.js';

afterAll(removeProjects);

const WITH_SUBPACKAGES = json({
  subpackages: [
    { name: 'stage1', root: 'stage1/' },
    { name: 'stage2', root: 'stage2/' },
    { name: 'share', root: 'share/', independent: true },
  ],
  openDataContext: 'odc',
});

async function problemsOf(files: Record<string, string>, overrides = {}) {
  const project = await makeProject({ ...MINIMAL_GAME, 'stage1/game.js': '', 'stage2/game.js': '', 'share/game.js': '', 'odc/index.js': '', 'game.json': WITH_SUBPACKAGES, ...files });
  return (await planFor(project.dir, overrides)).problems;
}

describe('script scans', () => {
  it('finds require/import specifiers and path-like string literals', () => {
    const refs = extractRefs(`
      const a = require('./lib/a'); import b from "../b.js"; import('./c.js');
      const img = wx.createImage(); img.src = 'images/hero.png'; const s = "sounds/boom.mp3";
      const url = 'https://cdn.example.com/x.png'; const word = 'hello'; const tpl = \`images/\${n}.png\`;
    `);
    expect(refs.requires).toEqual(['./lib/a', '../b.js', './c.js']);
    expect(refs.literals).toEqual(['images/hero.png', 'sounds/boom.mp3']);
  });

  it('INDEPENDENT_SUBPACKAGE_DEPENDENCY: a require or a named asset outside the root', async () => {
    const problems = await problemsOf({
      'share/game.js': "const util = require('../lib/util'); const own = require('./own'); const bg = 'images/bg.png'; const m = 'medal.png';",
      'share/own.js': '',
      'share/medal.png': '',
      'lib/util.js': '',
      'images/bg.png': '',
    });
    const found = problemsWith(problems, 'INDEPENDENT_SUBPACKAGE_DEPENDENCY');
    expect(found.map((p) => [p.severity, p.path])).toEqual([
      ['error', 'share/game.js'],
      ['error', 'share/game.js'],
    ]);
    expect(found[0]?.message).toMatch(/requires '\.\.\/lib\/util'.*main package/);
    expect(found[1]?.message).toMatch(/names 'images\/bg\.png'/);
  });

  it('OPEN_DATA_CONTEXT_DEPENDENCY: a require across the boundary, either way', async () => {
    const problems = await problemsOf({
      'game.js': "require('./odc/rank.js');",
      'odc/index.js': "require('../lib/shared'); require('./rank');",
      'odc/rank.js': '',
      'lib/shared.js': '',
    });
    expect(problemsWith(problems, 'OPEN_DATA_CONTEXT_DEPENDENCY').map((p) => p.path)).toEqual(['game.js', 'odc/index.js']);
    // Not on Alipay, which has no open data context.
    expect(problemsWith(await problemsOf({ 'game.js': "require('./odc/rank.js');", 'odc/rank.js': '' }, { platform: 'alipay' }), 'OPEN_DATA_CONTEXT_DEPENDENCY')).toEqual([]);
  });

  it('SUBPACKAGE_CROSS_REFERENCE: a subpackage requiring another one is a warning; requiring main is fine', async () => {
    const problems = await problemsOf({
      'stage1/game.js': "require('../stage2/boss'); require('/lib/util.js');",
      'stage2/boss.js': '',
      'lib/util.js': '',
    });
    expect(problemsWith(problems, 'SUBPACKAGE_CROSS_REFERENCE')).toMatchObject([{ severity: 'warning', path: 'stage1/game.js' }]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('REFERENCED_FILE_NOT_UPLOADED: a script naming an excluded or non-whitelisted file', async () => {
    const problems = await problemsOf({
      'game.js': "const level = 'levels/one.yaml'; const art = 'docs/cover.png'; const fine = 'images/ok.png';",
      'levels/one.yaml': '',
      'docs/cover.png': '',
      'images/ok.png': '',
      'minigame-studio.json': json({ exclude: ['docs/**'] }),
    });
    const found = problemsWith(problems, 'REFERENCED_FILE_NOT_UPLOADED');
    expect(found).toHaveLength(2);
    const messages = found.map((p) => p.message).join('\n');
    expect(messages).toMatch(/docs\/cover\.png will not be uploaded \(it matches "exclude"/);
    expect(messages).toMatch(/levels\/one\.yaml will not be uploaded \(its type is not on the upload whitelist\)/);
    expect(found.every((p) => p.severity === 'error' && p.path === 'game.js')).toBe(true);
  });

  it('reads a script again only when it changed', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'a.js': "require('./b')", 'b.js': '' });
    const settings = await resolveSettings(project.dir);
    const scripts = createScriptCache();
    await planProject(settings, await scan(project.dir), { scripts });
    expect(scripts.reads).toBe(3);
    await planProject(settings, await scan(project.dir), { scripts });
    expect(scripts.reads).toBe(3);
    await utimes(project.path('b.js'), new Date(), new Date(Date.now() + 5000));
    await planProject(settings, await scan(project.dir), { scripts });
    expect(scripts.reads).toBe(4);
  });
});
