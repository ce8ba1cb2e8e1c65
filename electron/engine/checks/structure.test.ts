/** Each structural problem code, from a tiny project that triggers it (and one that doesn't). */
import { mkdir, realpath, symlink } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { isBlocking } from '../../../shared/problems.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from '../test-support/make-project.js';
import { codes, planFor, problemsWith } from '../test-support/plan-for.js';

afterAll(removeProjects);

async function problemsOf(files: Record<string, string>, overrides = {}) {
  const project = await makeProject(files);
  return (await planFor(project.dir, overrides)).problems;
}

describe('structure checks', () => {
  it('a clean project has no problems', async () => {
    expect(await problemsOf({ ...MINIMAL_GAME, 'images/a.png': '' })).toEqual([]);
  });

  it('ENTRY_MISSING: no entry script, or an excluded one', async () => {
    const missing = problemsWith(await problemsOf({ 'game.json': '{}' }), 'ENTRY_MISSING');
    expect(missing).toMatchObject([{ severity: 'error', path: 'game.js' }]);
    expect(missing[0]?.message).toMatch(/game\.js does not exist.*Create it/);
    expect(isBlocking(missing[0]!)).toBe(true);
    const custom = await problemsOf({ ...MINIMAL_GAME, 'minigame-studio.json': json({ entry: 'main.js' }) });
    expect(problemsWith(custom, 'ENTRY_MISSING')).toMatchObject([{ path: 'main.js', field: 'entry' }]);
    const excluded = await problemsOf({ ...MINIMAL_GAME, 'minigame-studio.json': json({ exclude: ['*.js'] }) });
    expect(problemsWith(excluded, 'ENTRY_MISSING')[0]?.message).toMatch(/left out of the package/);
  });

  it('SUBPACKAGE_ROOT_MISSING and SUBPACKAGE_ENTRY_MISSING', async () => {
    const problems = await problemsOf({
      ...MINIMAL_GAME,
      'empty/readme.txt': '',
      'minigame-studio.json': json({
        subpackages: [
          { name: 'gone', root: 'gone/' },
          { name: 'script', root: 'nope.js' },
          { name: 'empty', root: 'empty/' },
        ],
      }),
    });
    expect(problemsWith(problems, 'SUBPACKAGE_ROOT_MISSING').map((p) => p.field)).toEqual(['subpackages[0].root', 'subpackages[1].root']);
    expect(problemsWith(problems, 'SUBPACKAGE_ROOT_MISSING')[0]?.message).toMatch(/the folder gone\/ does not exist/);
    expect(problemsWith(problems, 'SUBPACKAGE_ENTRY_MISSING')).toMatchObject([{ path: 'empty/game.js', field: 'subpackages[2].root' }]);
  });

  it('SUBPACKAGE_DUPLICATE: a shared name or a shared normalised root', async () => {
    const problems = await problemsOf({
      ...MINIMAL_GAME,
      'a/game.js': '',
      'b/game.js': '',
      'game.json': json({
        subpackages: [
          { name: 'a', root: 'a' },
          { name: 'a2', root: '/a/' },
          { name: 'a', root: 'b/' },
        ],
      }),
    });
    const dup = problemsWith(problems, 'SUBPACKAGE_DUPLICATE');
    expect(dup.map((p) => p.field)).toEqual(['subpackages[1].root', 'subpackages[2].name']);
    expect(dup[0]?.path).toBe('game.json');
  });

  it('SUBPACKAGE_RESERVED_NAME: __GAME__/__APP__ names, workers.js, and roots starting with . or __wx__', async () => {
    const problems = await problemsOf({
      ...MINIMAL_GAME,
      'x/game.js': '',
      'workers.js': '',
      '__wx__a/game.js': '',
      'minigame-studio.json': json({
        subpackages: [
          { name: '__GAME__', root: 'x/' },
          { name: 'w', root: 'workers.js' },
          { name: 'hidden', root: './x/' },
          { name: 'wx', root: '__wx__a/' },
        ],
      }),
    });
    expect(problemsWith(problems, 'SUBPACKAGE_RESERVED_NAME').map((p) => p.field)).toEqual([
      'subpackages[0].name',
      'subpackages[1].root',
      'subpackages[2].root',
      'subpackages[3].root',
    ]);
  });

  it('SUBPACKAGE_NESTED: a root inside another', async () => {
    const problems = await problemsOf({
      ...MINIMAL_GAME,
      'levels/game.js': '',
      'levels/boss/game.js': '',
      'minigame-studio.json': json({ subpackages: [{ name: 'levels', root: 'levels/' }, { name: 'boss', root: 'levels/boss/' }] }),
    });
    expect(problemsWith(problems, 'SUBPACKAGE_NESTED')).toMatchObject([{ severity: 'error', field: 'subpackages[1].root' }]);
  });

  it('OPEN_DATA_CONTEXT_IN_SUBPACKAGE and OPEN_DATA_CONTEXT_ENTRY_MISSING', async () => {
    const inside = await problemsOf({
      ...MINIMAL_GAME,
      'stage/game.js': '',
      'stage/odc/index.js': '',
      'minigame-studio.json': json({ subpackages: [{ name: 'stage', root: 'stage/' }], openDataContext: 'stage/odc' }),
    });
    expect(problemsWith(inside, 'OPEN_DATA_CONTEXT_IN_SUBPACKAGE')).toMatchObject([{ field: 'openDataContext' }]);
    const noEntry = await problemsOf({ ...MINIMAL_GAME, 'odc/main.js': '', 'game.json': json({ openDataContext: 'odc' }) });
    expect(problemsWith(noEntry, 'OPEN_DATA_CONTEXT_ENTRY_MISSING')[0]?.message).toMatch(/needs odc\/index\.js, but odc\/index\.js does not exist/);
    // On Alipay there is no open data context to check.
    const alipay = await problemsOf({ ...MINIMAL_GAME, 'odc/main.js': '', 'game.json': json({ openDataContext: 'odc' }) }, { platform: 'alipay' });
    expect(codes(alipay)).toEqual(['PLATFORM_UNSUPPORTED_FEATURE']);
  });

  it('REMOTE_URL_INVALID (error) and REMOTE_URL_NOT_HTTPS (warning)', async () => {
    const invalid = await problemsOf({ ...MINIMAL_GAME, 'minigame-studio.json': json({ remoteUrl: 'cdn.example.com/game' }) });
    expect(problemsWith(invalid, 'REMOTE_URL_INVALID')).toMatchObject([{ severity: 'error', field: 'remoteUrl' }]);
    expect(problemsWith(await problemsOf(MINIMAL_GAME, { remoteUrl: 'ftp://example.com/' }), 'REMOTE_URL_INVALID')).toHaveLength(1);
    const http = await problemsOf(MINIMAL_GAME, { remoteUrl: 'http://192.168.1.5:8080/' });
    expect(problemsWith(http, 'REMOTE_URL_NOT_HTTPS')).toMatchObject([{ severity: 'warning' }]);
    expect(await problemsOf(MINIMAL_GAME, { remoteUrl: 'https://cdn.example.com/' })).toEqual([]);
  });

  it('OUTPUT_INSIDE_SOURCE: anywhere in the game but under build/, or a folder that holds the game', async () => {
    expect(codes(await problemsOf(MINIMAL_GAME, { outDir: 'dist' }))).toEqual(['OUTPUT_INSIDE_SOURCE']);
    expect(codes(await problemsOf(MINIMAL_GAME, { outDir: '.' }))).toEqual(['OUTPUT_INSIDE_SOURCE']);
    expect(codes(await problemsOf(MINIMAL_GAME, { outDir: '..' }))).toEqual(['OUTPUT_INSIDE_SOURCE']);
    expect(await problemsOf(MINIMAL_GAME, { outDir: 'build/custom' })).toEqual([]);
    expect(await problemsOf(MINIMAL_GAME, { outDir: '../elsewhere-out' })).toEqual([]);
    const field = await problemsOf({ ...MINIMAL_GAME, 'minigame-studio.json': json({ outDir: { wechat: 'out' } }) });
    expect(problemsWith(field, 'OUTPUT_INSIDE_SOURCE')[0]?.field).toBe('outDir.wechat');
  });

  it('OUTPUT_INSIDE_SOURCE: judged by real path, so an output folder reached through a link into the game is named too', async () => {
    const project = await makeProject(MINIMAL_GAME);
    await mkdir(project.path('art'));
    // build/ is a link back into the game: build/wechatgame really is art/wechatgame.
    await symlink(project.path('art'), project.path('build'));
    const problems = problemsWith((await planFor(project.dir)).problems, 'OUTPUT_INSIDE_SOURCE');
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(`through a link: it really is ${await realpath(project.path('art'))}/wechatgame`)]);
    // A build/ that leads out of the game is fine.
    const elsewhere = await makeProject({});
    const other = await makeProject(MINIMAL_GAME);
    await symlink(elsewhere.dir, other.path('build'));
    expect(problemsWith((await planFor(other.dir)).problems, 'OUTPUT_INSIDE_SOURCE')).toEqual([]);
  });

  it('FILE_NOT_WHITELISTED: one warning per file, naming it', async () => {
    const problems = await problemsOf({ ...MINIMAL_GAME, 'notes.md': '', 'art/a.psd': '', 'art/b.psd': '' });
    expect(problemsWith(problems, 'FILE_NOT_WHITELISTED').map((p) => [p.severity, p.path])).toEqual([
      ['warning', 'art/a.psd'],
      ['warning', 'art/b.psd'],
      ['warning', 'notes.md'],
    ]);
    expect(problemsWith(problems, 'FILE_NOT_WHITELISTED')[0]?.message).toMatch(/\.psd files are not on the WeChat upload whitelist/);
  });

  it('FILE_UNREADABLE: a dangling link is a warning that names it', async () => {
    const project = await makeProject(MINIMAL_GAME);
    const { symlink } = await import('node:fs/promises');
    await symlink(project.path('gone.png'), project.path('ghost.png'));
    const problems = (await planFor(project.dir)).problems;
    expect(problemsWith(problems, 'FILE_UNREADABLE')).toMatchObject([{ severity: 'warning', path: 'ghost.png' }]);
  });

  it('UNKNOWN_GAME_JSON_KEY: a warning per key the platform does not document, from game.json or the project file', async () => {
    const problems = await problemsOf({
      ...MINIMAL_GAME,
      'game.json': json({ deviceOrientation: 'portrait', networkTimeout: { request: 1 }, iOSHighPerformance: true }),
      'minigame-studio.json': json({ gameJson: { custom: 1 } }),
    });
    expect(problemsWith(problems, 'UNKNOWN_GAME_JSON_KEY').map((p) => [p.severity, p.path, p.field])).toEqual([
      ['warning', 'game.json', 'iOSHighPerformance'],
      ['warning', 'minigame-studio.json', 'gameJson.custom'],
    ]);
  });

  it('PLATFORM_UNSUPPORTED_FEATURE: independent subpackages and the open data context on Alipay, WeChat-only keys, and the 2018 profile', async () => {
    const files = {
      ...MINIMAL_GAME,
      'share/game.js': '',
      'odc/index.js': '',
      'game.json': json({
        subpackages: [{ name: 'share', root: 'share/', independent: true }],
        openDataContext: 'odc',
        navigateToMiniProgramAppIdList: ['wx0123456789abcdef'],
      }),
    };
    const alipay = problemsWith(await problemsOf(files, { platform: 'alipay' }), 'PLATFORM_UNSUPPORTED_FEATURE');
    expect(alipay.map((p) => p.field)).toEqual(['subpackages[0].independent', 'openDataContext', 'navigateToMiniProgramAppIdList']);
    expect(alipay.every((p) => p.severity === 'warning')).toBe(true);
    expect(alipay[0]?.message).toMatch(/built as a normal subpackage/);
    expect(alipay[1]?.message).toMatch(/left out of the Alipay game\.json/);
    expect(problemsWith(await problemsOf(files), 'PLATFORM_UNSUPPORTED_FEATURE')).toEqual([]);
    const old = problemsWith(await problemsOf(files, { profile: 'wechat-2018' }), 'PLATFORM_UNSUPPORTED_FEATURE');
    expect(old.map((p) => p.field)).toEqual(['subpackages[0].independent']);
  });
});
