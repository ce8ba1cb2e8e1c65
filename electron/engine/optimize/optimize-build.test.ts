/**
 * Compression in a real build: the shipped bytes are the compressed ones everywhere (names,
 * manifest, report, disk), the source is untouched, a rebuild encodes nothing it has seen, and the
 * cache beside OUT keeps only what the last build used.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report.js';
import { isStudioError } from '../errors.js';
import { createHashCache } from '../hash-cache.js';
import type { BuildProgressInfo } from '../types.js';
import { analyseProject } from '../index.js';
import { buildProject } from '../test-support/build-checked.js';
import { checkPackage, defaultOutDir } from '../test-support/check-package.js';
import { json, makeProject, MINIMAL_GAME, removeProjects, type TestProject } from '../test-support/make-project.js';
import { optimizeDirFor } from './store.js';
import { fineJpeg, loosePng, tightPalettePng } from './test-support/images.js';
import { recordEncodes } from './test-support/encodes.js';

afterAll(removeProjects);

const encodes = recordEncodes();

interface Images {
  readonly loose: Buffer;
  readonly loose2: Buffer;
  readonly tight: Buffer;
  readonly jpeg: Buffer;
}

async function images(): Promise<Images> {
  const [loose, loose2, tight, jpeg] = await Promise.all([loosePng(), loosePng(64, 80, 7), tightPalettePng(), fineJpeg()]);
  return { loose, loose2, tight, jpeg };
}

async function game(optimize: unknown, extra: Record<string, unknown> = {}): Promise<{ project: TestProject; img: Images }> {
  const img = await images();
  const project = await makeProject({
    ...MINIMAL_GAME,
    'images/hero.png': img.loose,
    'images/photo.jpg': img.jpeg,
    'images/tiny.png': img.tight,
    'ui/pixel-art/tile.png': img.loose2,
    'stage1/game.js': 'console.log(1);\n',
    'stage1/bg.png': img.loose2,
    'minigame-studio.json': json({ md5Cache: true, subpackages: [{ name: 'stage1', root: 'stage1/' }], optimize, ...extra }),
  });
  return { project, img };
}

async function reportOf(outDir: string): Promise<Report> {
  return JSON.parse(await readFile(`${outDir}.report.json`, 'utf8')) as Report;
}

async function shipped(outDir: string, report: Report, path: string): Promise<Buffer> {
  const file = report.files.find((entry) => entry.path === path);
  if (!file) throw new Error(`${path} is not in the report`);
  return readFile(join(file.remote ? `${outDir}-res` : outDir, file.out));
}

async function pixels(bytes: Buffer): Promise<Buffer> {
  return (await sharp(bytes).ensureAlpha().raw().toBuffer()).subarray(0);
}

const OPTIONS = { png: 'lossless', jpeg: 70, exclude: ['ui/pixel-art/**'] };

describe('a build with "optimize"', () => {
  it('ships compressed images under names, manifest entries and report sizes of the compressed bytes; the source is untouched', async () => {
    const { project, img } = await game(OPTIONS);
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome.exitCode).toBe(0);
    const outDir = defaultOutDir(project.dir);
    expect(await checkPackage(outDir)).toEqual([]);
    const report = await reportOf(outDir);

    const hero = report.files.find((file) => file.path === 'images/hero.png');
    expect(hero?.optimized).toEqual({ mode: 'png-lossless', originalBytes: img.loose.length, savedBytes: img.loose.length - (hero?.bytes ?? 0) });
    expect(hero?.bytes).toBeLessThan(img.loose.length);
    const heroOut = await shipped(outDir, report, 'images/hero.png');
    expect(heroOut.length).toBe(hero?.bytes);
    expect((await pixels(heroOut)).equals(await pixels(img.loose))).toBe(true);

    const photo = report.files.find((file) => file.path === 'images/photo.jpg');
    expect(photo?.optimized?.mode).toBe('jpeg');
    expect(photo?.bytes).toBeLessThan(img.jpeg.length);

    // Not smaller: the original ships, byte for byte. Excluded by optimize.exclude: as it is.
    expect(report.files.find((file) => file.path === 'images/tiny.png')?.optimized).toBeUndefined();
    expect((await shipped(outDir, report, 'images/tiny.png')).equals(img.tight)).toBe(true);
    expect((await shipped(outDir, report, 'ui/pixel-art/tile.png')).equals(img.loose2)).toBe(true);
    // The same bytes outside the exclusion are compressed, in their subpackage.
    const bg = report.files.find((file) => file.path === 'stage1/bg.png');
    expect(bg?.package).toBe('stage1');
    expect(bg?.optimized?.savedBytes).toBeGreaterThan(0);

    const compressed = report.files.filter((file) => file.optimized);
    expect(report.optimize).toEqual({
      files: 3,
      originalBytes: compressed.reduce((sum, file) => sum + (file.optimized?.originalBytes ?? 0), 0),
      bytes: compressed.reduce((sum, file) => sum + file.bytes, 0),
      savedBytes: compressed.reduce((sum, file) => sum + (file.optimized?.savedBytes ?? 0), 0),
    });
    // The package total counts the shipped bytes.
    expect(outcome.analysis.report.totalBytes).toBe(report.totalBytes);

    expect((await readFile(project.path('images/hero.png'))).equals(img.loose)).toBe(true);
    expect((await readFile(project.path('images/photo.jpg'))).equals(img.jpeg)).toBe(true);
    expect(encodes.paths.sort()).toEqual(['images/hero.png', 'images/photo.jpg', 'images/tiny.png', 'stage1/bg.png']);
  });

  it('re-encodes nothing on a rebuild, in the same session or a new one, and only the changed image after an edit', async () => {
    const { project } = await game(OPTIONS);
    const hashes = createHashCache();
    const progress: BuildProgressInfo[] = [];
    await buildProject(project.dir, { platform: 'wechat' }, { hashes, onProgress: (p) => progress.push(p) });
    expect(encodes.paths).toHaveLength(4);
    // The images are counted through the 'optimize' phase, to the last one.
    expect(progress.filter((p) => p.phase === 'optimize').at(-1)).toMatchObject({ files: 4, totalFiles: 4 });

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' }, { hashes });
    expect(encodes.paths).toEqual([]);
    // A new process: only what is on disk beside OUT.
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual([]);
    expect(await checkPackage(defaultOutDir(project.dir))).toEqual([]);

    await project.write('images/hero.png', await loosePng(96, 96, 3));
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual(['images/hero.png']);
    expect(await checkPackage(defaultOutDir(project.dir))).toEqual([]);
  });

  it('encodes again with other options, and keeps on disk only what the last build used', async () => {
    const { project } = await game(OPTIONS);
    const outDir = defaultOutDir(project.dir);
    const blobs = async (): Promise<string[]> => (await readdir(optimizeDirFor(outDir))).filter((name) => name !== 'index.json').sort();
    await buildProject(project.dir, { platform: 'wechat' });
    const first = await blobs();
    expect(first).toHaveLength(3); // hero, photo, bg: tiny ships as it is
    // One entry per (content, options): grouped by options (PNG lossless, JPEG at 70).
    const index = JSON.parse(await readFile(join(optimizeDirFor(outDir), 'index.json'), 'utf8')) as { targets: Record<string, Record<string, unknown>> };
    expect(Object.keys(index.targets)).toHaveLength(2);
    expect(Object.values(index.targets).flatMap((rows) => Object.keys(rows))).toHaveLength(4);

    await project.write('minigame-studio.json', json({ md5Cache: true, subpackages: [{ name: 'stage1', root: 'stage1/' }], optimize: { ...OPTIONS, jpeg: 50 } }));
    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual(['images/photo.jpg']);
    const second = await blobs();
    expect(second).toHaveLength(3);
    expect(second.filter((name) => name.endsWith('.jpg'))).not.toEqual(first.filter((name) => name.endsWith('.jpg')));

    await rm(project.path('stage1/bg.png'));
    await buildProject(project.dir, { platform: 'wechat' });
    expect(await blobs()).toHaveLength(2);

    // Compression off: the cache is emptied; the package ships the sources.
    await project.write('minigame-studio.json', json({ md5Cache: true, subpackages: [{ name: 'stage1', root: 'stage1/' }] }));
    await buildProject(project.dir, { platform: 'wechat' });
    expect(await blobs()).toEqual([]);
    const report = await reportOf(outDir);
    expect(report.optimize).toBeUndefined();
    expect(report.files.some((file) => file.optimized)).toBe(false);
    expect(await checkPackage(outDir)).toEqual([]);
  });

  it('never ships damaged cached bytes: OUT keeps its own, and a build that must take them from the cache encodes again', async () => {
    const { project } = await game(OPTIONS);
    const outDir = defaultOutDir(project.dir);
    await buildProject(project.dir, { platform: 'wechat' });
    const [blob] = (await readdir(optimizeDirFor(outDir))).filter((name) => name.endsWith('.png'));
    await project.write(join(optimizeDirFor(outDir), blob as string).slice(project.dir.length + 1), Buffer.from('damaged'));
    // OUT's copy is not the cache's file (the first build wrote it from memory), and its stat vouches for it.
    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toHaveLength(0);
    expect(await checkPackage(outDir)).toEqual([]);
    // Without OUT, the image comes from the cache: the damage is found where it would ship.
    await rm(outDir, { recursive: true });
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toHaveLength(1);
    expect(await checkPackage(outDir)).toEqual([]);
  });

  it('compresses remote images too: OUT-res and the manifest hold the compressed bytes', async () => {
    const { project, img } = await game({ png: 'palette' }, { remoteUrl: 'https://cdn.example.com/game/' });
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome.exitCode).toBe(0);
    const outDir = defaultOutDir(project.dir);
    expect(await checkPackage(outDir)).toEqual([]);
    const report = await reportOf(outDir);
    const hero = report.files.find((file) => file.path === 'images/hero.png');
    expect(hero?.remote).toBe(true);
    expect(hero?.optimized?.mode).toBe('png-palette');
    expect(hero?.bytes).toBeLessThan(img.loose.length);
    expect(report.remote?.bytes).toBe(report.files.filter((file) => file.remote).reduce((sum, file) => sum + file.bytes, 0));
  });

  it('is in the report before any build, which writes nothing; the build then encodes nothing again', async () => {
    const { project, img } = await game(OPTIONS);
    const hashes = createHashCache();
    const analysis = await analyseProject(project.dir, { platform: 'wechat' }, { hashes });
    const hero = analysis.report.files.find((file) => file.path === 'images/hero.png');
    expect(hero?.optimized?.originalBytes).toBe(img.loose.length);
    expect(hero?.bytes).toBeLessThan(img.loose.length);
    expect(analysis.report.optimize?.files).toBe(3);
    await expect(readdir(join(project.dir, 'build'))).rejects.toMatchObject({ code: 'ENOENT' });
    encodes.reset();
    const outcome = await buildProject(project.dir, { platform: 'wechat' }, { hashes });
    expect(encodes.paths).toEqual([]);
    expect(outcome.analysis.report.totalBytes).toBe(analysis.report.totalBytes);
  });

  it('ships the same package on Alipay', async () => {
    const { project } = await game(OPTIONS);
    const outcome = await buildProject(project.dir, { platform: 'alipay' });
    expect(outcome.exitCode).toBe(0);
    expect(await checkPackage(defaultOutDir(project.dir, 'alipay'))).toEqual([]);
    expect(outcome.analysis.report.optimize?.files).toBe(3);
  });
});

const BAD: [unknown, string, RegExp][] = [
    [{ jpeg: 0 }, 'optimize.jpeg', /"optimize\.jpeg" is invalid: must be a JPEG quality from 1 to 100 \(80 is a good start\) \(got 0\)/],
    [{ jpeg: 101 }, 'optimize.jpeg', /"optimize\.jpeg" is invalid: must be a JPEG quality from 1 to 100/],
    [{ jpeg: 72.5 }, 'optimize.jpeg', /"optimize\.jpeg" is invalid: must be a whole number from 1 to 100/],
    [{ jpeg: '80' }, 'optimize.jpeg', /"optimize\.jpeg" must be a number \(got "80"\)/],
    [{ png: 'lossy' }, 'optimize.png', /"optimize\.png" must be one of "lossless", "palette" \(got "lossy"\)/],
    [{ pngg: 'lossless' }, 'optimize', /"optimize" is invalid: Unrecognized key: "pngg"/],
    [{ exclude: 'ui/**' }, 'optimize.exclude', /"optimize\.exclude" must be a list/],
  [{ exclude: ['x'.repeat(70_000)] }, 'optimize.exclude[0]', /"optimize\.exclude\[0\]" is 70,000 characters long/],
];

describe('bad "optimize" settings', () => {
  it.each(BAD.map(([optimize, field, message]) => [field, optimize, message] as const))('names %s (case %#): PROJECT_FILE_INVALID, and nothing is built', async (field, optimize, message) => {
    const { project } = await game(optimize);
    const error = await buildProject(project.dir, { platform: 'wechat' }).catch((e: unknown) => e);
    expect(isStudioError(error)).toBe(true);
    if (!isStudioError(error)) return;
    expect(error.code).toBe('PROJECT_FILE_INVALID');
    expect(error.options.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Fix it in .*minigame-studio\.json/);
    expect(encodes.paths).toEqual([]);
  });
});
