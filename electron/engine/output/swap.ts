/**
 * Puts a fully written build in place with renames only: OUT, OUT-res and the report each move
 * aside into the build's temporary folder and the new one takes its place; then the files added to
 * the previous OUT since the build before are carried into the new one (output/carry.ts). The
 * renames are written to the journal first (output/journal.ts), so a build killed half-way is
 * finished by the next one; a rename that fails puts everything back as it was.
 */
import { join } from 'node:path';
import { addedEntries, carrySteps } from './carry.js';
import type { Ownership } from './guards.js';
import { runJournalled, stepOf, type Rename, type Step } from './journal.js';
import type { Locations } from './locations.js';
import { ownerRecord } from './owner.js';
import { lstatOrNull, ownershipIdOf } from './real-paths.js';

export interface Fresh {
  /** The build's temporary folder (inside the studio's folder beside OUT). */
  readonly temp: string;
  readonly out: string;
  readonly res: string | null;
  readonly report: string;
  /** The files the build wrote in OUT (POSIX, relative), for the ownership record. */
  readonly files: readonly string[];
  /** … and in OUT-res. */
  readonly resFiles: readonly string[];
}

async function idOf(path: string): Promise<string | null> {
  const stats = await lstatOrNull(path);
  return stats ? ownershipIdOf(stats) : null;
}

export async function putInPlace(locations: Locations, fresh: Fresh, ownership: Ownership, rename: Rename): Promise<void> {
  const previous = join(fresh.temp, 'previous');
  const carried = await carrySteps(addedEntries(locations.out, ownership.outFiles), { out: locations.out, fresh: fresh.out, previous });
  const moves: [string, string][] = [
    [locations.out, previous],
    [fresh.out, locations.out],
    [locations.res, join(fresh.temp, 'previous-res')],
    ...(fresh.res ? ([[fresh.res, locations.res]] as [string, string][]) : []),
    [locations.report, join(fresh.temp, 'previous-report.json')],
    [fresh.report, locations.report],
  ];
  const steps: Step[] = [];
  for (const [from, to] of moves) {
    const step = await stepOf(from, to);
    if (step) steps.push(step);
  }
  steps.push(...carried);
  const owner = ownerRecord({
    out: await idOf(fresh.out),
    res: fresh.res ? await idOf(fresh.res) : null,
    report: await idOf(fresh.report),
    files: fresh.files,
    resFiles: fresh.resFiles,
  });
  const journal = { temp: fresh.temp, steps, owner };
  await runJournalled(locations, journal, rename);
}
