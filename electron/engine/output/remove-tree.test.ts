import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './plan-fixture.js';
import { removeTree } from './remove-tree.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('removeTree', () => {
  it('removes a deep tree of more files than one chunk, and only that tree', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const tree = join(dir, 'old-out');
    for (let i = 0; i < 40; i++) {
      await mkdir(join(tree, `d${i % 7}`, `e${i % 3}`), { recursive: true });
      for (let j = 0; j < 20; j++) await writeFile(join(tree, `d${i % 7}`, `e${i % 3}`, `f${i}-${j}.bin`), 'x');
    }
    await mkdir(join(tree, 'empty/inner'), { recursive: true });
    await writeFile(join(dir, 'keep.txt'), 'keep');
    await removeTree(tree);
    await expect(stat(tree)).rejects.toThrow(/ENOENT/);
    expect((await stat(join(dir, 'keep.txt'))).isFile()).toBe(true);
  });

  it('does nothing for a folder that is not there', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await expect(removeTree(join(dir, 'missing'))).resolves.toBeUndefined();
  });
});
