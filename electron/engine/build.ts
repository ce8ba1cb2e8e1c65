/**
 * writeOutput: writes the layout to OUT (and OUT-res) atomically. Everything new goes into a
 * temporary folder inside the studio's folder beside OUT (output/locations.ts), then journalled
 * renames put it in place; a failure or a cancel before the renames removes the temporary folder
 * and leaves the previous OUT and OUT-res byte-identical, and a kill during them is finished by the
 * next build. The report is written beside OUT as OUT.report.json. Before anything is written,
 * every one of those paths is proven missing or the studio's own (output/prepare.ts), in
 * openOutput, which a build calls before its layout so the copies run while the layout hashes
 * (output/stage.ts).
 *
 * Two ways to put a build in place, with the same guarantees (docs/WHAT-THE-STUDIO-WRITES.md):
 * - in place (output/in-place.ts), when the ownership record and the build cache vouch for what
 *   OUT holds: only the changed files are written and renamed in, the replaced ones kept in the
 *   temporary folder until the journal commits. A rebuild after one change costs a stat per file.
 * - a whole new OUT (output/swap.ts) otherwise: a file the previous build copied from a source
 *   that has not changed is hard-linked from the previous output (output/reuse.ts).
 * The build cache beside OUT (output/build-cache.ts) remembers what was copied from what, and the
 * content hashes. Each file's bytes are written by output/write-one.ts.
 *
 * Every copy is checked against the layout right after it is made (output/verify.ts): a source
 * that was rewritten or deleted since the scan fails the build with SOURCE_CHANGED, naming every
 * such file, before anything is put in place.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from '../../shared/report.js';
import { writeFileQuick } from './atomic-write.js';
import { cancelled, writeFailure } from './output/write-errors.js';
import { allAsWritten, applyInPlace, planInPlace, type InPlaceUpdate } from './output/in-place.js';
import { sourcePathOf, writeOne, type WriteOne } from './output/write-one.js';
import { putInPlace } from './output/swap.js';
import { mapLimit } from './output/concurrency.js';
import { remoteDirFor } from './output/layout.js';
import { readBuildCache, type BuildCache, type OutputRecord } from './output/build-cache.js';
import { saveBuildCache } from './output/next-cache.js';
import { earlyStatsFor, statPreviousOutputs, type EarlyOutStats, type OutStatOf, type OutStats } from './output/out-stats.js';
import { createReuse, type Reuse } from './output/reuse.js';
import { locationsFor, TEMP_PREFIX, type Locations } from './output/locations.js';
import { ownedFilesOf } from './output/owner.js';
import { prepareOutput, type Prepared } from './output/prepare.js';
import { startStaging, type Stager } from './output/stage.js';
import { lstatOrNull } from './output/real-paths.js';
import { removeTree } from './output/remove-tree.js';
import { reportBytes } from './output/prepared-bytes.js';
import { createVerifier, sourceChanged, type CopyVerifier } from './output/verify.js';
import type { HashCache } from './hash-cache.js';
import type { BuildProgressInfo, OutputFile, OutputLayout, Plan } from './types.js';

export { reportPathFor } from './output/locations.js';

/** Copies at once: keeps the disk busy without running out of file handles. */
const WRITE_CONCURRENCY = 32;
const PROGRESS_INTERVAL_MS = 100;
/** Unchanged files linked between two yields to the event loop (~10 ms of work here). */
const LINK_CHUNK = 256;

/** The file operations a build uses; tests pass failing ones to prove the build is atomic. */
export interface FsOps {
  copyFile(src: string, dest: string, mode: number): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Hard link for unchanged files (synchronous: see output/reuse.ts); without it every file is copied. */
  linkSync?(existing: string, newPath: string): void;
  /** The renames that put a build in place (and finish a killed one); fs.rename without it. */
  rename?(from: string, to: string): Promise<void>;
}

export interface WriteOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BuildProgressInfo) => void;
  readonly fsOps?: FsOps;
  /** The hashes the layout used, saved with the build cache for the next build. */
  readonly hashes?: HashCache;
  /** The build cache as already read for this build (undefined: read it here). */
  readonly saved?: BuildCache | null;
  /** The output as opened before the layout (openOutput); without it, writeOutput opens and closes its own. */
  readonly session?: OutputSession;
  /**
   * Called once everything is written into the temporary folder, before the first rename: a throw
   * there leaves OUT as it was (the app's build checks here that its analysis is still the disk).
   */
  readonly beforePutInPlace?: () => Promise<void>;
  /** OUT's stats taken before the output was opened (output/out-stats.ts): used only if still of the records read under the lock. */
  readonly early?: EarlyOutStats | null;
}

/**
 * Renames, and writes up to 1 MiB (the report, the manifest), synchronous underneath: each is a
 * few system calls, where a trip through the thread pool, busy with copies, costs ~1 ms.
 */
const rename = async (from: string, to: string): Promise<void> => renameSync(from, to);
const realFs: FsOps = { copyFile, writeFile: writeFileQuick, linkSync, rename };

/**
 * A build's hold on its output: the paths proven the studio's, the lock, the temporary folder and
 * the build cache as read. Opened before the layout when the build will write, so copies can run
 * while the layout hashes (output/stage.ts); closed (temporary folder removed, lock released) once
 * the build is in place or has failed.
 */
export interface OutputSession {
  readonly settings: Plan['settings'];
  readonly locations: Locations;
  readonly prepared: Prepared;
  readonly temp: string;
  /** The build cache of the last build, as read when the session opened. */
  previous: BuildCache | null;
  /** Copies made while the layout hashes (stageCopies), if started. */
  staged: Stager | null;
  /** The stat of each file the previous build wrote, taken on a worker while the build lays out (null: none taken). */
  outStats: OutStats | null;
  close(): Promise<void>;
}

export async function openOutput(
  settings: Plan['settings'],
  options: Pick<WriteOptions, 'fsOps' | 'saved' | 'early'> & {
    /**
     * Opened before the layout: stat OUT's files on a worker meanwhile. Not for an output opened
     * just before the write, where the main thread would only wait for the worker (slower on a
     * busy machine than taking the stats itself).
     */
    readonly statOutputsEarly?: boolean;
  } = {},
): Promise<OutputSession> {
  const fs = options.fsOps ?? realFs;
  const renameOp = fs.rename ? fs.rename.bind(fs) : rename;
  const outDir = settings.outDir;
  const locations = locationsFor(outDir, remoteDirFor(outDir));
  const prepared = await prepareOutput(locations, settings, renameOp).catch((error: unknown) => {
    throw writeFailure(error, outDir);
  });
  // mkdir, not mkdtemp: the folders get the umask's mode (0755), not 0700, once renamed into place.
  const temp = join(locations.state, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
  const session: OutputSession = {
    settings,
    locations,
    prepared,
    temp,
    previous: null,
    staged: null,
    outStats: null,
    async close() {
      // Staged copies still running would write into the folder being removed.
      await session.staged?.done;
      // With a journal left (a rename failed and could not be put back), the next build needs the folder.
      if (!(await lstatOrNull(locations.journal))) await removeTree(temp);
      await prepared.release();
    },
  };
  try {
    makeFolder(temp, outDir);
    session.previous = options.saved === undefined ? await readBuildCache(settings.sourceDir, outDir) : options.saved;
    // What OUT holds can be updated in place: its files' stats were taken before the lock against
    // these very records (the app's build), or are taken now, on another core, while the build
    // plans and lays out (output/out-stats.ts).
    if (session.previous && prepared.ownership.recorded) {
      session.outStats = earlyStatsFor(options.early, session.previous, prepared.owner) ?? (options.statOutputsEarly ? statPreviousOutputs(session.previous, locations) : null);
    }
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Starts copying, into the session's temporary folder, the sources the build will copy. */
export function stageCopies(session: OutputSession, plan: Plan, options: Pick<WriteOptions, 'fsOps' | 'signal'> = {}): void {
  const fs = options.fsOps ?? realFs;
  session.staged = startStaging(plan, session.temp, session.previous?.outputs ?? [], (src, dest, mode) => fs.copyFile(src, dest, mode), options.signal);
}

export async function writeOutput(plan: Plan, layout: OutputLayout, report: Report, options: WriteOptions = {}): Promise<void> {
  const own = options.session === undefined;
  const session = options.session ?? (await openOutput(plan.settings, options));
  try {
    await writeInto(session, plan, layout, report, options);
  } finally {
    if (own) await session.close();
  }
}

async function writeInto(session: OutputSession, plan: Plan, layout: OutputLayout, report: Report, options: WriteOptions): Promise<void> {
  const { settings } = plan;
  const { locations, prepared, temp, previous } = session;
  const fs = options.fsOps ?? realFs;
  const renameOp = fs.rename ? fs.rename.bind(fs) : rename;
  const outDir = settings.outDir;
  const remoteDir = locations.res;
  // Staged copies still running are taken by the writer one by one as they are made (stage.ts).
  const reportTemp = join(temp, 'report.json');
  const reuse = createReuse(plan, previous?.outputs ?? [], { outDir, remoteDir }, fs.linkSync ? (a, b) => fs.linkSync!(a, b) : null);
  const verifier = createVerifier(plan, options.hashes);
  const one: WriteOne = { settings, fs, verifier, reuse, changed: [], staged: session.staged };
  const writeReport = (): Promise<void> =>
    fs.writeFile(reportTemp, reportBytes(report)).catch((error: unknown) => {
      throw writeFailure(error, locations.report);
    });
  const { files: outFiles, resFiles } = ownedFilesOf(layout);

  /** A whole new OUT (output/swap.ts), unchanged files linked from the previous one. */
  const writeWhole = async (): Promise<void> => {
    const freshOut = join(temp, 'out');
    const freshRes = layout.remoteDir ? join(temp, 'res') : null;
    for (const dir of [freshOut, freshRes]) if (dir) makeFolder(dir, outDir);
    const outputs = await writeFiles(layout.files, { settings, freshOut, freshRes, outDir, remoteDir }, fs, reuse, verifier, one, options);
    await writeReport();
    await options.beforePutInPlace?.();
    if (options.signal?.aborted) throw cancelled();
    await putInPlace(locations, { temp, out: freshOut, res: freshRes, report: reportTemp, files: outFiles, resFiles }, prepared.ownership, renameOp).catch((error: unknown) => {
      throw writeFailure(error, outDir);
    });
    await saveBuildCache(plan, outputs, options.hashes, previous);
  };

  const decide = (outStats: OutStatOf | undefined): InPlaceUpdate | null =>
    planInPlace(plan, layout.files, layout.remoteDir !== null, locations, prepared.ownership.recorded, previous?.outputs, verifier, outStats);
  // OUT's stats still being taken on a worker: decide at once as if every file the records vouch
  // for is as the build wrote it, and write the changed files meanwhile; the kept files are then
  // checked against the stats, and one that is not as written (edited by hand) makes the decision
  // again from the stats, its files written afresh.
  const pending = session.outStats;
  let update = decide(pending ? (record) => record.written : undefined);
  if (!update) return writeWhole();
  // Only what changed is written; OUT and OUT-res are updated in place (output/in-place.ts).
  // The report is written meanwhile: the disk waits of the two overlap.
  let [written] = await settledBoth(writeChanged(update, join(temp, 'new'), one, options, layout.files), writeReport());
  // The build cache is saved now, while the stats of OUT and of the sources are still being taken
  // (the main thread would only wait). Every record in it is a fact about a stat (a file written
  // with it, a hash read at it), so the cache of an update that is then given up, rolled back or
  // killed only makes the next build copy a file again, never keep a wrong one.
  let saved = saveBuildCache(plan, [...update.kept, ...written.records], options.hashes, previous);
  if (pending) {
    const outStats = (await pending) ?? undefined;
    if (!allAsWritten(update.kept, locations, outStats)) {
      await saved;
      update = decide(outStats);
      if (!update) return writeWhole();
      written = await writeChanged(update, join(temp, 'new-checked'), one, options, layout.files);
      saved = saveBuildCache(plan, [...update.kept, ...written.records], options.hashes, previous);
    }
  }
  await saved;
  await options.beforePutInPlace?.();
  if (options.signal?.aborted) throw cancelled();
  await applyInPlace(locations, update, { temp, written: written.paths, report: reportTemp, files: outFiles, resFiles }, renameOp).catch((error: unknown) => {
    throw writeFailure(error, outDir);
  });
}

/** A folder of the build's temporary tree (one system call, so synchronous); a failure is told as the output's. */
function makeFolder(dir: string, outDir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    throw writeFailure(error, dirname(outDir));
  }
}

/** Both to the end, then the first one's failure if any: nothing is left running when the build fails. */
async function settledBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

/** An update in place: the changed files into `fresh/<n>` (in the temporary folder), each checked like any copy. */
async function writeChanged(
  update: InPlaceUpdate,
  fresh: string,
  one: WriteOne,
  options: WriteOptions,
  all: readonly OutputFile[],
): Promise<{ paths: string[]; records: OutputRecord[] }> {
  const { signal } = options;
  makeFolder(fresh, one.settings.outDir);
  const totalBytes = all.reduce((sum, file) => sum + file.bytes, 0);
  const changedBytes = update.write.reduce((sum, { file }) => sum + file.bytes, 0);
  const progress = { phase: 'write' as const, files: all.length - update.write.length, totalFiles: all.length, bytes: totalBytes - changedBytes, totalBytes };
  options.onProgress?.({ ...progress });
  const paths = update.write.map((_, index) => join(fresh, String(index)));
  const records: OutputRecord[] = [];
  await mapLimit(
    update.write,
    WRITE_CONCURRENCY,
    async ({ file, final }, index) => {
      const record = await writeOne(one, file, paths[index] as string, final);
      if (record) records.push(record);
      progress.files += 1;
      progress.bytes += file.bytes;
    },
    signal,
  ).catch((error: unknown) => {
    throw signal?.aborted ? cancelled() : error;
  });
  if (one.changed.length > 0) throw sourceChanged(one.changed, 'copying');
  options.onProgress?.({ ...progress, phase: 'done' });
  return { paths, records };
}

interface Targets {
  readonly settings: Plan['settings'];
  readonly freshOut: string;
  readonly freshRes: string | null;
  readonly outDir: string;
  readonly remoteDir: string;
}

async function writeFiles(
  files: readonly OutputFile[],
  targets: Targets,
  fs: FsOps,
  reuse: Reuse,
  verifier: CopyVerifier,
  one: WriteOne,
  options: WriteOptions,
): Promise<OutputRecord[]> {
  const { signal, onProgress } = options;
  const where = (file: OutputFile): { temp: string; final: string } => {
    const base = file.remote ? targets.freshRes : targets.freshOut;
    if (!base) throw new Error(`${file.out} is remote, but the layout has no remote folder`);
    return { temp: join(base, file.out), final: join(file.remote ? targets.remoteDir : targets.outDir, file.out) };
  };

  const dirs = [...new Set(files.map((file) => dirname(where(file).temp)))].sort();
  await mapLimit(dirs, WRITE_CONCURRENCY, (dir) => mkdir(dir, { recursive: true }).then(() => undefined), signal).catch(
    (error: unknown) => {
      throw signal?.aborted ? cancelled() : writeFailure(error, targets.outDir);
    },
  );

  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  let done = 0;
  let bytes = 0;
  let lastReport = 0;
  const progress = (phase: BuildProgressInfo['phase']): void => {
    onProgress?.({ phase, files: done, totalFiles: files.length, bytes, totalBytes });
  };
  progress('write');

  const advance = (file: OutputFile): void => {
    done += 1;
    bytes += file.bytes;
    const now = Date.now();
    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now;
      progress('write');
    }
  };

  // Unchanged files first: linked synchronously, a chunk at a time, yielding between chunks so a
  // cancel, progress and the rest of the process still get their turn.
  const records: OutputRecord[] = [];
  const rest: OutputFile[] = [];
  for (let start = 0; start < files.length; start += LINK_CHUNK) {
    if (signal?.aborted) throw cancelled();
    for (const file of files.slice(start, start + LINK_CHUNK)) {
      const linked = file.content === null && !file.encoded && verifier.mayLink(file, sourcePathOf(targets.settings, file)) ? reuse.tryLink(file, where(file).temp) : null;
      if (linked) {
        records.push(linked);
        advance(file);
      } else rest.push(file);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  await mapLimit(
    rest,
    WRITE_CONCURRENCY,
    async (file) => {
      const { temp, final } = where(file);
      const record = await writeOne(one, file, temp, final);
      if (record) records.push(record);
      advance(file);
    },
    signal,
  ).catch((error: unknown) => {
    throw signal?.aborted ? cancelled() : error;
  });
  // Every file that changed is named, not only the first: the user can tell what is still writing.
  if (one.changed.length > 0) throw sourceChanged(one.changed, 'copying');
  progress('done');
  return records;
}
