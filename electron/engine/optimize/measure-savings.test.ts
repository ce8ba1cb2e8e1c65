/**
 * measureSavings: the bytes a build would ship for each image under given options, measured with
 * the build's own encoders and cache (so after a build, measuring encodes nothing).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../index.js';
import { defaultOutDir } from '../test-support/check-package.js';
import { json, makeProject, MINIMAL_GAME, removeProjects } from '../test-support/make-project.js';
import { measureSavings, previewImage } from './index.js';
import { fineJpeg, loosePng, tightPalettePng } from './test-support/images.js';
import { recordEncodes } from './test-support/encodes.js';

afterAll(removeProjects);
const encodes = recordEncodes();

describe('measureSavings', () => {
  it('gives each file its before and after bytes, equal to what the build ships, from the build’s cache', async () => {
    const [loose, tight, jpeg] = await Promise.all([loosePng(), tightPalettePng(), fineJpeg()]);
    const optimize = { png: 'lossless' as const, jpeg: 75 };
    const project = await makeProject({
      ...MINIMAL_GAME,
      'a.png': loose,
      'b.png': tight,
      'c.jpg': jpeg,
      'minigame-studio.json': json({ optimize }),
    });
    const outDir = defaultOutDir(project.dir);
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    encodes.reset();
    const savings = await measureSavings({ sourceDir: project.dir, outDir, files: ['a.png', 'b.png', 'c.jpg', 'game.js'], optimize });
    expect(encodes.paths).toEqual([]);
    const shipped = new Map(outcome.analysis.report.files.map((file) => [file.path, file.bytes]));
    expect(savings.files.map((file) => [file.path, file.before, file.after, file.mode])).toEqual([
      ['a.png', loose.length, shipped.get('a.png'), 'png-lossless'],
      ['b.png', tight.length, tight.length, null],
      ['c.jpg', jpeg.length, shipped.get('c.jpg'), 'jpeg'],
      ['game.js', (await readFile(project.path('game.js'))).length, (await readFile(project.path('game.js'))).length, null],
    ]);
    expect(savings.files[1]?.reason).toMatch(/already as small/);
    expect(savings.savedBytes).toBe(savings.before - savings.after);
    expect(savings.savedBytes).toBe(outcome.analysis.report.optimize?.savedBytes);

    // Other options than the build's: measured (encoded) now, and nothing written beside OUT.
    const palette = await measureSavings({ sourceDir: project.dir, outDir, files: ['a.png'], optimize: { png: 'palette' } });
    expect(encodes.paths).toEqual(['a.png']);
    expect(palette.files[0]?.mode).toBe('png-palette');
    expect(palette.files[0]?.after).toBeLessThan(shipped.get('a.png') ?? 0);
  });

  it('previewImage gives both images; the after bytes are the ones a build ships', async () => {
    const loose = await loosePng();
    const project = await makeProject({ ...MINIMAL_GAME, 'a.png': loose });
    const preview = await previewImage({ sourceDir: project.dir, outDir: defaultOutDir(project.dir), path: 'a.png', optimize: { png: 'lossless' } });
    expect(preview.before.equals(loose)).toBe(true);
    expect(preview.after.length).toBe(preview.saving.after);
    expect(preview.after.length).toBeLessThan(loose.length);
  });

  it('previewImage after a build shows the bytes OUT ships, from the cache beside it, encoding nothing', async () => {
    const loose = await loosePng();
    const project = await makeProject({ ...MINIMAL_GAME, 'a.png': loose, 'minigame-studio.json': json({ optimize: { png: 'lossless' } }) });
    const outDir = defaultOutDir(project.dir);
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    const shipped = outcome.analysis.report.files.find((file) => file.path === 'a.png');
    encodes.reset();
    const preview = await previewImage({ sourceDir: project.dir, outDir, path: 'a.png', optimize: { png: 'lossless' } });
    expect(encodes.paths).toEqual([]);
    expect(preview.after.equals(await readFile(join(outDir, shipped?.out ?? '')))).toBe(true);
    expect(preview.after.length).toBeLessThan(loose.length);
  });
});
