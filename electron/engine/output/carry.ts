/**
 * Files added inside OUT after a build are kept: WeChat DevTools writes the user's own settings
 * to OUT/project.private.config.json, people keep a .git/ there. Whatever the previous OUT holds
 * that the studio did not write (by its ownership record) is carried into the new OUT by rename,
 * one step of the journal each (the whole folder when nothing in it is the studio's). When the new
 * build writes a file at the same path, the build refuses instead of choosing for the user.
 *
 * An OUT from a build older than the ownership record cannot be told apart file by file; from it
 * only project.private.config.json and dot-entries at the top (.git/, …) are carried.
 */
import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError } from '../errors.js';
import { identityOf, lstatOrNull } from './real-paths.js';
import type { Step } from './journal.js';

export const DEVTOOLS_PRIVATE_CONFIG = 'project.private.config.json';

/** Entries of `out` the studio did not write: the highest such path of each branch (POSIX, relative). */
export function addedEntries(out: string, ours: ReadonlySet<string> | null): string[] {
  let top: Dirent[];
  try {
    top = readdirSync(out, { withFileTypes: true });
  } catch {
    return [];
  }
  if (ours === null) return top.map((entry) => entry.name).filter((name) => name === DEVTOOLS_PRIVATE_CONFIG || name.startsWith('.')).sort();

  const folders = new Set<string>();
  for (const file of ours) for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) folders.add(file.slice(0, at));
  const added: string[] = [];
  const walk = (rel: string, entries: readonly Dirent[]): void => {
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (ours.has(path)) continue;
      if (entry.isDirectory() && folders.has(path)) walk(path, readdirSync(join(out, path), { withFileTypes: true }));
      else added.push(path);
    }
  };
  walk('', top);
  return added.sort();
}

/**
 * The journal steps that carry `added` from the previous OUT (at `previous` once it is moved
 * aside) into the new OUT, after making their folders in the fresh one. Refuses on a clash.
 */
export async function carrySteps(added: readonly string[], where: { out: string; fresh: string; previous: string }): Promise<Step[]> {
  const steps: Step[] = [];
  const pending = [...added];
  while (pending.length > 0) {
    const path = pending.shift() as string;
    const stats = await lstatOrNull(join(where.out, path));
    if (!stats) continue;
    const clash = await lstatOrNull(join(where.fresh, path));
    if (clash?.isDirectory() && stats.isDirectory()) {
      // A folder of the user's that the new build also writes into: carry what is inside it.
      for (const name of readdirSync(join(where.out, path))) pending.push(`${path}/${name}`);
      continue;
    }
    if (clash) {
      throw new StudioError(
        `${join(where.out, path)} was added to the output folder after the last build, and this build writes ${path} too. Move it out of ${where.out}, then build again. Nothing was changed.`,
        { code: 'OUTPUT_CONFLICT', path: join(where.out, path), field: 'outDir' },
      );
    }
    await mkdir(dirname(join(where.fresh, path)), { recursive: true });
    steps.push({ from: join(where.previous, path), to: join(where.out, path), id: identityOf(stats) });
  }
  return steps;
}
