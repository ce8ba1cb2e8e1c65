/**
 * The build cache's file: the JSON of its records, sorted, whether a record's text is made afresh
 * or taken from the previous write (a rebuild after one change rewrites 10,000 records).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HashRecord } from '../hash-cache.js';
import { buildCachePath, writeBuildCache, type OutputRecord } from './build-cache.js';
import { tempDir } from './plan-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const stamp = (size: number, ino: number) => ({ size, mtimeMs: 1_700_000_000_000.25 + size, ino });

describe('the build cache file', () => {
  it('holds every record, sorted, and after a change exactly the new records with the old ones kept as they were', async () => {
    const root = await tempDir('mgs-cache-');
    dirs.push(root);
    const sourceDir = join(root, 'game');
    const outDir = join(root, 'build', 'wechatgame');
    const hash = (path: string, size: number, ino: number, digit: string): HashRecord => ({ path: join(sourceDir, path), ...stamp(size, ino), hash: digit.repeat(40) });
    const hero: OutputRecord = { out: 'images/hero.png', remote: true, source: 'images/hero.png', from: stamp(4, 11), written: stamp(4, 21) };
    const main: OutputRecord = { out: 'js/main.js', remote: false, source: 'js/main.js', from: stamp(16, 12), written: stamp(16, 22) };
    // The studio's folder beside OUT, as a build makes it before it writes the cache.
    await mkdir(dirname(buildCachePath(outDir)), { recursive: true });
    const packed: OutputRecord = { out: 'images/bg.png', remote: false, source: 'images/bg.png', from: stamp(9, 23), written: stamp(9, 23), hash: 'c'.repeat(40) };

    await writeBuildCache(sourceDir, outDir, { hashes: [hash('js/main.js', 16, 12, 'b'), hash('images/hero.png', 4, 11, 'a')], outputs: [main, hero, packed] });
    const first = JSON.parse(await readFile(buildCachePath(outDir), 'utf8'));
    expect(first).toEqual({
      writer: 'minigame-studio',
      version: 2,
      sourceDir,
      outDir,
      hashes: [
        ['images/hero.png', 4, stamp(4, 11).mtimeMs, 11, 'a'.repeat(40)],
        ['js/main.js', 16, stamp(16, 12).mtimeMs, 12, 'b'.repeat(40)],
      ],
      outputs: [
        ['images/bg.png', 0, 'images/bg.png', [9, stamp(9, 23).mtimeMs, 23], [9, stamp(9, 23).mtimeMs, 23], 'c'.repeat(40)],
        ['js/main.js', 0, 'js/main.js', [16, stamp(16, 12).mtimeMs, 12], [16, stamp(16, 22).mtimeMs, 22]],
        ['images/hero.png', 1, 'images/hero.png', [4, stamp(4, 11).mtimeMs, 11], [4, stamp(4, 21).mtimeMs, 21]],
      ],
    });

    // hero.png changed: a new hash at its new stat and a new output record; main.js's records are the same.
    const newHero: OutputRecord = { ...hero, from: stamp(10, 31), written: stamp(10, 32) };
    await writeBuildCache(sourceDir, outDir, { hashes: [hash('images/hero.png', 10, 31, 'd'), hash('js/main.js', 16, 12, 'b')], outputs: [main, newHero] });
    const second = JSON.parse(await readFile(buildCachePath(outDir), 'utf8'));
    expect(second.hashes).toEqual([
      ['images/hero.png', 10, stamp(10, 31).mtimeMs, 31, 'd'.repeat(40)],
      ['js/main.js', 16, stamp(16, 12).mtimeMs, 12, 'b'.repeat(40)],
    ]);
    expect(second.outputs).toEqual([
      ['js/main.js', 0, 'js/main.js', [16, stamp(16, 12).mtimeMs, 12], [16, stamp(16, 22).mtimeMs, 22]],
      ['images/hero.png', 1, 'images/hero.png', [10, stamp(10, 31).mtimeMs, 31], [10, stamp(10, 32).mtimeMs, 32]],
    ]);
  });
});
