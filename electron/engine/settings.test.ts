import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../shared/problems.js';
import { isStudioError } from './errors.js';
import { resolveSettings } from './settings.js';
import { json, makeProject, removeProjects } from './test-support/make-project.js';

afterAll(removeProjects);

async function studioError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isStudioError(error)) throw new Error(`expected a StudioError, got ${String(error)}`);
  return error;
}

describe('settings', () => {
  it('imports a WeChat quick-start folder: orientation, appid, projectname, libVersion from its own files', async () => {
    const project = await makeProject({
      'game.js': '',
      'game.json': json({ deviceOrientation: 'landscape', showStatusBar: false, networkTimeout: { request: 5000 } }),
      'project.config.json': json({ appid: 'wx0123456789abcdef', projectname: 'quick', libVersion: '2.30.0', compileType: 'game' }),
    });
    const settings = await resolveSettings(project.dir);
    expect(settings).toMatchObject({
      projectDir: project.dir,
      sourceDir: project.dir,
      projectFile: null,
      platform: 'wechat',
      entry: 'game.js',
      orientation: 'landscape',
      appid: 'wx0123456789abcdef',
      md5Cache: false,
      remoteUrl: '',
      subpackages: [],
      openDataContext: null,
      wechat: { libVersion: '2.30.0', virtualPayment: false, projectname: 'quick' },
      outDir: join(project.dir, 'build/wechatgame'),
    });
    expect(settings.profile.id).toBe('wechat-current');
    expect(settings.gameJson).toEqual({ showStatusBar: false, networkTimeout: { request: 5000 } });
    expect(settings.problems).toEqual([]);
  });

  it('opens a repository whose game sits in miniprogram/ (project.config.json miniprogramRoot)', async () => {
    const project = await makeProject({
      'project.config.json': json({ appid: 'wx0123456789abcdef', miniprogramRoot: 'miniprogram/' }),
      'minigame-studio.json': json({ md5Cache: true }),
      'miniprogram/game.js': '',
      'miniprogram/game.json': json({ openDataContext: 'odc', subpackages: [{ name: 's', root: 'stage' }] }),
    });
    const settings = await resolveSettings(project.dir);
    expect(settings.sourceDir).toBe(project.path('miniprogram'));
    expect(settings.projectDir).toBe(project.dir);
    expect(settings.md5Cache).toBe(true);
    expect(settings.openDataContext).toBe('odc/');
    expect(settings.subpackages).toEqual([{ name: 's', root: 'stage/', independent: false }]);
    expect(settings.outDir).toBe(project.path('build/wechatgame'));
  });

  it('reads a Cocos-like build: subPackages spelling, independent flags, roots without a slash, extra fields kept', async () => {
    const project = await makeProject({
      'game.js': '',
      'game.json': json({
        deviceOrientation: 'portrait',
        subPackages: [
          { name: 'resources', root: 'subpackages/resources' },
          { name: 'share', root: '/subpackages/share/', independent: true, plugins: { p: { provider: 'x', version: '1' } } },
          { root: 'single.js' },
        ],
        iOSHighPerformance: true,
      }),
    });
    const settings = await resolveSettings(project.dir);
    expect(settings.subpackages).toEqual([
      { name: 'resources', root: 'subpackages/resources/', independent: false },
      { name: 'share', root: 'subpackages/share/', independent: true, extra: { plugins: { p: { provider: 'x', version: '1' } } } },
      { name: 'single.js', root: 'single.js', independent: false },
    ]);
    expect(settings.gameJson).toEqual({ iOSHighPerformance: true });
  });

  it('lets the project file win over game.json, and overrides win over both for one run', async () => {
    const project = await makeProject({
      'game.js': '',
      'game.json': json({ deviceOrientation: 'landscape', subpackages: [{ name: 'a', root: 'a/' }], openDataContext: 'odc' }),
      'project.config.json': json({ appid: 'wx0123456789abcdef' }),
      'minigame-studio.json': json({
        orientation: 'portrait',
        subpackages: [{ name: 'b', root: 'b' }],
        openDataContext: '',
        platform: 'alipay',
        profile: 'wechat-2018',
        alipay: { appid: '2021000000000000' },
        outDir: { alipay: 'out/ali' },
        gameJson: { networkTimeout: { request: 1 } },
      }),
    });
    const settings = await resolveSettings(project.dir);
    expect(settings.orientation).toBe('portrait');
    expect(settings.subpackages.map((s) => s.root)).toEqual(['b/']);
    expect(settings.openDataContext).toBeNull();
    expect(settings.platform).toBe('alipay');
    // A WeChat profile does not apply to Alipay: the platform's default is used.
    expect(settings.profile.id).toBe('alipay-current');
    expect(settings.appid).toBe('2021000000000000');
    expect(settings.outDir).toBe(project.path('out/ali'));
    expect(settings.gameJson).toEqual({ networkTimeout: { request: 1 } });

    const wechat = await resolveSettings(project.dir, { platform: 'wechat', profile: 'wechat-2020', md5Cache: true, remoteUrl: ' https://x.example/ ', outDir: 'dist/wx' });
    expect(wechat.appid).toBe('wx0123456789abcdef');
    expect(wechat.profile.id).toBe('wechat-2020');
    expect(wechat.md5Cache).toBe(true);
    expect(wechat.remoteUrl).toBe('https://x.example/');
    expect(wechat.outDir).toBe(project.path('dist/wx'));
    expect((await resolveSettings(project.dir, { appid: 'wxffffffffffffffff', platform: 'wechat' })).appid).toBe('wxffffffffffffffff');
  });

  it('warns, naming it, about an AppID of another platform: Douyin or QQ in project.config.json, WeChat on an Alipay build', async () => {
    const project = await makeProject({ 'game.js': '', 'project.config.json': json({ appid: 'tt0123456789abcdef' }) });
    const warningOf = (settings: { problems: readonly Problem[] }) => settings.problems.filter((p) => p.code === 'APPID_OTHER_PLATFORM');

    const douyin = warningOf(await resolveSettings(project.dir));
    expect(douyin).toMatchObject([{ severity: 'warning', path: 'project.config.json', field: 'wechat.appid' }]);
    expect(douyin[0]?.message).toMatch(/"tt0123456789abcdef" in project\.config\.json "appid" is a Douyin AppID.*Build panel.*"wechat\.appid" in minigame-studio\.json/);

    await project.write('project.config.json', json({ appid: '1109876543' }));
    expect(warningOf(await resolveSettings(project.dir))[0]?.message).toContain('"1109876543" in project.config.json "appid" is a QQ AppID');

    const alipay = warningOf(await resolveSettings(project.dir, { platform: 'alipay', appid: 'wx0123456789abcdef' }));
    expect(alipay).toMatchObject([{ severity: 'warning', path: null, field: 'alipay.appid' }]);
    expect(alipay[0]?.message).toMatch(/"wx0123456789abcdef" given with --appid is a WeChat Mini Game AppID, but this is an Alipay Mini Game build/);

    // The right platform's AppIDs, and the test AppID, are not warned about.
    await project.write('project.config.json', json({ appid: 'wx0123456789abcdef' }));
    expect(warningOf(await resolveSettings(project.dir))).toEqual([]);
    expect(warningOf(await resolveSettings(project.dir, { appid: 'touristappid' }))).toEqual([]);
    expect(warningOf(await resolveSettings(project.dir, { platform: 'alipay', appid: '2021000000000000' }))).toEqual([]);
  });

  it('refuses game.json and project.config.json nested 10,000 deep, naming file and field; ignores an unusable packOptions pattern', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const project = await makeProject({ 'game.js': '', 'game.json': `{ "deviceOrientation": "portrait", "networkTimeout": ${deep} }` });
    const game = await studioError(resolveSettings(project.dir));
    expect(game).toMatchObject({ code: 'GAME_JSON_INVALID', options: { field: 'networkTimeout' } });
    expect(game.message).toContain(project.path('game.json'));

    await project.write('game.json', json({}));
    await project.write('project.config.json', `{ "appid": "wx0123456789abcdef", "setting": ${deep} }`);
    const config = await studioError(resolveSettings(project.dir));
    expect(config).toMatchObject({ code: 'GAME_JSON_INVALID', options: { field: 'setting' } });
    expect(config.message).toContain(project.path('project.config.json'));

    await project.write('project.config.json', json({ packOptions: { ignore: [{ type: 'glob', value: 'x'.repeat(65_536) }, { type: 'folder', value: 'docs' }] } }));
    const settings = await resolveSettings(project.dir);
    expect(settings.exclude).toEqual(['docs/**']);
    expect(settings.problems).toMatchObject([{ severity: 'warning', path: 'project.config.json', field: 'packOptions.ignore[0].value' }]);
  });

  it("refuses game.json fields of a type WeChat's schema refuses, naming file and field; drops such project.config.json fields with a warning", async () => {
    const project = await makeProject({ 'game.js': '', 'game.json': json({ networkTimeout: 'game.js' }) });
    const game = await studioError(resolveSettings(project.dir));
    expect(game).toMatchObject({ code: 'GAME_JSON_INVALID', options: { field: 'networkTimeout' } });
    expect(game.message).toContain(project.path('game.json'));

    await project.write('game.json', json({}));
    await project.write('minigame-studio.json', json({ gameJson: { showStatusBar: 'yes' } }));
    const fromProjectFile = await studioError(resolveSettings(project.dir));
    expect(fromProjectFile).toMatchObject({ code: 'PROJECT_FILE_INVALID', options: { field: 'gameJson.showStatusBar' } });

    await project.write('minigame-studio.json', json({}));
    await project.write('project.config.json', json({ appid: 'wx0123456789abcdef', description: 5, setting: [] }));
    const settings = await resolveSettings(project.dir);
    expect(settings.problems.map((p) => [p.code, p.path, p.field])).toEqual([
      ['GAME_JSON_INVALID', 'project.config.json', 'description'],
      ['GAME_JSON_INVALID', 'project.config.json', 'setting'],
    ]);
  });

  it('accepts game.json with // comments, with a GAME_JSON_INVALID warning', async () => {
    const project = await makeProject({
      'game.js': '',
      'game.json': '{\n  // the game turns sideways\n  "deviceOrientation": "landscape" /* yes */\n}\n',
    });
    const settings = await resolveSettings(project.dir);
    expect(settings.orientation).toBe('landscape');
    expect(settings.problems).toMatchObject([{ severity: 'warning', code: 'GAME_JSON_INVALID', path: 'game.json' }]);
  });

  it('refuses an invalid or unreadable game.json with GAME_JSON_INVALID naming the file', async () => {
    const project = await makeProject({ 'game.js': '', 'game.json': '{ "deviceOrientation": ' });
    const error = await studioError(resolveSettings(project.dir));
    expect(error.code).toBe('GAME_JSON_INVALID');
    expect(error.message).toContain(project.path('game.json'));

    await project.write('game.json', json({ deviceOrientation: 'upside-down' }));
    const badValue = await studioError(resolveSettings(project.dir));
    expect(badValue.options.field).toBe('deviceOrientation');

    const folder = await makeProject({ 'game.js': '', 'game.json/readme.txt': 'a folder, not a file' });
    expect((await studioError(resolveSettings(folder.dir))).message).toMatch(/game.json can't be read \(it is a folder\)/);
  });

  it('says what to do for a missing folder, a file, and a missing miniprogramRoot', async () => {
    const project = await makeProject({ 'file.txt': 'x', 'project.config.json': json({ miniprogramRoot: 'nowhere/' }) });
    const missing = await studioError(resolveSettings(project.path('does-not-exist')));
    expect(missing.code).toBe('DIR_MISSING');
    expect(missing.message).toMatch(/does not exist\. Choose a folder that holds a mini game/);
    expect((await studioError(resolveSettings(project.path('file.txt')))).code).toBe('NOT_A_DIRECTORY');
    const root = await studioError(resolveSettings(project.dir));
    expect(root.message).toMatch(/miniprogramRoot/);
  });

  it('turns packOptions.ignore rules into exclude globs', async () => {
    const project = await makeProject({
      'game.js': '',
      'project.config.json': json({
        packOptions: { ignore: [{ type: 'folder', value: 'docs' }, { type: 'suffix', value: '.psd' }, { type: 'file', value: 'notes.txt' }] },
      }),
      'minigame-studio.json': json({ exclude: ['raw/**'] }),
    });
    expect((await resolveSettings(project.dir)).exclude).toEqual(['docs/**', '**/*.psd', 'notes.txt', 'raw/**']);
  });
});
