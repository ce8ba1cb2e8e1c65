import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPreferencesStore, defaultUserDataDir, languageForLocale, PREFERENCES_FILE, systemLocale } from './preferences.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mgs-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preferences', () => {
  it('starts from defaults, with the language taken from the OS locale', async () => {
    expect(await createPreferencesStore(dir, { locale: 'zh_CN.UTF-8' }).get()).toEqual({
      wechatDevtoolsPath: '',
      alipayIdePath: '',
      uploadKeys: {},
      language: 'zh-CN',
      recentProjects: [],
    });
    expect((await createPreferencesStore(dir, { locale: 'en-US' }).get()).language).toBe('en');
    expect((await createPreferencesStore(dir, { locale: 'fr-FR' }).get()).language).toBe('en');
  });

  it('maps every Chinese locale to zh-CN and everything else to English', () => {
    expect(['zh', 'zh-CN', 'zh-TW', 'zh_HK.UTF-8', 'ZH-cn'].map(languageForLocale)).toEqual(Array(5).fill('zh-CN'));
    expect(['en-GB', 'ja-JP', '', undefined].map(languageForLocale)).toEqual(Array(4).fill('en'));
    expect(systemLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh_CN.UTF-8');
    expect(systemLocale({ LC_ALL: 'de_DE', LANG: 'zh_CN' })).toBe('de_DE');
  });

  it('persists a change across store instances (a restart) and keeps the chosen language over the locale', async () => {
    const first = createPreferencesStore(dir, { locale: 'en-US' });
    await first.update({ wechatDevtoolsPath: '/opt/微信 开发者工具/cli', language: 'zh-CN' });
    const again = await createPreferencesStore(dir, { locale: 'en-US' }).get();
    expect(again.wechatDevtoolsPath).toBe('/opt/微信 开发者工具/cli');
    expect(again.language).toBe('zh-CN');
    const onDisk = JSON.parse(await readFile(join(dir, PREFERENCES_FILE), 'utf8'));
    expect(onDisk.wechatDevtoolsPath).toBe('/opt/微信 开发者工具/cli');
  });

  it('writes atomically: no temporary file is left behind, even after many quick updates', async () => {
    const store = createPreferencesStore(dir, { locale: 'en' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update({ alipayIdePath: `/ide/${i}` })));
    expect(await readdir(dir)).toEqual([PREFERENCES_FILE]);
    expect((await store.get()).alipayIdePath).toBe('/ide/19');
  });

  it('falls back to the defaults on a file that is not JSON, and keeps the valid fields of a partly bad one', async () => {
    await writeFile(join(dir, PREFERENCES_FILE), '{ not json');
    expect((await createPreferencesStore(dir, { locale: 'en' }).get()).wechatDevtoolsPath).toBe('');

    await writeFile(join(dir, PREFERENCES_FILE), JSON.stringify({ wechatDevtoolsPath: '/tools/wx', language: 'klingon', recentProjects: 'x' }));
    const prefs = await createPreferencesStore(dir, { locale: 'zh-CN' }).get();
    expect(prefs).toMatchObject({ wechatDevtoolsPath: '/tools/wx', language: 'zh-CN', recentProjects: [] });
  });

  it('keeps one upload key path per AppID: a patch sets or removes one and keeps the others, stored as a path only', async () => {
    const store = createPreferencesStore(dir, { locale: 'en' });
    await store.update({ uploadKeys: { wx0123456789abcdef: '/keys/private.wx0123456789abcdef.key' } });
    await store.update({ uploadKeys: { '2021000000000000': '/keys/alipay identity.json' } });
    await store.update({ language: 'en' });
    expect((await createPreferencesStore(dir, { locale: 'en' }).get()).uploadKeys).toEqual({
      wx0123456789abcdef: '/keys/private.wx0123456789abcdef.key',
      '2021000000000000': '/keys/alipay identity.json',
    });
    await store.update({ uploadKeys: { wx0123456789abcdef: '' } });
    expect((await store.get()).uploadKeys).toEqual({ '2021000000000000': '/keys/alipay identity.json' });
    const onDisk = await readFile(join(dir, PREFERENCES_FILE), 'utf8');
    expect(onDisk).toContain('/keys/alipay identity.json');
  });

  it('a hand-edited key under something that is not an AppID is dropped, the other games keep theirs', async () => {
    await writeFile(join(dir, PREFERENCES_FILE), JSON.stringify({ uploadKeys: { 'my game': '/k1', wx0123456789abcdef: '/k2' }, alipayIdePath: '/ide' }));
    const prefs = await createPreferencesStore(dir, { locale: 'en' }).get();
    expect(prefs.uploadKeys).toEqual({ wx0123456789abcdef: '/k2' });
    expect(prefs.alipayIdePath).toBe('/ide');
  });

  it('keeps recent projects most-recent first, without duplicates, at most ten', async () => {
    const store = createPreferencesStore(dir, { locale: 'en' });
    for (let i = 0; i < 12; i++) await store.addRecent(`/games/${i}`);
    await store.addRecent('/games/5');
    const recent = (await store.get()).recentProjects;
    expect(recent[0]).toBe('/games/5');
    expect(recent).toHaveLength(10);
    expect(new Set(recent).size).toBe(10);
  });
});

describe('defaultUserDataDir', () => {
  it('is MINIGAME_STUDIO_USER_DATA when set, else the folder Electron uses for this app on each OS', () => {
    expect(defaultUserDataDir({ MINIGAME_STUDIO_USER_DATA: '/tmp/ud' }, 'linux', '/home/a')).toBe('/tmp/ud');
    expect(defaultUserDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/minigame-studio');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a')).toBe('/cfg/minigame-studio');
    expect(defaultUserDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/minigame-studio');
    expect(defaultUserDataDir({ APPDATA: '/c/AppData/Roaming' }, 'win32', '/c/Users/a')).toBe('/c/AppData/Roaming/minigame-studio');
  });
});
