/**
 * A build replaces OUT as a whole, so it must never replace a folder the studio did not write:
 * one that holds the source, or one with someone else's files in it.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { MANIFEST_FILE } from '../../../shared/manifest.js';
import { StudioError } from '../errors.js';
import { exists } from './swap.js';

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

export async function assertReplaceable(outDir: string, remoteDir: string, sourceDirs: readonly string[]): Promise<void> {
  for (const dir of [outDir, remoteDir]) {
    const source = sourceDirs.find((src) => isInside(src, dir));
    if (source) {
      throw new StudioError(
        `The output folder ${dir} contains the project ${source}; building would replace it. Choose an output folder under the project's build/ folder.`,
        { code: 'OUTPUT_INSIDE_SOURCE', path: dir, field: 'outDir' },
      );
    }
  }
  const ours = await exists(join(outDir, MANIFEST_FILE));
  for (const dir of [outDir, remoteDir]) {
    if (!ours && !(await isEmptyOrMissing(dir))) {
      throw new StudioError(
        `The output folder ${dir} already holds files the studio did not write; building would replace them. Empty it, or choose another output folder (--out).`,
        { code: 'OUTPUT_NOT_EMPTY', path: dir, field: 'outDir' },
      );
    }
  }
}
