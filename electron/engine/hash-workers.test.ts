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
