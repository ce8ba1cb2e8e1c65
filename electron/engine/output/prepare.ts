/**
 * Before a build writes anything: every path it will write is checked (guards.ts), nothing is
 * created when one of them is refused; then, under the build lock, a build killed earlier is
 * finished (journal.ts) and the temporary folders of killed builds removed (stale-temps.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertOwned, assertSafeLocations, inspectState, type Ownership, type SourceDirs } from './guards.js';
import { recover, type Rename } from './journal.js';
import type { Locations } from './locations.js';
import { lockOutput } from './lock.js';
import { readOwner, type OwnerRecord } from './owner.js';
import { removeLegacyCache, removeStaleTemps } from './stale-temps.js';
import { writeFailure } from './write-errors.js';

export interface Prepared {
  readonly ownership: Ownership;
  /** The ownership record as read under the lock (the same object while the file is the one this process last wrote or read). */
  readonly owner: OwnerRecord | null;
  release(): Promise<void>;
}

export async function prepareOutput(locations: Locations, dirs: SourceDirs, rename: Rename): Promise<Prepared> {
  await assertSafeLocations(locations, dirs);
  const state = await inspectState(locations);
  // A pending journal means OUT may be half-swapped: judge it after the recovery.
  if (!state.journal) await assertOwned(locations, state.owner);

  for (const dir of [dirname(locations.out), locations.state]) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw writeFailure(error, dir);
    }
  }
  const release = await lockOutput(locations.lock, locations.out);
  try {
    await recover(locations, rename);
    await removeStaleTemps(locations);
    await removeLegacyCache(locations);
    const owner = await readOwner(locations.owner);
    const ownership = await assertOwned(locations, owner);
    return { ownership, owner, release };
  } catch (error) {
    await release();
    throw error;
  }
}
