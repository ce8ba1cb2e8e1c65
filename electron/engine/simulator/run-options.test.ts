/**
 * What a simulator run takes from the project: simulator.domains (one list or four), urlCheck from
 * the project file or OUT/project.config.json, fakes (a path or inline), an independent
 * subpackage to start in; each mistake named by file and field.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../settings.js';
import { indexBuild } from './build-index.js';
import { projectRunOptions } from './run-options.js';
import { removeProjects, writeProject } from './test-support/run-cli.js';

afterAll(removeProjects);

async function settingsOf(files: Record<string, string>) {
  const dir = await writeProject({ 'game.js': '', 'game.json': '{}', ...files });
  return { dir, settings: await resolveSettings(dir, { platform: 'wechat' }) };
}

describe('projectRunOptions', () => {
  it('spreads one domain list over every kind of call, keeps four lists apart, and reads fakes from a path', async () => {
    const { settings } = await settingsOf({
      'minigame-studio.json': JSON.stringify({ simulator: { domains: ['https://api.example.com'], urlCheck: false, fakes: 'fakes.json' } }),
      'fakes.json': '{ "login": { "success": { "code": "c" } } }',
    });
    const options = await projectRunOptions(settings, {});
    expect(options.domains).toEqual({ request: ['https://api.example.com'], socket: ['https://api.example.com'], uploadFile: ['https://api.example.com'], downloadFile: ['https://api.example.com'] });
    expect(options.urlCheck).toBe(false);
    expect(options.fakes).toEqual({ login: { success: { code: 'c' } } });
    const four = await settingsOf({ 'minigame-studio.json': JSON.stringify({ simulator: { domains: { socket: ['wss://live.example.com'] } } }) });
    expect((await projectRunOptions(four.settings, {})).domains).toEqual({ request: [], socket: ['wss://live.example.com'], uploadFile: [], downloadFile: [] });
  });

  it('names a domain that is not an address, and a fakes field of the wrong shape', async () => {
    const bad = await settingsOf({ 'minigame-studio.json': JSON.stringify({ simulator: { domains: { request: ['api.example.com'] } } }) });
    await expect(projectRunOptions(bad.settings, {})).rejects.toThrow('minigame-studio.json: simulator.domains.request holds "api.example.com", which is not an address like https://api.example.com.');
    const fakes = await settingsOf({ 'minigame-studio.json': JSON.stringify({ simulator: { fakes: { rewardedVideoAd: { error: { errCode: 'x' } } } } }) });
    await expect(projectRunOptions(fakes.settings, {})).rejects.toThrow(/^minigame-studio\.json: simulator\.fakes at "rewardedVideoAd\.error\.errCode"/);
  });

  it('starts only in an independent subpackage, listing them otherwise', async () => {
    const { settings } = await settingsOf({
      'minigame-studio.json': JSON.stringify({ subpackages: [{ name: 'stage', root: 'stage/' }, { name: 'share', root: 'share/', independent: true }] }),
      'stage/game.js': '',
      'share/game.js': '',
    });
    expect((await projectRunOptions(settings, { subpackage: 'share' })).subpackage).toBe('share');
    await expect(projectRunOptions(settings, { subpackage: 'nope' })).rejects.toThrow('--subpackage nope: there is no subpackage of that name; the independent subpackages are share.');
  });

  it("takes urlCheck from the build's project.config.json, on unless it says false", async () => {
    const off = await writeProject({ 'game.json': '{}', 'game.js': '', 'project.config.json': JSON.stringify({ appid: 'wx0123456789abcdef', setting: { urlCheck: false } }) });
    expect(await indexBuild(off, 'wechat')).toMatchObject({ urlCheck: false, appid: 'wx0123456789abcdef' });
    const absent = await writeProject({ 'game.json': '{ "workers": { "path": "workers" } }', 'game.js': '' });
    expect(await indexBuild(absent, 'wechat')).toMatchObject({ urlCheck: true, appid: '', workers: 'workers/' });
  });
});
