/**
 * Every path a build into OUT may write, and nothing else (docs/WHAT-THE-STUDIO-WRITES.md):
 *
 *   OUT/                       the package
 *   OUT-res/                   remote files (when there is a Remote URL)
 *   OUT.report.json            the report
 *   .OUT.minigame-studio/      the studio's own folder for this OUT, beside it:
 *     owner.json               what the studio wrote: OUT, OUT-res, the report (by identity) and OUT's files
 *     cache.json               the build cache (output/build-cache.ts)
 *     journal.json             only while the renames of a build are under way (output/journal.ts)
 *     lock                     the process building into OUT right now
 *     tmp-<random>/            a build in progress: out/, res/, report.json, then the previous output
 *
 * The studio's folder is named after OUT, like OUT-res and the report, so it lives only where the
 * user pointed the studio, and the temporary folders are on OUT's file system (renames stay atomic).
 */
import { basename, dirname, join } from 'node:path';

export interface Locations {
  readonly out: string;
  readonly res: string;
  readonly report: string;
  readonly state: string;
  readonly owner: string;
  readonly cache: string;
  readonly journal: string;
  readonly lock: string;
}

export const STATE_SUFFIX = '.minigame-studio';
export const TEMP_PREFIX = 'tmp-';

export function reportPathFor(outDir: string): string {
  return `${outDir}.report.json`;
}

export function stateDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}${STATE_SUFFIX}`);
}

export function locationsFor(outDir: string, remoteDir: string): Locations {
  const state = stateDirFor(outDir);
  return {
    out: outDir,
    res: remoteDir,
    report: reportPathFor(outDir),
    state,
    owner: join(state, 'owner.json'),
    cache: join(state, 'cache.json'),
    journal: join(state, 'journal.json'),
    lock: join(state, 'lock'),
  };
}
