/**
 * A file that changes while it is being built must not ship under a name, size or manifest entry
 * that belongs to other bytes. Each test rewrites, truncates or deletes a source at a chosen
 * moment (through the build's file operations or its hash step, never by racing a timer), then
 * asserts what a user would see: the build fails naming the file with OUT untouched, or it ships a
 * package whose every name, hash and size matches its bytes (checkPackage).
 */
import { linkSync } from 'node:fs';
import { copyFile, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutput, type FsOps } from './build.js';
import { isStudioError } from './errors.js';
import { createHashCache, type HashCache } from './hash-cache.js';
import { analyseProject, buildProject } from './index.js';
import { buildCachePath } from './output/build-cache.js';
import { age, tempDir, writeTree } from './output/plan-fixture.js';
import { readTree } from './output/tree.js';
import { checkPackage, defaultOutDir } from './test-support/check-package.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const MD5 = { md5Cache: true } as const;
const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/g/' } as const;
const FILES = {
  'game.json': JSON.stringify({ deviceOrientation: 'portrait' }),
  'game.js': "require('./js/main.js');\n",
  'js/main.js': 'console.log(1);\n',
  'images/bg.png': 'background, first take',
  'images/hero.png': 'hero',
  // Over 64 KB: hashed on a worker thread.
  'audio/theme.mp3': Buffer.alloc(100_000, 3),
};

/** A game whose files were saved a minute ago (unless `fresh`): their stats vouch for them. */
async function game(fresh = false): Promise<string> {
  const dir = await tempDir('mgs-changes-');
  dirs.push(dir);
  await writeTree(dir, FILES);
  if (!fresh) await age(dir, Object.keys(FILES));
  return dir;
}

/** OUT, OUT-res and the report, byte for byte. */
async function output(dir: string): Promise<{ out: Map<string, Buffer>; res: Map<string, Buffer>; report: string }> {
  const outDir = defaultOutDir(dir);
  return { out: await readTree(outDir), res: await readTree(`${outDir}-res`), report: await readFile(`${outDir}.report.json`, 'utf8') };
}

const realCopy: FsOps['copyFile'] = (src, dest, mode) => copyFile(src, dest, mode);

/** The build's file operations, with `around` run in place of copying `path` (given the real copy). */
function copyingWith(path: string, around: (src: string, copy: () => Promise<void>) => Promise<void>): FsOps {
  return {
    copyFile: (src, dest, mode) => (src.endsWith(path) ? around(src, () => realCopy(src, dest, mode)) : realCopy(src, dest, mode)),
    writeFile: (file, data) => writeFile(file, data),
    linkSync,
  };
}

/** A hash cache that rewrites `path` just before the build hashes it, the first `times` times. */
function rewritingBeforeHash(path: string, content: string, times = 1): HashCache {
  const inner = createHashCache();
  let left = times;
  return {
    ...inner,
    get reads() {
      return inner.reads;
    },
    async hash(absPath, file) {
      if (absPath.endsWith(path) && left-- > 0) await writeFile(absPath, content);
      return inner.hash(absPath, file);
    },
    known: (absPath, file) => inner.known(absPath, file),
  };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(
    () => new Error('the build succeeded'),
    (e: unknown) => e,
  );
  expect(isStudioError(error), String(error)).toBe(true);
  return { code: isStudioError(error) ? error.code : '', message: (error as Error).message };
}

describe('a source rewritten after it was hashed, before or while it is copied', () => {
  /** Builds once, analyses again, then writes with `fsOps`: the copy step alone sees the change. */
  async function writeAfterAnalysis(overrides: typeof MD5 | typeof REMOTE | { md5Cache: false }, fsOps: FsOps, fresh = false) {
    const dir = await game(fresh);
    await buildProject(dir, overrides);
    const before = await output(dir);
    // A fresh engine, as the CLI runs it: the hashes come from the build cache.
    const hashes = createHashCache();
    const analysis = await analyseProject(dir, overrides, { hashes });
    // Out of the build cache's way: every file is copied, none linked from the previous OUT.
    await rm(buildCachePath(defaultOutDir(dir)));
    const result = writeOutput(analysis.plan, analysis.layout, analysis.report, { fsOps, hashes });
    return { dir, before, result };
  }

  it('same size, new bytes, before the copy: fails naming it, OUT untouched', async () => {
    const ops = copyingWith('images/bg.png', async (src, copy) => {
      await writeFile(src, 'BACKGROUND, FIRST TAKE');
      await copy();
    });
    const { dir, before, result } = await writeAfterAnalysis(MD5, ops);
    const { code, message } = await failure(result);
    expect(code).toBe('SOURCE_CHANGED');
    expect(message).toMatch(/^images\/bg\.png \(rewritten\) changed while the build was copying it\. Nothing was written; the previous output is untouched\./);
    expect(await output(dir)).toEqual(before);
  });

  it('half old, half new bytes from a write during the copy: fails naming it', async () => {
    const ops: FsOps = {
      ...copyingWith('', (_src, copy) => copy()),
      // What a copy racing a writer can get: the first half old bytes, the second half new ones.
      copyFile: async (src, dest, mode) => {
        if (!src.endsWith('audio/theme.mp3')) return realCopy(src, dest, mode);
        const torn = Buffer.alloc(100_000, 3);
        torn.fill(9, 50_000);
        await writeFile(dest, torn);
        await writeFile(src, Buffer.alloc(100_000, 9));
      },
    };
    const { dir, before, result } = await writeAfterAnalysis(REMOTE, ops);
    const { code, message } = await failure(result);
    expect(code).toBe('SOURCE_CHANGED');
    expect(message).toMatch(/^audio\/theme\.mp3 \(rewritten\) changed while the build was copying it/);
    expect(await output(dir)).toEqual(before);
  });

  it('truncated before the copy, a file without a hash: fails naming it', async () => {
    const ops = copyingWith('images/hero.png', async (src, copy) => {
      await truncate(src, 2);
      await copy();
    });
    const { dir, before, result } = await writeAfterAnalysis({ md5Cache: false }, ops);
    expect((await failure(result)).message).toMatch(/^images\/hero\.png \(rewritten\) changed while the build was copying it/);
    expect(await output(dir)).toEqual(before);
  });

  it('same size and, as within one tick of a coarse clock, the same mtime, on a file saved moments ago: fails naming it', async () => {
    const ops = copyingWith('images/bg.png', async (src, copy) => {
      const { atime, mtime } = await stat(src);
      await writeFile(src, 'BACKGROUND, FIRST TAKE');
      await utimes(src, atime, mtime);
      await copy();
    });
    const { dir, before, result } = await writeAfterAnalysis(MD5, ops, true);
    expect((await failure(result)).message).toMatch(/^images\/bg\.png \(rewritten\) changed while the build was copying it/);
    expect(await output(dir)).toEqual(before);
  });

  it('several files: every one is named', async () => {
    const ops: FsOps = {
      ...copyingWith('', (_src, copy) => copy()),
      copyFile: async (src, dest, mode) => {
        if (src.endsWith('.png')) await writeFile(src, `${await readFile(src, 'utf8')} and more`);
        return realCopy(src, dest, mode);
      },
    };
    const { result } = await writeAfterAnalysis(MD5, ops);
    expect((await failure(result)).message).toMatch(/^2 files changed while the build was copying them: images\/bg\.png \(rewritten\), images\/hero\.png \(rewritten\)\. /);
  });

  it('rewritten once the copy is complete: ships the bytes that were hashed, all consistent', async () => {
    const ops = copyingWith('images/bg.png', async (src, copy) => {
      await copy();
      await writeFile(src, 'a later background');
    });
    const { dir, result } = await writeAfterAnalysis(MD5, ops);
    await result;
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    expect([...(await output(dir)).out.values()].map(String)).toContain('background, first take');
  });
});

describe('buildProject: a file that changes during the build', () => {
  it('rewritten between the scan and its hash: starts over once and ships the new bytes, names, sizes and manifest', async () => {
    const dir = await game();
    const hashes = rewritingBeforeHash('images/bg.png', 'a longer background, second take');
    const outcome = await buildProject(dir, REMOTE, { hashes });
    expect(outcome.exitCode).toBe(0);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    const bg = outcome.analysis.report.files.find((file) => file.path === 'images/bg.png');
    expect(bg?.bytes).toBe('a longer background, second take'.length);
    expect(String((await output(dir)).res.get(bg?.out ?? 'missing'))).toBe('a longer background, second take');
  });

  it('rewritten before its copy: starts over once and ships the new bytes', async () => {
    const dir = await game();
    let left = 1;
    const ops = copyingWith('images/hero.png', async (src, copy) => {
      if (left-- > 0) await writeFile(src, 'hero, second take');
      await copy();
    });
    const outcome = await buildProject(dir, MD5, { fsOps: ops });
    expect(outcome.exitCode).toBe(0);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    const hero = outcome.analysis.report.files.find((file) => file.path === 'images/hero.png');
    expect(String((await output(dir)).out.get(hero?.out ?? 'missing'))).toBe('hero, second take');
  });

  it('still changing on the second pass: exit 1 naming it, the previous OUT untouched', async () => {
    const dir = await game();
    await buildProject(dir, MD5);
    const before = await output(dir);
    // Without the build cache every file is copied, none linked from the previous OUT.
    await rm(buildCachePath(defaultOutDir(dir)));
    let take = 0;
    const ops = copyingWith('images/hero.png', async (src, copy) => {
      take += 1;
      await writeFile(src, `hero, take ${take + 1}`);
      await copy();
    });
    const { code, message } = await failure(buildProject(dir, MD5, { fsOps: ops }));
    expect(code).toBe('SOURCE_CHANGED');
    // The copies run while the layout hashes (output/stage.ts): the change is seen by the hash or by the copy's check.
    expect(message).toMatch(/^images\/hero\.png \(rewritten\) changed while the build was (reading|copying) it/);
    expect(take).toBe(2);
    expect(await output(dir)).toEqual(before);
  });

  it('deleted after the scan: starts over without it', async () => {
    const dir = await game();
    const ops = copyingWith('images/hero.png', async (src, copy) => {
      await rm(src);
      await copy();
    });
    const outcome = await buildProject(dir, MD5, { fsOps: ops });
    expect(outcome.analysis.report.files.map((file) => file.path)).not.toContain('images/hero.png');
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
  });
});

describe('hard-linked reuse and the build cache', () => {
  it('does not link the previous output under the name of new bytes', async () => {
    const dir = await game();
    // Copied without MD5 Cache first: the build cache has the copy, but no hash of it.
    await buildProject(dir, { md5Cache: false });
    const hashes = rewritingBeforeHash('images/bg.png', 'background, second take');
    const outcome = await buildProject(dir, MD5, { hashes });
    expect(outcome.exitCode).toBe(0);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    const bg = outcome.analysis.report.files.find((file) => file.path === 'images/bg.png');
    expect(String((await output(dir)).out.get(bg?.out ?? 'missing'))).toBe('background, second take');
  });

  it('a source rewritten after the layout while its output is linked: ships the previous bytes under their own name', async () => {
    const dir = await game();
    await buildProject(dir, MD5);
    const analysis = await analyseProject(dir, MD5);
    await writeFile(join(dir, 'images/bg.png'), 'background, second take');
    await writeOutput(analysis.plan, analysis.layout, analysis.report);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
  });

  it('links the previous output only under a hash its stat pins; otherwise copies and checks it', async () => {
    const dir = await game();
    await buildProject(dir, MD5);
    const analysis = await analyseProject(dir, MD5);
    const bg = analysis.layout.files.find((file) => file.source === 'images/bg.png');
    const outFile = join(defaultOutDir(dir), bg?.out ?? 'missing');
    const inode = (await stat(outFile)).ino;
    // A hash cache that knows nothing of these files: it can't vouch for the layout's hashes.
    await writeOutput(analysis.plan, analysis.layout, analysis.report, { hashes: createHashCache() });
    expect((await stat(outFile)).ino).not.toBe(inode);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    // With the cache that read them, the same output is linked.
    const hashes = createHashCache();
    const again = await analyseProject(dir, MD5, { hashes });
    const linked = (await stat(outFile)).ino;
    await writeOutput(again.plan, again.layout, again.report, { hashes });
    expect((await stat(outFile)).ino).toBe(linked);
  });

  it('a file saved moments ago is not vouched for by its stat: a same-stat change is built, in a new process and in the same one', async () => {
    const dir = await game(true);
    const session = createHashCache();
    await buildProject(dir, MD5, { hashes: session });
    const src = join(dir, 'images/bg.png');
    const { atime, mtime } = await stat(src);
    // Same size, and the mtime it had: as a second write within one tick of a coarse clock.
    await writeFile(src, 'BACKGROUND, FIRST TAKE');
    await utimes(src, atime, mtime);

    const outcome = await buildProject(dir, MD5, { hashes: session });
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    const bg = outcome.analysis.report.files.find((file) => file.path === 'images/bg.png');
    expect(String((await output(dir)).out.get(bg?.out ?? 'missing'))).toBe('BACKGROUND, FIRST TAKE');

    await writeFile(src, 'background, first take');
    await utimes(src, atime, mtime);
    const restarted = await buildProject(dir, MD5);
    expect(await checkPackage(defaultOutDir(dir))).toEqual([]);
    const again = restarted.analysis.report.files.find((file) => file.path === 'images/bg.png');
    expect(String((await output(dir)).out.get(again?.out ?? 'missing'))).toBe('background, first take');
  });
});
