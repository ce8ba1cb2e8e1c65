import { afterAll, describe, expect, it } from 'vitest';
import { isWhitelisted, lastExtension } from '../../shared/platforms.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from './test-support/make-project.js';
import { planFor } from './test-support/plan-for.js';
import type { Plan } from './types.js';

afterAll(removeProjects);

function where(plan: Plan): Record<string, string> {
  return Object.fromEntries(
    plan.files.map((f) => [f.path, `${f.package}:${f.destination}${f.excludedReason ? `:${f.excludedReason}` : ''}`]),
  );
}

describe('plan', () => {
  it('sends each file to the longest matching subpackage root; a .js root takes only that file; the rest is main', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'levels/game.js': '',
      'levels/a.png': '',
      'levels/boss/game.js': '',
      'levels-extra/b.png': '',
      'stage2.js': '',
      'stage2.json': '{}',
      'openDataContext/index.js': '',
      'project.config.json': json({}),
      'minigame-studio.json': json({
        subpackages: [
          { name: 'levels', root: 'levels/' },
          { name: 'stage2', root: 'stage2.js' },
        ],
        openDataContext: 'openDataContext/',
      }),
    });
    const plan = await planFor(project.dir);
    expect(where(plan)).toEqual({
      'game.js': '__GAME__:package',
      'levels/a.png': 'levels:package',
      'levels/boss/game.js': 'levels:package',
      'levels/game.js': 'levels:package',
      'levels-extra/b.png': '__GAME__:package',
      'openDataContext/index.js': '__GAME__:package',
      'stage2.js': 'stage2:package',
      'stage2.json': '__GAME__:package',
    });
    expect(plan.packages.map((p) => `${p.name}:${p.kind}:${p.limitBytes}`)).toEqual([
      '__GAME__:main:4194304',
      'levels:subpackage:null',
      'stage2:subpackage:null',
    ]);
  });

  it('excludes by glob (reason "excluded") and by whitelist (reason "not-whitelisted"), matching the last extension case-insensitively', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'docs/guide.png': '',
      'art/hero.PSD': '',
      'art/hero.PNG': '',
      'data/level.JSON': '{}',
      'data/archive.tar.gz': '',
      'data/backup.png.bak': '',
      'LICENSE': '',
      'minigame-studio.json': json({ exclude: ['docs', '**/*.tmp', '/raw/**'] }),
      'scratch.tmp': '',
      'raw/a.png': '',
    });
    const plan = await planFor(project.dir);
    expect(where(plan)).toMatchObject({
      'docs/guide.png': '__GAME__:excluded:excluded',
      'scratch.tmp': '__GAME__:excluded:excluded',
      'raw/a.png': '__GAME__:excluded:excluded',
      'art/hero.PSD': '__GAME__:excluded:not-whitelisted',
      'art/hero.PNG': '__GAME__:package',
      'data/level.JSON': '__GAME__:package',
      'data/archive.tar.gz': '__GAME__:package',
      'data/backup.png.bak': '__GAME__:excluded:not-whitelisted',
      LICENSE: '__GAME__:excluded:not-whitelisted',
    });
    expect(lastExtension('a/b.c/file.Mp3')).toBe('mp3');
    expect(isWhitelisted('x.WAV')).toBe(true);
    expect(isWhitelisted('x.wav.txt')).toBe(true);
    expect(isWhitelisted('x.txt.wav2')).toBe(false);
    expect(isWhitelisted('.png')).toBe(false);
  });

  it('with a Remote URL, sends main-package non-scripts to remote except keepInPackage, the open data context and subpackage files', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'images/bg.png': '',
      'images/loading/bar.png': '',
      'lib/util.js': '',
      'openDataContext/index.js': '',
      'openDataContext/rank.png': '',
      'stage1/game.js': '',
      'stage1/map.png': '',
      'minigame-studio.json': json({
        remoteUrl: 'https://cdn.example.com/game/',
        keepInPackage: ['images/loading/**'],
        subpackages: [{ name: 'stage1', root: 'stage1/' }],
        openDataContext: 'openDataContext',
      }),
    });
    const plan = await planFor(project.dir);
    expect(where(plan)).toMatchObject({
      'images/bg.png': '__GAME__:remote',
      'images/loading/bar.png': '__GAME__:package',
      'lib/util.js': '__GAME__:package',
      'openDataContext/rank.png': '__GAME__:package',
      'stage1/map.png': 'stage1:package',
    });
    // An invalid URL sends nothing remote (and is a problem of its own).
    const invalid = await planFor(project.dir, { remoteUrl: 'cdn.example.com' });
    expect(invalid.files.filter((f) => f.destination === 'remote')).toEqual([]);
  });

  it('handles Unicode and spaces in subpackage roots and file names', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      '关卡 一/game.js': "const bg = '关卡 一/背景 图.png';",
      '关卡 一/背景 图.png': '',
      'my sounds/hit 1.mp3': '',
      'game.json': json({ subpackages: [{ name: 'level1', root: '关卡 一' }] }),
    });
    const plan = await planFor(project.dir);
    expect(where(plan)).toMatchObject({ '关卡 一/背景 图.png': 'level1:package', 'my sounds/hit 1.mp3': '__GAME__:package' });
    expect(plan.problems).toEqual([]);
  });

  it('leaves the root config files out of the plan: the build writes its own', async () => {
    const project = await makeProject({ ...MINIMAL_GAME, 'project.config.json': json({}), 'project.private.config.json': json({}), 'data/game.json': '{}' });
    const plan = await planFor(project.dir);
    expect(plan.files.map((f) => f.path)).toEqual(['data/game.json', 'game.js']);
  });

  it('on Alipay, builds independent subpackages as normal ones and keeps the open data context files in main', async () => {
    const project = await makeProject({
      ...MINIMAL_GAME,
      'share/game.js': '',
      'openDataContext/index.js': '',
      'game.json': json({ subpackages: [{ name: 'share', root: 'share/', independent: true }], openDataContext: 'openDataContext' }),
    });
    const plan = await planFor(project.dir, { platform: 'alipay' });
    expect(plan.packages.map((p) => `${p.name}:${p.kind}`)).toEqual(['__GAME__:main', 'share:subpackage']);
    expect(where(plan)['openDataContext/index.js']).toBe('__GAME__:package');
    expect(plan.problems.filter((p) => p.code === 'PLATFORM_UNSUPPORTED_FEATURE')).toHaveLength(2);
    const wechat = await planFor(project.dir);
    expect(wechat.packages.map((p) => `${p.name}:${p.kind}`)).toEqual(['__GAME__:main', 'share:independent']);
  });
});
