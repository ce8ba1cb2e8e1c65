import { createHash } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { age, tempDir } from './output/plan-fixture.js';
import { createHashCache } from './hash-cache.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const sha1 = (data: string | Buffer): string => createHash('sha1').update(data).digest('hex');

/** A file saved a minute ago (older than RACY_WINDOW_MS), unless `fresh`. */
async function file(content: string | Buffer, fresh = false): Promise<{ path: string; info: { size: number; mtimeMs: number; ino: number } }> {
  const dir = await tempDir();
  dirs.push(dir);
  const path = join(dir, 'f.bin');
  await writeFile(path, content);
  if (!fresh) await age(dir, ['f.bin']);
  const { size, mtimeMs, ino } = await stat(path);
  return { path, info: { size, mtimeMs, ino } };
}

describe('createHashCache', () => {
  it('hashes small files and streamed big files alike', async () => {
    const small = await file('hello');
    const bigContent = Buffer.alloc(3 * 1_048_576 + 17, 7);
    const big = await file(bigContent);
    const cache = createHashCache();
    expect(await cache.hash(small.path, small.info)).toBe(sha1('hello'));
    expect(await cache.hash(big.path, big.info)).toBe(sha1(bigContent));
  });

  it('reads a file once while it is unchanged, concurrent callers included, and again once it changes', async () => {
    const f = await file('one');
    const cache = createHashCache();
    const [a, b] = await Promise.all([cache.hash(f.path, f.info), cache.hash(f.path, f.info)]);
    expect(a).toBe(b);
    expect(cache.reads).toBe(1);
    await writeFile(f.path, 'two!');
    const { size, mtimeMs, ino } = await stat(f.path);
    expect(await cache.hash(f.path, { size, mtimeMs, ino })).toBe(sha1('two!'));
    expect(cache.reads).toBe(2);
  });

  it('can be seeded from a snapshot, so a saved cache skips reading', async () => {
    const f = await file('seeded');
    const first = createHashCache();
    await first.hash(f.path, f.info);
    const second = createHashCache({ seed: first.snapshot() });
    expect(await second.hash(f.path, f.info)).toBe(sha1('seeded'));
    expect(second.reads).toBe(0);
  });

  it('takes saved entries only for files it does not know yet, and re-reads a file saved with another stat', async () => {
    const f = await file('fresh');
    const cache = createHashCache();
    await cache.hash(f.path, f.info);
    cache.remember([{ path: f.path, ...f.info, hash: sha1('stale') }]);
    expect(await cache.hash(f.path, f.info)).toBe(sha1('fresh'));

    const g = await file('other');
    const restarted = createHashCache();
    restarted.remember([{ path: g.path, ...g.info, size: g.info.size + 1, hash: sha1('older') }]);
    expect(await restarted.hash(g.path, g.info)).toBe(sha1('other'));
    expect(restarted.reads).toBe(1);
  });

  it('does not remember a failed read', async () => {
    const f = await file('x');
    const cache = createHashCache();
    const missing = join(f.path, '..', 'missing');
    await expect(cache.hash(missing, f.info)).rejects.toThrow(/ENOENT/);
    await writeFile(missing, 'x');
    const { size, mtimeMs, ino } = await stat(missing);
    expect(await cache.hash(missing, { size, mtimeMs, ino })).toBe(sha1('x'));
  });
});

describe('a file that is not what its stat says', () => {
  for (const [kind, size] of [
    ['small', 100],
    ['big (read on a worker)', 200_000],
  ] as const) {
    it(`fails with SOURCE_CHANGED for a ${kind} file rewritten since its stat was taken, and keeps nothing`, async () => {
      const f = await file(Buffer.alloc(size, 1));
      await writeFile(f.path, Buffer.alloc(size, 2));
      const cache = createHashCache();
      const error: unknown = await cache.hash(f.path, f.info).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('SOURCE_CHANGED');
      expect(cache.snapshot()).toEqual([]);
      const { mtimeMs, ino } = await stat(f.path);
      expect(await cache.hash(f.path, { size, mtimeMs, ino })).toBe(sha1(Buffer.alloc(size, 2)));
    });
  }

  it('neither saves nor pins the hash of a file saved moments ago, but does for an older one', async () => {
    const fresh = await file('just saved', true);
    const old = await file('saved a minute ago');
    const cache = createHashCache();
    await cache.hash(fresh.path, fresh.info);
    await cache.hash(old.path, old.info);
    // Another write within the clock tick of the last one could leave the same stat.
    expect(cache.pinned(fresh.path, fresh.info)).toBeUndefined();
    expect(cache.known(fresh.path, fresh.info)).toBe(sha1('just saved'));
    expect(cache.pinned(old.path, old.info)).toBe(sha1('saved a minute ago'));
    expect(cache.snapshot().map((record) => record.path)).toEqual([old.path]);
  });

  it('reads a forgotten file again', async () => {
    const f = await file('once');
    const cache = createHashCache();
    await cache.hash(f.path, f.info);
    cache.forget(f.path);
    expect(cache.known(f.path, f.info)).toBeUndefined();
    await cache.hash(f.path, f.info);
    expect(cache.reads).toBe(2);
  });
});
