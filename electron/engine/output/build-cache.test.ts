/**
 * The build cache's files: cache.json, the JSON of its records, sorted, whether a record's text is
 * made afresh or taken from the previous write; and cache.log, the changes of later builds, which
 * a new process reads back into the same records.
 */
import { appendFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HashRecord } from '../hash-cache.js';
import { buildCacheLogPath, buildCachePath, writeBuildCache, type BuildCache, type OutputRecord } from './build-cache.js';
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

/** The cache as a new process reads it: a fresh copy of the module, with nothing in memory. */
async function readInNewProcess(sourceDir: string, outDir: string): Promise<BuildCache | null> {
  vi.resetModules();
  const fresh = await import('./build-cache.js');
  return fresh.readBuildCache(sourceDir, outDir);
}

/** Records in any order, as sets of their fields. */
function contents(cache: BuildCache | null): { hashes: string[]; outputs: string[] } | null {
  if (!cache) return null;
  return { hashes: cache.hashes.map((record) => JSON.stringify(record)).sort(), outputs: cache.outputs.map((record) => JSON.stringify(record)).sort() };
}

describe('the build cache log', () => {
  /** A 200-file project's cache: big enough that a change of a few records is appended, not written whole. */
  async function project(): Promise<{ sourceDir: string; outDir: string; cache: BuildCache; changed: (i: number, size: number) => BuildCache }> {
    const root = await tempDir('mgs-cache-log-');
    dirs.push(root);
    const sourceDir = join(root, 'game');
    const outDir = join(root, 'build', 'wechatgame');
    await mkdir(dirname(buildCachePath(outDir)), { recursive: true });
    const hash = (i: number, size: number): HashRecord => ({ path: join(sourceDir, `assets/${i}.png`), ...stamp(size, 1000 + i), hash: (i % 10).toString().repeat(40) });
    const output = (i: number, size: number): OutputRecord => ({ out: `assets/${i}.png`, remote: i % 2 === 0, source: `assets/${i}.png`, from: stamp(size, 1000 + i), written: stamp(size, 5000 + i) });
    const hashes = Array.from({ length: 200 }, (_, i) => hash(i, 100 + i));
    const outputs = Array.from({ length: 200 }, (_, i) => output(i, 100 + i));
    // File i changed to `size`: its hash and output records are new, every other record the same
    // object, as the hash cache's snapshots and the build's kept records give them.
    const changed = (i: number, size: number): BuildCache => ({
      hashes: hashes.map((record, j) => (j === i ? hash(i, size) : record)),
      outputs: outputs.map((record, j) => (j === i ? output(i, size) : record)),
    });
    return { sourceDir, outDir, cache: { hashes, outputs }, changed };
  }

  it('appends the few changes of a rebuild, and a new process reads the same records as a whole cache.json holds', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    const whole = await readFile(buildCachePath(outDir), 'utf8');

    const next = changed(7, 9999);
    // A file dropped from the build, another one added.
    const later: BuildCache = {
      hashes: [...next.hashes.filter((record) => !record.path.endsWith('/3.png')), { path: join(sourceDir, 'new.js'), ...stamp(5, 77), hash: 'e'.repeat(40) }],
      outputs: [...next.outputs.filter((record) => record.out !== 'assets/3.png'), { out: 'new.js', remote: false, source: 'new.js', from: stamp(5, 77), written: stamp(5, 78) }],
    };
    await writeBuildCache(sourceDir, outDir, next);
    await writeBuildCache(sourceDir, outDir, later);
    expect(await readFile(buildCachePath(outDir), 'utf8')).toBe(whole);
    const log = (await readFile(buildCacheLogPath(outDir), 'utf8')).split('\n');
    expect(log).toHaveLength(3);
    expect(log[2]).toBe('');
    expect(log[0]?.length).toBeLessThan(whole.length / 20);

    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(later));
  });

  it('ends the log at a line cut short by a kill, and writes cache.json whole at the next build', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    const first = changed(1, 4242);
    await writeBuildCache(sourceDir, outDir, first);
    const line = await readFile(buildCacheLogPath(outDir), 'utf8');
    // The next build's append, killed halfway.
    await appendFile(buildCacheLogPath(outDir), line.slice(0, line.length / 2));

    vi.resetModules();
    const fresh = await import('./build-cache.js');
    expect(contents(await fresh.readBuildCache(sourceDir, outDir))).toEqual(contents(first));
    const second = changed(2, 4343);
    await fresh.writeBuildCache(sourceDir, outDir, second);
    await expect(readFile(buildCacheLogPath(outDir), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(second));
  });

  it('never applies a line to another cache.json than the one it was appended to', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    await writeBuildCache(sourceDir, outDir, changed(5, 5555));
    const stale = await readFile(buildCacheLogPath(outDir), 'utf8');
    // cache.json written whole again (by an older studio, say), the log left from before it.
    vi.resetModules();
    const other = await import('./build-cache.js');
    await rm(buildCachePath(outDir));
    await other.writeBuildCache(sourceDir, outDir, cache);
    await writeFile(buildCacheLogPath(outDir), stale);
    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(cache));
  });

  it('writes cache.json whole and starts the log again once it holds its share of lines', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    let last = cache;
    let folded = false;
    for (let i = 0; i < 40 && !folded; i++) {
      last = changed(i, 7000 + i);
      await writeBuildCache(sourceDir, outDir, last);
      folded = (await readFile(buildCacheLogPath(outDir), 'utf8').catch(() => null)) === null;
    }
    expect(folded).toBe(true);
    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(last));
  });

  it('leaves a log it did not write as it is, and keeps no log beside it', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeFile(buildCacheLogPath(outDir), 'my notes\n');
    await writeBuildCache(sourceDir, outDir, cache);
    const next = changed(9, 9090);
    await writeBuildCache(sourceDir, outDir, next);
    expect(await readFile(buildCacheLogPath(outDir), 'utf8')).toBe('my notes\n');
    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(next));
  });

  it('never appends through a link put where the log was: the file it points to is left as it is', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    await writeBuildCache(sourceDir, outDir, changed(1, 1111));
    const mine = join(dirname(dirname(outDir)), 'notes.txt');
    await writeFile(mine, 'mine\n');
    await rm(buildCacheLogPath(outDir));
    await symlink(mine, buildCacheLogPath(outDir));
    const next = changed(2, 2222);
    await writeBuildCache(sourceDir, outDir, next);
    expect(await readFile(mine, 'utf8')).toBe('mine\n');
    expect(contents(await readInNewProcess(sourceDir, outDir))).toEqual(contents(next));
  });

  it('takes a log line whose rows are not records for a damaged cache: none, not a failed build', async () => {
    const { sourceDir, outDir, cache, changed } = await project();
    await writeBuildCache(sourceDir, outDir, cache);
    await writeBuildCache(sourceDir, outDir, changed(4, 4444));
    const [line] = (await readFile(buildCacheLogPath(outDir), 'utf8')).split('\n');
    const damaged = { ...JSON.parse(line ?? '{}'), outputs: [['assets/4.png', 0, 'assets/4.png', null, 7]] };
    await writeFile(buildCacheLogPath(outDir), `${JSON.stringify(damaged)}\n`);
    expect(await readInNewProcess(sourceDir, outDir)).toBeNull();
  });
});
