import { createHash } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha1FileOnWorker } from './hash-workers.js';
import { tempDir } from './output/plan-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('sha1FileOnWorker', () => {
  it('gives the sha1 of each file, for more files at once than there are workers', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const contents = Array.from({ length: 12 }, (_, i) => Buffer.alloc(100_000 + i * 300_007, i + 1));
    await Promise.all(contents.map((content, i) => writeFile(join(dir, `f${i}.bin`), content)));
    const hashes = await Promise.all(contents.map((_, i) => sha1FileOnWorker(join(dir, `f${i}.bin`)).then((read) => read.hash)));
    expect(hashes).toEqual(contents.map((content) => createHash('sha1').update(content).digest('hex')));
  });

  it('gives each of many small files its own sha1 and stat, sent several to a message, a missing one failing alone', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    // 300 small files (well over a message's 64) with a big one and a missing one among them.
    const contents = Array.from({ length: 300 }, (_, i) => (i === 150 ? Buffer.alloc(1_500_000, 9) : Buffer.from(`small file ${i}\n`.repeat(i % 17))));
    await Promise.all(contents.map((content, i) => writeFile(join(dir, `s${i}.txt`), content)));
    const reads = await Promise.all(
      [...contents.keys(), 'missing'].map((i) =>
        sha1FileOnWorker(join(dir, `s${i}.txt`), typeof i === 'number' ? contents[i]!.length : 10).then(
          (read) => read,
          (error: unknown) => error as NodeJS.ErrnoException,
        ),
      ),
    );
    const missing = reads.pop() as NodeJS.ErrnoException;
    expect(missing.code).toBe('ENOENT');
    expect(reads.map((read) => (read as { hash: string }).hash)).toEqual(contents.map((content) => createHash('sha1').update(content).digest('hex')));
    const stats = await Promise.all(contents.map((_, i) => stat(join(dir, `s${i}.txt`))));
    expect(reads.map((read) => (read as { ino: number }).ino)).toEqual(stats.map((info) => info.ino));
    expect(reads.map((read) => (read as { size: number }).size)).toEqual(contents.map((content) => content.length));
  });

  it('fails with the file system error code for a file that is not there, and keeps working', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const error = await sha1FileOnWorker(join(dir, 'missing.bin')).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    await writeFile(join(dir, 'there.bin'), 'there');
    const there = await sha1FileOnWorker(join(dir, 'there.bin'));
    expect(there.hash).toBe(createHash('sha1').update('there').digest('hex'));
    // The stat of the bytes it read, so a caller can tell whether they are the ones it expected.
    const info = await stat(join(dir, 'there.bin'));
    expect(there).toMatchObject({ size: 5, mtimeMs: info.mtimeMs, ino: info.ino });
  });
});
