/**
 * The stat worker answers as the scan and lstat would: an inventory of the files on disk is "still
 * on disk" until a file changes or appears, and OUT's files come back with their own stats.
 */
import { lstat, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from './output/plan-fixture.js';
import { scan } from './scan.js';
import { inventoryStillOnDisk, statOutputs } from './stat-worker.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function game(): Promise<string> {
  const dir = await tempDir('mgs-stat-worker-');
  dirs.push(dir);
  await writeTree(dir, { 'game.js': 'main', 'game.json': '{}', 'images/a.png': 'a', 'images/deep/b.png': 'b', '.hidden/x': 'x', 'build/out/y': 'y' });
  return dir;
}

describe('the stat worker', () => {
  it('says an inventory is still on disk until a file changes, appears or is removed', async () => {
    const dir = await game();
    expect(await inventoryStillOnDisk(await scan(dir))).toBe(true);

    const before = await scan(dir);
    await writeFile(join(dir, 'images/a.png'), 'a, changed');
    expect(await inventoryStillOnDisk(before)).toBe(false);

    const changed = await scan(dir);
    await writeFile(join(dir, 'images/deep/new.png'), 'new');
    expect(await inventoryStillOnDisk(changed)).toBe(false);

    const added = await scan(dir);
    await mkdir(join(dir, 'audio'));
    expect(await inventoryStillOnDisk(added)).toBe(false);

    const folder = await scan(dir);
    await rm(join(dir, 'game.js'));
    expect(await inventoryStillOnDisk(folder)).toBe(false);
  });

  it('leaves to the scan what only the scan can judge: a link counts as a difference', async () => {
    const dir = await game();
    await symlink('a.png', join(dir, 'images/link.png'));
    const inventory = await scan(dir);
    expect(inventory.files.has('images/link.png')).toBe(true);
    expect(await inventoryStillOnDisk(inventory)).toBe(false);
  });

  it('sees a file or a folder replaced by a link to the very same one (same inode, same stat) as a difference', async () => {
    const dir = await game();
    const elsewhere = await tempDir('mgs-stat-worker-elsewhere-');
    dirs.push(elsewhere);
    const folder = await scan(dir);
    await rename(join(dir, 'images/deep'), join(elsewhere, 'deep'));
    await symlink(join(elsewhere, 'deep'), join(dir, 'images/deep'));
    expect(await inventoryStillOnDisk(folder)).toBe(false);

    await rm(join(dir, 'images/deep'));
    await rename(join(elsewhere, 'deep'), join(dir, 'images/deep'));
    const file = await scan(dir);
    expect(await inventoryStillOnDisk(file)).toBe(true);
    await rename(join(dir, 'images/a.png'), join(elsewhere, 'a.png'));
    await symlink(join(elsewhere, 'a.png'), join(dir, 'images/a.png'));
    expect(await inventoryStillOnDisk(file)).toBe(false);
  });

  it('leaves to the scan an inventory with a line break in a name (the worker gets the names one to a line)', async () => {
    const dir = await game();
    await writeFile(join(dir, 'images/two\nlines.png'), 'x');
    await mkdir(join(dir, 'folder\nbroken'));
    await writeFile(join(dir, 'folder\nbroken/c.png'), 'c');
    expect(inventoryStillOnDisk(await scan(dir))).toBeNull();
    await rm(join(dir, 'images/two\nlines.png'));
    await rm(join(dir, 'folder\nbroken/c.png'));
    // Only the empty folder's name has one now.
    const inventory = await scan(dir);
    expect(inventory.folders?.has('folder\nbroken')).toBe(true);
    expect(inventoryStillOnDisk(inventory)).toBeNull();
    await rm(join(dir, 'folder\nbroken'), { recursive: true });
    expect(await inventoryStillOnDisk(await scan(dir))).toBe(true);
  });

  it("gives each output file's own stat, and null for one that is missing or not a file", async () => {
    const dir = await game();
    const file = join(dir, 'images/a.png');
    const stats = await statOutputs([file, join(dir, 'gone.png'), join(dir, 'images')]);
    const own = await lstat(file);
    expect(stats?.get(file)).toEqual({ size: own.size, mtimeMs: own.mtimeMs, ino: own.ino });
    expect(stats?.get(join(dir, 'gone.png'))).toBeNull();
    expect(stats?.get(join(dir, 'images'))).toBeNull();
  });
});
