/** The studio beyond opening and building: tools, serve-remote, preferences, a broken project file. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { installFakeWechatDevtools, readFakeCalls } from '../devtools/fixtures/fake-tools.js';
import { type Studio } from './create-studio.js';
import { eventRecorder, makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;
let events: ReturnType<typeof eventRecorder>;

beforeEach(async () => {
  work = await makeWorkspace();
  events = eventRecorder();
  studio = studioFor(work, { emit: events.emit, locale: 'zh-CN' });
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

describe('preferences through the studio', () => {
  it('takes the language from the locale, and a patch of one field keeps the others', async () => {
    expect((await studio.getPreferences({})).language).toBe('zh-CN');
    await studio.setPreferences({ patch: { wechatDevtoolsPath: '/opt/wechat' } });
    const prefs = await studio.setPreferences({ patch: { language: 'en' } });
    expect(prefs).toMatchObject({ language: 'en', wechatDevtoolsPath: '/opt/wechat' });
  });
});

describe('developer tools', () => {
  it('with no path set, Play fails with the way out to Preferences and runs nothing', async () => {
    await studio.openProject({ dir: work.project });
    const result = await studio.runTool({ action: 'play' });
    expect(result.ok).toBe(false);
    // The test machines have no WeChat DevTools installed or on PATH.
    expect(result.failure).toBe('no-path');
  });

  it('runs the tool from Preferences on a fresh build and streams its output as tool:log events', async () => {
    const fake = await installFakeWechatDevtools(join(work.root, 'devtools'), 'install-folder');
    await studio.setPreferences({ patch: { wechatDevtoolsPath: fake.preference } });
    await studio.openProject({ dir: work.project });
    expect((await studio.locateTools({})).find((t) => t.platform === 'wechat')).toMatchObject({ cli: fake.cli, source: 'preferences' });

    const result = await studio.runTool({ action: 'play' });
    expect(result).toMatchObject({ ok: true, failure: null });
    const calls = await readFakeCalls(fake.record);
    expect(calls.at(-1)?.argv).toEqual(expect.arrayContaining(['open', '--project', join(work.project, 'build', 'wechatgame')]));
    expect(events.of('tool:log').some((log) => log.stream === 'studio' && log.line.includes(fake.cli))).toBe(true);
  });
});

describe('serve from this computer', () => {
  it('builds with this computer as the Remote URL, shows it in the state, and switches back', async () => {
    await studio.openProject({ dir: work.project });
    const on = await studio.setServeRemote({ enabled: true });
    expect(on.enabled).toBe(true);
    expect(on.url).toMatch(/^http:\/\/[\d.]+:\d+\/$/);
    const state = await studio.getProject({});
    expect(state.serveRemote).toEqual(on);
    expect(state.effective.remoteUrl).toBe(on.url);

    expect(await studio.setServeRemote({ enabled: false })).toEqual({ enabled: false, url: null });
    expect((await studio.getProject({})).effective.remoteUrl).toBe('');
  });
});

describe('a project file broken on disk', () => {
  it('opens in an error state that names the problem, refuses edits, and recovers when the file is fixed', async () => {
    await writeFile(join(work.project, PROJECT_FILE_NAME), '{ "md5Cache": "yes" }');
    const state = await studio.openProject({ dir: work.project });
    expect(state.error).toContain('md5Cache');
    expect(state.report).toBeNull();
    await expect(studio.updateProject({ patch: { md5Cache: true } })).rejects.toMatchObject({ code: 'PROJECT_UNREADABLE' });

    const recovered = events.next('project:changed', (s) => s.error === null && s.report !== null);
    await writeFile(join(work.project, PROJECT_FILE_NAME), '{ "md5Cache": true }');
    expect((await recovered).effective.md5Cache).toBe(true);
  });
});
