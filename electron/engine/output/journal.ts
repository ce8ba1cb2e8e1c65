/**
 * The write-ahead journal of a build's renames (`.OUT.minigame-studio/journal.json`). Once every
 * new file is written, the build records the renames that put the new output in place (OUT, then
 * OUT-res, then the report, then the files carried over from the previous OUT) with the identity
 * of what each one moves, and only then starts renaming. A build killed at any moment after that is
 * rolled forward by the next one before it does anything else: a rename is done when its target
 * holds the recorded identity, due when its source still does. Then the ownership record is
 * written, the journal removed, and the previous output dropped.
 */
import { readFileSync, rmdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { jsonWith } from '../record-json.js';
import { isInsideOrSame } from '../paths.js';
import { StudioError } from '../errors.js';
import { isOwnerRecord, ownerJson, WRITER, writeOwner, type OwnerRecord } from './owner.js';
import type { Locations } from './locations.js';
import { identityOf, lstatOrNull } from './real-paths.js';
import { removeTree } from './remove-tree.js';

export interface Step {
  readonly from: string;
  readonly to: string;
  /** Identity of what `from` held when the journal was written. */
  readonly id: string;
}

export interface Journal {
  readonly writer: typeof WRITER;
  /** The build's temporary folder, removed once the renames are done. */
  readonly temp: string;
  readonly steps: readonly Step[];
  /** The ownership record once every step is done. */
  readonly owner: OwnerRecord;
  /**
   * An update in place (output/in-place.ts): folders inside OUT and OUT-res that the steps may have
   * emptied, removed at the commit when they are empty (deepest first).
   */
  readonly prune?: readonly string[];
}

export type Rename = (from: string, to: string) => Promise<void>;

/** The step that moves `from` to `to`, or null when there is nothing at `from`. */
export async function stepOf(from: string, to: string): Promise<Step | null> {
  const stats = await lstatOrNull(from);
  return stats ? { from, to, id: identityOf(stats) } : null;
}

async function holds(path: string, id: string): Promise<boolean> {
  const stats = await lstatOrNull(path);
  return stats !== null && identityOf(stats) === id;
}

function stuck(out: string, message: string, path: string): StudioError {
  return new StudioError(`A build into ${out} was interrupted and cannot be finished: ${message}`, { code: 'OUTPUT_RECOVERY_FAILED', path });
}

/** Does every step not yet done, in order. */
export async function runSteps(steps: readonly Step[], rename: Rename, locations: Locations): Promise<void> {
  const out = locations.out;
  for (const step of steps) {
    if (await holds(step.to, step.id)) continue;
    if (!(await holds(step.from, step.id))) {
      throw stuck(out, `${step.from}, which was to be moved to ${step.to}, is gone. Check ${out}, then move the studio's journal ${locations.journal} away and build again.`, step.from);
    }
    if (await lstatOrNull(step.to)) {
      throw stuck(out, `something was put at ${step.to} meanwhile. Move it away and build again.`, step.to);
    }
    // An update in place puts a new file into a folder the previous build did not have.
    if (!(await lstatOrNull(dirname(step.to)))) await mkdir(dirname(step.to), { recursive: true });
    await rename(step.from, step.to);
  }
}

/** Undoes the steps already done, last first (a build that failed part-way through its renames). */
export async function rollBack(steps: readonly Step[], rename: Rename): Promise<void> {
  for (const step of [...steps].reverse()) {
    if ((await holds(step.to, step.id)) && !(await lstatOrNull(step.from))) await rename(step.to, step.from);
  }
}

export async function writeJournal(locations: Locations, journal: Omit<Journal, 'writer'>): Promise<void> {
  const { owner, ...fields } = journal;
  await writeFileAtomic(locations.journal, jsonWith({ writer: WRITER, ...fields }, { owner: ownerJson(owner) }, '\n'));
}

/** After the last step: the new output is the studio's; the journal and the temporary folder go. */
export async function commit(locations: Locations, journal: Omit<Journal, 'writer'>): Promise<void> {
  await writeOwner(locations.owner, journal.owner);
  // Only folders inside OUT and OUT-res, and only empty ones (rmdir fails on any other).
  const inside = (dir: string): boolean => [locations.out, locations.res].some((root) => dir !== root && isInsideOrSame(dir, root));
  for (const dir of journal.prune ?? []) if (inside(dir)) rmdirIfEmpty(dir);
  rmSync(locations.journal, { force: true });
  await removeTree(journal.temp);
}

/**
 * Journals the steps, runs them, then commits. A failure part-way undoes the steps already done
 * and drops the journal; when the undo fails too, the journal stays, so the next build rolls
 * forward to the new output. `prepare` and `unprepare` make and remove what the steps need
 * beyond renames (an update in place's new folders).
 */
export async function runJournalled(
  locations: Locations,
  journal: Omit<Journal, 'writer'>,
  rename: Rename,
  hooks: { readonly prepare?: () => Promise<void>; readonly unprepare?: () => Promise<void> } = {},
): Promise<void> {
  await writeJournal(locations, journal);
  try {
    await hooks.prepare?.();
    await runSteps(journal.steps, rename, locations);
  } catch (error) {
    try {
      await rollBack(journal.steps, rename);
      await hooks.unprepare?.();
    } catch (undo) {
      const reason = undo instanceof Error ? undo.message : String(undo);
      throw new StudioError(
        `Could not put ${locations.out} in place, nor put the previous output back (${reason}). Build again: the next build finishes putting the new output in place.`,
        { code: 'OUTPUT_WRITE_FAILED', path: locations.out, cause: error },
      );
    }
    rmSync(locations.journal, { force: true });
    throw error;
  }
  await commit(locations, journal);
}

/** Finishes the renames of a build that was killed after writing its journal. */
export async function recover(locations: Locations, rename: Rename): Promise<void> {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(locations.journal, 'utf8')) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw stuck(locations.out, `its journal ${locations.journal} cannot be read. Check ${locations.out}, then move the journal away and build again.`, locations.journal);
  }
  const validPrune = journal?.prune === undefined || (Array.isArray(journal.prune) && journal.prune.every((dir) => typeof dir === 'string'));
  if (journal?.writer !== WRITER || !Array.isArray(journal.steps) || !isOwnerRecord(journal.owner) || typeof journal.temp !== 'string' || !validPrune) {
    throw stuck(locations.out, `${locations.journal} is not a journal the studio wrote. Move it away and build again.`, locations.journal);
  }
  await runSteps(journal.steps, rename, locations);
  await commit(locations, journal);
}

function rmdirIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (a user's file in it), or already gone.
  }
}
