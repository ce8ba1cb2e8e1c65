import { mkdir, readdir, readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { makeProject, removeProjects } from './test-support/make-project.js';

afterAll(removeProjects);

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file beside it', async () => {
    const project = await makeProject({ 'a.json': 'old' });
    await writeFileAtomic(project.path('a.json'), 'new');
    await writeFileAtomic(project.path('b.bin'), new Uint8Array([1, 2, 3]), { fsync: true });
    expect(await readFile(project.path('a.json'), 'utf8')).toBe('new');
    expect([...(await readFile(project.path('b.bin')))]).toEqual([1, 2, 3]);
    expect((await readdir(project.dir)).sort()).toEqual(['a.json', 'b.bin']);
  });

  it('cleans up its temporary file when the rename fails, and leaves the target as it was', async () => {
    const project = await makeProject({ 'target/keep.txt': 'inside' });
    await mkdir(project.path('target'), { recursive: true });
    await expect(writeFileAtomic(project.path('target'), 'data')).rejects.toThrow();
    expect(await readdir(project.dir)).toEqual(['target']);
    expect(await readFile(project.path('target/keep.txt'), 'utf8')).toBe('inside');
  });

  it('writes a file over 1 MiB (through the thread pool) the same way, and cleans up after a failed rename', async () => {
    const project = await makeProject({ 'target/keep.txt': 'inside' });
    const big = 'x'.repeat(1536 * 1024);
    const stats = await writeFileAtomic(project.path('big.txt'), big);
    expect(await readFile(project.path('big.txt'), 'utf8')).toBe(big);
    expect(stats.size).toBe(big.length);
    await expect(writeFileAtomic(project.path('target'), big)).rejects.toThrow();
    expect((await readdir(project.dir)).sort()).toEqual(['big.txt', 'target']);
  });
});
