/** The script graph: what each script requires and names, followed from an entry, shared by the checks and the fit planner. */
import { afterAll, describe, expect, it } from 'vitest';
import { planProject } from '../plan.js';
import { scan } from '../scan.js';
import { resolveSettings } from '../settings.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from '../test-support/make-project.js';
import { buildScriptGraph, reachFrom } from './script-graph.js';
import { createScriptCache, extractRefs } from './script-refs.js';

afterAll(removeProjects);

describe('script references', () => {
  it('a computed require is marked, as written; a definition or a method named require is not', () => {
    const refs = extractRefs(
      "const a = require('./a'); const b = require(name); const c = require('./levels/' + n); function require(x) {} loader.require(y); const d = require(`lv/${n}`); const e = require(`./e.js`);",
    );
    expect(refs.requires).toEqual(['./a', './e.js']);
    expect(refs.dynamic).toEqual(['require(name)', "require('./levels/' + n)", 'require(`lv/${n}`)']);
  });

  it('re-exports are requires; every short string gives its file name and stem as evidence', () => {
    const refs = extractRefs("export * from './e'; export { f } from \"./f.js\"; const v = 'video/intro-old.mp4'; play('boss');");
    expect(refs.requires).toEqual(['./e', './f.js']);
    expect(refs.names).toEqual(expect.arrayContaining(['intro-old.mp4', 'intro-old', 'boss']));
  });
});

describe('the graph of a project', () => {
  it('follows requires from the entry, and the names a script or a JSON file gives', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'game.js': "require('./js/main'); const cfg = 'data/levels.json';",
      'js/main.js': "import hud from './hud.js';",
      'js/hud.js': "const img = 'images/hud.png';",
      'js/unused.js': "require('./never');",
      'js/never.js': '',
      'data/levels.json': json({ background: 'images/sky.jpg' }),
      'images/hud.png': '',
      'images/sky.jpg': '',
      'images/other.png': '',
    });
    const settings = await resolveSettings(project.dir);
    const scripts = createScriptCache();
    const plan = await planProject(settings, await scan(project.dir), { scripts });
    const readsByPlan = scripts.reads;
    // The plan's checks made the script graph: the planner adds the text files on top, reading no script again.
    expect(plan.graph?.nodes.has('js/main.js')).toBe(true);
    const byPath = new Map(plan.files.map((f) => [f.path, f]));
    const graph = await buildScriptGraph({ settings, files: plan.files, byPath, scripts }, { withText: true, reuse: plan.graph });
    expect(scripts.reads).toBe(readsByPlan + 1); // data/levels.json only
    const reach = reachFrom(graph, ['game.js']);
    expect([...reach.files].sort()).toEqual(['data/levels.json', 'game.js', 'images/hud.png', 'images/sky.jpg', 'js/hud.js', 'js/main.js']);
    expect(reach.dynamic).toEqual([]);
  });

  it('lists the reached scripts that load others by a computed name', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'game.js': "require('./js/loader')", 'js/loader.js': "module.exports = (n) => require('./levels/' + n);" });
    const settings = await resolveSettings(project.dir);
    const plan = await planProject(settings, await scan(project.dir));
    expect(plan.graph && reachFrom(plan.graph, ['game.js']).dynamic).toEqual([{ path: 'js/loader.js', calls: ["require('./levels/' + n)"] }]);
  });
});
