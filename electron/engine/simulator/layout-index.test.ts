/**
 * The app's session indexes a build from its layout and report instead of walking OUT: on real
 * builds (the sample game with subpackages and an open data context; the same with MD5 Cache and a
 * Remote URL, so names are hashed and files moved to OUT-res) it must know exactly what a walk of
 * the written OUT knows.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../index.js';
import { indexBuild } from './build-index.js';
import { indexLayout } from './layout-index.js';
import { copyProject, FIXTURES, removeProjects, SAMPLE_GAME } from './test-support/run-cli.js';

afterAll(removeProjects);

describe('indexLayout', () => {
  it('matches a walk of the OUT the build wrote: files, bytes, packages, subpackages, report', async () => {
    const dir = await copyProject(SAMPLE_GAME);
    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome.built).toBe(true);
    const walked = await indexBuild(outcome.analysis.settings.outDir, 'wechat');
    const fromLayout = indexLayout(outcome.analysis);
    expect(fromLayout).toEqual(walked);
    expect(fromLayout.files.size).toBeGreaterThan(5);
    expect(fromLayout.subpackages.length).toBeGreaterThan(0);
  });

  it('matches it with MD5 names and remote files too', async () => {
    const dir = await copyProject(SAMPLE_GAME);
    const outcome = await buildProject(dir, { platform: 'wechat', md5Cache: true, remoteUrl: 'https://cdn.example.com/game' });
    expect(outcome.built).toBe(true);
    const fromLayout = indexLayout(outcome.analysis);
    expect(fromLayout).toEqual(await indexBuild(outcome.analysis.settings.outDir, 'wechat'));
    expect(fromLayout.remoteDir).not.toBeNull();
    expect(fromLayout.remoteUrl).toBe('https://cdn.example.com/game/');
  });

  it('matches it for a game with an independent subpackage, and for an Alipay build', async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome.built).toBe(true);
    const fromLayout = indexLayout(outcome.analysis);
    expect(fromLayout).toEqual(await indexBuild(outcome.analysis.settings.outDir, 'wechat'));
    expect(fromLayout.subpackages.some((s) => s.independent)).toBe(true);

    const alipay = await buildProject(await copyProject(SAMPLE_GAME), { platform: 'alipay' });
    expect(alipay.built).toBe(true);
    expect(indexLayout(alipay.analysis)).toEqual(await indexBuild(alipay.analysis.settings.outDir, 'alipay'));
  });
});
