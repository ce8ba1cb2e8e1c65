/**
 * Data safety through the StudioApi (the app's Build button, its Output folder and Cancel): a
 * user's file or folder at OUT, OUT-res, OUT.report.json or the studio's folder and cache beside
 * OUT fails the build with a message naming it, and stays byte-identical through build, rebuild
 * and cancel.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locationsFor, type Locations } from '../output/locations.js';
import { snapshotOf } from '../output/test-support/safety-fixture.js';
import { type Studio } from './create-studio.js';
import { eventRecorder, makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;
let events: ReturnType<typeof eventRecorder>;
let locations: Locations;

beforeEach(async () => {
  work = await makeWorkspace();
  events = eventRecorder();
  studio = studioFor(work, { emit: events.emit });
  const out = join(work.project, 'build', 'wechatgame');
  locations = locationsFor(out, `${out}-res`);
  await studio.openProject({ dir: work.project });
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

async function build() {
  const done = events.next('build:done');
  const { jobId } = await studio.startBuild({});
  const result = await done;
  expect(result.jobId).toBe(jobId);
  return result;
}

const userThings: Record<string, (l: Locations) => Promise<string>> = {
  'a file at OUT': async ({ out }) => {
    await mkdir(join(out, '..'), { recursive: true });
    await writeFile(out, 'thesis, final version');
    return out;
  },
  'a folder at OUT-res': async ({ res }) => {
    await mkdir(res, { recursive: true });
    await writeFile(join(res, 'photo.jpg'), 'holiday');
    return res;
  },
  'a file at OUT.report.json': async ({ report }) => {
    await mkdir(join(report, '..'), { recursive: true });
    await writeFile(report, '{"mine": true}');
    return report;
  },
  "a folder where the studio's folder and cache go": async ({ state }) => {
    await mkdir(state, { recursive: true });
    await writeFile(join(state, 'cache.json'), 'mine');
    await writeFile(join(state, 'diary.txt'), 'mine');
    return state;
  },
};

describe('the Build button never replaces what the user put at its paths', () => {
  for (const [what, place] of Object.entries(userThings)) {
    it(`fails, naming ${what}, on a first build and a rebuild, and leaves it byte-identical`, async () => {
      const path = await place(locations);
      const before = await snapshotOf(path);
      const first = await build();
      expect(first).toMatchObject({ status: 'failed', exitCode: 1 });
      expect(first.message).toContain(path);
      expect(first.message).toMatch(/Nothing was changed\.$/);
      expect(await snapshotOf(path)).toEqual(before);

      await rm(path, { recursive: true });
      expect((await build()).status).toBe('built');
      await rm(path, { recursive: true, force: true });
      await place(locations);
      expect((await build()).status).toBe('failed');
      expect(await snapshotOf(path)).toEqual(before);
    });
  }

  it('refuses an Output folder that is a file of the user, naming it', async () => {
    const thesis = join(work.root, 'thesis.docx');
    await writeFile(thesis, 'Chapter 1');
    await studio.updateProject({ patch: { outDir: { wechat: thesis } } });
    const result = await build();
    expect(result).toMatchObject({ status: 'failed', outDir: thesis });
    expect(result.message).toContain(`The output folder ${thesis} is a file`);
    expect(await snapshotOf(thesis)).toEqual({ '.': `file ${Buffer.from('Chapter 1').toString('base64')}` });
  });

  it("keeps DevTools' file in OUT and a user file at the cache through a rebuild and a cancel", async () => {
    expect((await build()).status).toBe('built');
    const privateConfig = join(locations.out, 'project.private.config.json');
    await writeFile(privateConfig, '{"setting":{"urlCheck":false}}');
    await rm(locations.cache);
    await writeFile(locations.cache, 'mine, not a cache');
    const kept = async () => ({ config: await snapshotOf(privateConfig), cache: await snapshotOf(locations.cache) });
    const before = await kept();

    await writeFile(join(work.project, 'levels.js'), '// changed\nmodule.exports = [];\n');
    expect((await build()).status).toBe('built');
    expect(await kept()).toEqual(before);

    await writeFile(join(work.project, 'levels.js'), '// changed again\nmodule.exports = [];\n');
    const done = events.next('build:done');
    const { jobId } = await studio.startBuild({});
    await studio.cancelBuild({ jobId });
    expect(await done).toMatchObject({ jobId, status: 'cancelled' });
    expect(await kept()).toEqual(before);
  });
});
