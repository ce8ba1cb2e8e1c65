/**
 * A rebuild with "optimize" where nothing changed takes each compressed image the way it takes an
 * unchanged copy: kept in OUT when the file there is the one the last build wrote, else linked
 * (or copied) from the compression cache's file, which is checked by its stat and read only when
 * that stat is not the one the studio kept. The cache is the studio's own: a damaged, replaced
 * or linked entry is encoded again, never shipped, and nothing outside it is read or written.
 */
import { execa } from 'execa';
import { copyFile, lstat, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report.js';
import type { FsOps } from '../build.js';
import { createHashCache } from '../hash-cache.js';
import { buildCachePath } from '../output/build-cache.js';
import { tempDir } from '../output/plan-fixture.js';
import { buildProject } from '../test-support/build-checked.js';
import { checkPackage, defaultOutDir } from '../test-support/check-package.js';
import { json, makeProject, MINIMAL_GAME, removeProjects, type TestProject } from '../test-support/make-project.js';
import { optimizeDirFor } from './store.js';
import { fineJpeg, loosePng } from './test-support/images.js';
import { recordEncodes } from './test-support/encodes.js';

afterAll(removeProjects);

const encodes = recordEncodes();

const COMPRESSED = ['images/a.png', 'images/b.png', 'images/photo.jpg'];

async function game(): Promise<{ project: TestProject; outDir: string; sources: Record<string, Buffer> }> {
  const sources = { 'images/a.png': await loosePng(), 'images/b.png': await loosePng(64, 80, 7), 'images/photo.jpg': await fineJpeg() };
  const project = await makeProject({ ...MINIMAL_GAME, ...sources, 'minigame-studio.json': json({ md5Cache: true, optimize: { png: 'lossless', jpeg: 70 } }) });
  return { project, outDir: defaultOutDir(project.dir), sources };
}

const reportOf = async (outDir: string): Promise<Report> => JSON.parse(await readFile(`${outDir}.report.json`, 'utf8')) as Report;

/** Each compressed image's file in OUT, by logical path. */
async function shippedFiles(outDir: string): Promise<Map<string, string>> {
  const report = await reportOf(outDir);
  return new Map(report.files.filter((file) => file.optimized).map((file) => [file.path, join(outDir, file.out)]));
}

/** The cache file holding the bytes shipped for `path` (named by their sha1, as the MD5 name carries them). */
async function cacheFileOf(outDir: string, path: string): Promise<string> {
  const out = (await shippedFiles(outDir)).get(path) as string;
  const names = await readdir(optimizeDirFor(outDir));
  const bytes = await readFile(out);
  for (const name of names.filter((entry) => entry !== 'index.json')) {
    if ((await readFile(join(optimizeDirFor(outDir), name))).equals(bytes)) return join(optimizeDirFor(outDir), name);
  }
  throw new Error(`no cache file holds the bytes of ${path}`);
}

const pixels = async (bytes: Buffer): Promise<Buffer> => sharp(bytes).ensureAlpha().raw().toBuffer();

/** The package is whole, and each compressed PNG shows its source's pixels. */
async function expectShipsSources(outDir: string, sources: Record<string, Buffer>): Promise<void> {
  expect(await checkPackage(outDir)).toEqual([]);
  for (const [path, out] of await shippedFiles(outDir)) {
    if (path.endsWith('.png')) expect((await pixels(await readFile(out))).equals(await pixels(sources[path] as Buffer))).toBe(true);
  }
}

describe('a rebuild with "optimize" where nothing changed', () => {
  it('leaves each compressed image in OUT as the file it was, in a new session, encoding nothing', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths.sort()).toEqual(COMPRESSED);
    const before = new Map<string, { ino: number; mtimeMs: number }>();
    for (const [path, out] of await shippedFiles(outDir)) before.set(path, await stat(out));
    expect([...before.keys()].sort()).toEqual(COMPRESSED);

    encodes.reset();
    const outcome = await buildProject(project.dir, { platform: 'wechat' });
    expect(outcome.exitCode).toBe(0);
    expect(encodes.paths).toEqual([]);
    for (const [path, out] of await shippedFiles(outDir)) {
      const now = await stat(out);
      expect({ path, ino: now.ino, mtimeMs: now.mtimeMs }).toEqual({ path, ino: before.get(path)?.ino, mtimeMs: before.get(path)?.mtimeMs });
    }
    await expectShipsSources(outDir, sources);
    expect(outcome.analysis.report.optimize?.files).toBe(3);
  });

  it('takes each compressed image into a new OUT from the cache as a hard link to its cache file', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    // Without the build cache, the build makes a whole new OUT (nothing in place to keep).
    await rm(buildCachePath(outDir));
    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual([]);
    for (const path of COMPRESSED) {
      const [shipped, cached] = await Promise.all([stat((await shippedFiles(outDir)).get(path) as string), stat(await cacheFileOf(outDir, path))]);
      expect({ path, ino: shipped.ino }).toEqual({ path, ino: cached.ino });
    }
    await expectShipsSources(outDir, sources);
  });

  it('without MD5 Cache (the same name either way), switching compression off ships the sources and on again the encodings', async () => {
    const { project, outDir, sources } = await game();
    const settingsWith = (optimize: boolean): string => json({ md5Cache: false, ...(optimize ? { optimize: { png: 'lossless', jpeg: 70 } } : {}) });
    const inOut = (path: string): Promise<Buffer> => readFile(join(outDir, path));
    await project.write('minigame-studio.json', settingsWith(true));
    await buildProject(project.dir, { platform: 'wechat' });
    const compressed = await inOut('images/a.png');
    expect(compressed.length).toBeLessThan((sources['images/a.png'] as Buffer).length);

    await project.write('minigame-studio.json', settingsWith(false));
    await buildProject(project.dir, { platform: 'wechat' });
    for (const path of COMPRESSED) expect({ path, same: (await inOut(path)).equals(sources[path] as Buffer) }).toEqual({ path, same: true });
    expect(await checkPackage(outDir)).toEqual([]);

    encodes.reset();
    await project.write('minigame-studio.json', settingsWith(true));
    await buildProject(project.dir, { platform: 'wechat' });
    // The build without compression emptied the cache: encoded again, and shipped compressed under the same name.
    expect(encodes.paths.sort()).toEqual(COMPRESSED);
    expect((await inOut('images/a.png')).length).toBe(compressed.length);
    await expectShipsSources(outDir, sources);
  });

  it('copies the cache file where it cannot be linked (another file system), checking the copy', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    await rm(buildCachePath(outDir));
    const copied: string[] = [];
    const noLinks: FsOps = {
      copyFile: (src, dest, mode) => {
        copied.push(src);
        return copyFile(src, dest, mode);
      },
      writeFile: (path, data) => writeFile(path, data),
      linkSync: () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' }, { fsOps: noLinks });
    expect(encodes.paths).toEqual([]);
    const fromCache = copied.filter((src) => src.startsWith(optimizeDirFor(outDir)));
    expect(fromCache).toHaveLength(3);
    for (const path of COMPRESSED) {
      const [shipped, cached] = await Promise.all([stat((await shippedFiles(outDir)).get(path) as string), stat(await cacheFileOf(outDir, path))]);
      expect(shipped.ino).not.toBe(cached.ino);
    }
    await expectShipsSources(outDir, sources);
  });

  it('encodes again an image whose file in OUT, linked to the cache, was edited in place: the edit reached the cache, and neither ships', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    await rm(buildCachePath(outDir));
    await buildProject(project.dir, { platform: 'wechat' });
    const out = (await shippedFiles(outDir)).get('images/a.png') as string;
    const cacheFile = await cacheFileOf(outDir, 'images/a.png');
    // Same size, other bytes, written into the file (not replaced): the cache's file changes with it.
    const size = (await stat(out)).size;
    await writeFile(out, Buffer.alloc(size, 7));
    expect((await readFile(cacheFile)).equals(Buffer.alloc(size, 7))).toBe(true);

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual(['images/a.png']);
    await expectShipsSources(outDir, sources);
    // The cache holds the right bytes again, as a new file.
    expect((await readFile(await cacheFileOf(outDir, 'images/a.png'))).equals(await readFile((await shippedFiles(outDir)).get('images/a.png') as string))).toBe(true);
  });

  it('encodes again an image whose cache file was damaged with the same size, and never ships it', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    const cacheFile = await cacheFileOf(outDir, 'images/b.png');
    const size = (await stat(cacheFile)).size;
    await rm(buildCachePath(outDir)); // so the build takes every image from the cache
    await writeFile(cacheFile, Buffer.alloc(size, 1));

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual(['images/b.png']);
    await expectShipsSources(outDir, sources);
  });

  it('in one session (the app), checks again the cache file a result ships from: damaged, that image is encoded again and the cache mended', async () => {
    const { project, outDir, sources } = await game();
    const hashes = createHashCache();
    await buildProject(project.dir, { platform: 'wechat' }, { hashes });
    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' }, { hashes });
    expect(encodes.paths).toEqual([]);
    const cacheFile = await cacheFileOf(outDir, 'images/a.png');
    const good = await readFile(cacheFile);
    await writeFile(cacheFile, Buffer.alloc(good.length, 3));

    await buildProject(project.dir, { platform: 'wechat' }, { hashes });
    expect(encodes.paths).toEqual(['images/a.png']);
    await expectShipsSources(outDir, sources);
    expect((await readFile(cacheFile)).equals(good)).toBe(true);
  });

  it('never follows a symlink put in the cache: that image is encoded again and the link’s target is left as it is', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    const cacheFile = await cacheFileOf(outDir, 'images/a.png');
    // Elsewhere, a file with exactly the cached bytes; the cache file replaced by a link to it.
    const elsewhere = join(await tempDir('mgs-optimize-link-'), 'a.png');
    const bytes = await readFile(cacheFile);
    await writeFile(elsewhere, bytes);
    await rm(cacheFile);
    await symlink(elsewhere, cacheFile);
    await rm(buildCachePath(outDir));

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual(['images/a.png']);
    await expectShipsSources(outDir, sources);
    expect((await lstat(cacheFile)).isFile()).toBe(true);
    expect((await readFile(elsewhere)).equals(bytes)).toBe(true);
    await rm(join(elsewhere, '..'), { recursive: true, force: true });
  });

  it('neither reads nor writes a cache folder that is a symlink: every image is encoded, the folder it names is untouched', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    const dir = optimizeDirFor(outDir);
    const elsewhere = join(await tempDir('mgs-optimize-dir-'), 'optimize');
    await rename(dir, elsewhere);
    await symlink(elsewhere, dir);
    const listing = async (): Promise<[string, string][]> =>
      Promise.all((await readdir(elsewhere)).sort().map(async (name) => [name, (await readFile(join(elsewhere, name))).toString('base64')] as [string, string]));
    const before = await listing();

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths.sort()).toEqual(COMPRESSED);
    await expectShipsSources(outDir, sources);
    expect(await readlink(dir)).toBe(elsewhere);
    expect(await listing()).toEqual(before);
    await rm(join(elsewhere, '..'), { recursive: true, force: true });
  });

  it('reads a cache index of the previous format (each cached file read and checked once) and saves it in the new one', async () => {
    const { project, outDir, sources } = await game();
    await buildProject(project.dir, { platform: 'wechat' });
    const indexPath = join(optimizeDirFor(outDir), 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { writer: unknown; targets: Record<string, Record<string, unknown[]>> };
    const entries: Record<string, unknown> = {};
    for (const [target, rows] of Object.entries(index.targets)) {
      for (const [source, [mode, originalBytes, hash, bytes]] of Object.entries(rows)) entries[`${source}-${target}`] = { mode, originalBytes, hash, bytes };
    }
    await writeFile(indexPath, JSON.stringify({ writer: index.writer, version: 1, entries }));
    await rm(buildCachePath(outDir));

    encodes.reset();
    await buildProject(project.dir, { platform: 'wechat' });
    expect(encodes.paths).toEqual([]);
    await expectShipsSources(outDir, sources);
    expect(JSON.parse(await readFile(indexPath, 'utf8'))).toMatchObject({ version: 2 });
  });
});

describe('the encoder library', () => {
  const BIN = fileURLToPath(new URL('../../../bin/minigame-studio.mjs', import.meta.url));
  const HOOK = fileURLToPath(new URL('./fixtures/dlopen-log.cjs', import.meta.url));

  /** The CLI's build in a child process; the native libraries it loaded. */
  async function cliBuild(dir: string, log: string): Promise<string[]> {
    await writeFile(log, '');
    const result = await execa('node', [BIN, 'build', dir, '--platform', 'wechat'], { env: { NODE_OPTIONS: `--require ${HOOK}`, MGS_DLOPEN_LOG: log }, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  }

  it('is loaded by a build that encodes, and not by a rebuild that finds every image in the cache', async () => {
    const { project, outDir } = await game();
    const logDir = await tempDir('mgs-optimize-dlopen-');
    const log = join(logDir, 'dlopen.log');
    const isSharp = (path: string): boolean => /sharp/.test(path);
    expect((await cliBuild(project.dir, log)).some(isSharp)).toBe(true);
    // Also a new OUT made from the cache: no image to encode, so no encoder.
    await rm(buildCachePath(outDir));
    expect((await cliBuild(project.dir, log)).filter(isSharp)).toEqual([]);
    expect((await cliBuild(project.dir, log)).filter(isSharp)).toEqual([]);
    expect(await checkPackage(outDir)).toEqual([]);
    await rm(logDir, { recursive: true, force: true });
  }, 120_000);
});
