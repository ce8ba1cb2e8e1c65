/**
 * The bundled sample game opens when no project was chosen. It ships read-only inside the app
 * (process.resourcesPath in a packaged build), so the studio works on a copy in the user-data
 * folder: settings saved from the Build panel and builds land there, and the bundled original is
 * never modified. The copy is made once; later opens reuse it with the user's changes.
 */
import { cp, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { StudioError } from '../errors.js';

export const SAMPLE_COPY_NAME = 'sample-game';

/** Copies the bundled sample to `<userData>/sample-game` unless it is already there; returns the copy's path. */
export async function ensureSampleCopy(sampleGameDir: string, userDataDir: string): Promise<string> {
  const target = join(userDataDir, SAMPLE_COPY_NAME);
  if (await isDirectory(target)) return target;
  if (!(await isDirectory(sampleGameDir))) {
    throw new StudioError(`The bundled sample game is missing at ${sampleGameDir}; open a game folder instead.`, {
      code: 'DIR_MISSING',
      path: sampleGameDir,
    });
  }
  await cp(sampleGameDir, target, {
    recursive: true,
    // A build of the bundled sample made during development is not part of the sample.
    filter: (source) => {
      const rel = relative(sampleGameDir, source);
      return rel.split(sep)[0] !== 'build' && rel.split(sep)[0] !== 'node_modules';
    },
  });
  return target;
}

/** Whether two paths name the same folder (symlinks resolved); false when either is missing. */
export async function sameFolder(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
