/** Test support: a folder's files and their bytes, to compare outputs before and after a build. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(relative(root, full).split('\\').join('/'), await readFile(full));
    }
  };
  await walk(root);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
