/**
 * The engine's front door, used by the CLI and the app: one pass of the flow (settings → scan →
 * plan → layout → report), and a build that writes only when nothing blocks it.
 */
import { performance } from 'node:perf_hooks';
import { exitCodeFor, EXIT, isBlocking } from '../../shared/problems.js';
import { openOutput, stageCopies, writeOutput, type FsOps, type OutputSession } from './build.js';
import { cancelled } from './output/write-errors.js';
import { createHashCache, isSourceChanged, type HashCache } from './hash-cache.js';
import { warmHashWorkers } from './hash-workers.js';
import { readBuildCache, type BuildCache } from './output/build-cache.js';
import { layoutOutput, remoteDirFor } from './output/layout.js';
import { locationsFor } from './output/locations.js';
import { statRememberedOutputs } from './output/out-stats.js';
import { keepsName } from './output/names.js';
import { saveOptimizeCache } from './optimize/index.js';
import { planProject } from './plan.js';
import { buildReport } from './report.js';
import { withBudgets } from './checks/budgets.js';
import { previousBuild, recordBuild } from './history/record.js';
import { inventoryStillOnDisk } from './stat-worker.js';
import { scan } from './scan.js';
import { resolveSettings } from './settings.js';
import type { RemoteServer } from './remote/serve-remote.js';
import type { Analysis, BuildOutcome, BuildProgressInfo, Inventory, Plan, SettingsOverrides } from './types.js';

export type { Analysis, BuildOutcome } from './types.js';
export { createHashCache, type HashCache } from './hash-cache.js';
export type { RemoteServer } from './remote/serve-remote.js';

/** serve-remote, loaded on first use: a build never needs the web server. */
export async function serveRemote(...args: Parameters<typeof import('./remote/serve-remote.js').serveRemote>): Promise<RemoteServer> {
  return (await import('./remote/serve-remote.js')).serveRemote(...args);
}

export interface AnalyseOptions {
  /** Kept between runs (watch, the app) so unchanged files are never hashed twice. */
  readonly hashes?: HashCache;
  readonly signal?: AbortSignal;
  /** Hashing progress; a build adds writing progress. */
  readonly onProgress?: (progress: BuildProgressInfo) => void;
}

export interface BuildOptions extends AnalyseOptions {
  /** The build's file operations (tests make files change at a chosen moment). */
  readonly fsOps?: FsOps;
}

/** Build caches already loaded into a hash cache (by OUT), so a watch session reads each once. */
const remembered = new WeakMap<HashCache, Set<string>>();

/**
 * Hashes saved by the last build into this OUT, so a new process need not read unchanged files.
 * Returns the cache when it read it (a build passes it on to the writer), undefined when not.
 */
async function rememberSavedHashes(hashes: HashCache, sourceDir: string, outDir: string): Promise<BuildCache | null | undefined> {
  const seen = remembered.get(hashes) ?? new Set<string>();
  remembered.set(hashes, seen);
  if (seen.has(outDir)) return undefined;
  seen.add(outDir);
  const saved = await readBuildCache(sourceDir, outDir);
  if (saved) hashes.remember(saved.hashes);
  return saved;
}

async function analyse(
  dir: string,
  overrides: SettingsOverrides,
  options: AnalyseOptions,
  hashes: HashCache,
  /** Between plan and layout: a build opens its output here, so copies run while the layout hashes. */
  beforeLayout?: (plan: Plan, saved: BuildCache | null | undefined) => Promise<void>,
): Promise<{ analysis: Analysis; saved: BuildCache | null | undefined }> {
  const settings = await resolveSettings(dir, overrides);
  // Names or cache keys to hash: the workers start while the scan and the plan run.
  if (settings.md5Cache || settings.remoteUrl || settings.optimize) warmHashWorkers();
  const [inventory, saved, previous] = await Promise.all([
    scan(settings.sourceDir, { signal: options.signal, followLinksOutside: settings.includeLinksOutsideProject }),
    rememberSavedHashes(hashes, settings.sourceDir, settings.outDir),
    previousBuild(settings),
  ]);
  const plan = await planProject(settings, inventory);
  await beforeLayout?.(plan, saved);
  // A project that will not be built still gets a report; unreadable files don't stop it.
  const layout = await layoutOutput(plan, hashes, {
    signal: options.signal,
    onProgress: options.onProgress,
    tolerateUnreadable: plan.problems.some(isBlocking),
  });
  return { analysis: { settings, inventory, plan, layout, report: withBudgets(buildReport(plan, layout), settings, previous) }, saved };
}

export async function analyseProject(dir: string, overrides: SettingsOverrides = {}, options: AnalyseOptions = {}): Promise<Analysis> {
  const hashes = options.hashes ?? createHashCache();
  return (await retryOnChange(options, () => analyse(dir, overrides, options, hashes))).analysis;
}

/**
 * Exit code 1 and nothing written when a problem blocks the build; else 3 with errors, 0 without.
 * A file that changes while the build reads or copies it (SOURCE_CHANGED) makes the build start
 * over once from the scan, so that names, sizes, manifest and report all follow its new bytes; a
 * second change fails the build, naming the files, with the previous output untouched.
 */
export async function buildProject(dir: string, overrides: SettingsOverrides = {}, options: BuildOptions = {}): Promise<BuildOutcome> {
  const startedAt = performance.now();
  const hashes = options.hashes ?? createHashCache();
  return retryOnChange(options, async () => {
    let session: OutputSession | null = null;
    let refused: { error: unknown } | null = null;
    let written: { analysis: Analysis; exitCode: number };
    try {
      const { analysis, saved } = await analyse(dir, overrides, options, hashes, async (plan, cache) => {
        if (plan.problems.some(isBlocking)) return;
        // A refusal (a user's file at OUT, another build running) is told only if the build would write.
        session = await openOutput(plan.settings, { fsOps: options.fsOps, saved: cache, statOutputsEarly: true }).catch((error: unknown) => {
          refused = { error };
          return null;
        });
        if (session) stageCopies(session, plan, { fsOps: options.fsOps, signal: options.signal });
      }).catch((error: unknown) => {
        throw options.signal?.aborted ? cancelled() : error;
      });
      const exitCode = exitCodeFor(analysis.report.problems);
      if (exitCode === EXIT.notBuilt) return { analysis, exitCode, built: false };
      if (refused) throw (refused as { error: unknown }).error;
      await writeOutput(analysis.plan, analysis.layout, analysis.report, {
        signal: options.signal,
        onProgress: options.onProgress,
        hashes,
        saved,
        fsOps: options.fsOps,
        ...(session ? { session } : {}),
      });
      // OUT is in place and the studio's folder beside it proven its own: the compression cache keeps what this build used.
      await saveOptimizeCache(hashes, analysis.settings.outDir);
      written = { analysis, exitCode };
    } finally {
      await (session as OutputSession | null)?.close();
    }
    // After OUT is in place: the build history (fail-soft, it never fails the build).
    return { ...written, built: true, history: await recordBuild(written.analysis, written.exitCode, { startedAt }) };
  });
}

export interface AnalysedBuildOptions extends BuildOptions {
  /** The project and flags the analysis was made for: a file that changed since is built from a fresh scan. */
  readonly dir: string;
  readonly overrides?: SettingsOverrides;
}

/**
 * A build from an analysis that is already current (the app's live project: its watcher saw every
 * change, its plan, layout and report follow them), without planning or laying out again; with
 * the build cache on disk, it updates OUT in place (output/in-place.ts). A file saved a moment ago
 * may not have reached the watcher yet, so the analysis is proven to be of the files on disk now
 * (a stat of every file, on a worker thread while OUT is checked and the changed files written:
 * stat-worker.ts; or a scan) before anything is put in place; else it is a full build from a
 * fresh scan (buildProject). The report is judged again only for a growth budget (against the
 * previous build). Every copy is still checked against the bytes hashed, and a file that changed
 * after the analysis (SOURCE_CHANGED) makes it a full build too.
 */
export async function buildFromAnalysis(analysis: Analysis, options: AnalysedBuildOptions): Promise<BuildOutcome> {
  const startedAt = performance.now();
  const { settings, plan, layout } = analysis;
  const fresh = (): Promise<BuildOutcome> => buildProject(options.dir, options.overrides ?? {}, options);
  // A live layout tolerates a file it could not hash (gone between the event and the read); a build never ships one.
  if (!hashedWhereNeeded(analysis)) return fresh();
  const checking = inventoryStillOnDisk(analysis.inventory);
  // OUT's stats for the update in place, on a second worker meanwhile (used only if still of the records read under the lock).
  const early = statRememberedOutputs(settings.sourceDir, locationsFor(settings.outDir, remoteDirFor(settings.outDir)));
  if (!checking) {
    const onDisk = await scan(settings.sourceDir, { signal: options.signal, followLinksOutside: settings.includeLinksOutsideProject });
    if (!sameInventory(onDisk, analysis.inventory)) return fresh();
  }
  const previous = await previousBuild(settings);
  const report = previous.baseline ? withBudgets(buildReport(plan, layout), settings, previous) : analysis.report;
  const current = report === analysis.report ? analysis : { ...analysis, report };
  const exitCode = exitCodeFor(report.problems);
  if (exitCode === EXIT.notBuilt) return (await (checking ?? true)) ? { analysis: current, exitCode, built: false } : fresh();
  let stale = false;
  try {
    await writeOutput(plan, layout, report, {
      signal: options.signal,
      onProgress: options.onProgress,
      hashes: options.hashes,
      fsOps: options.fsOps,
      early,
      beforePutInPlace: async () => {
        if (checking && !(await checking)) {
          stale = true;
          throw cancelled();
        }
      },
    });
  } catch (error) {
    if (stale && !options.signal?.aborted) return fresh();
    if (!isSourceChanged(error) || options.signal?.aborted) throw error;
    return fresh();
  }
  // The analysis's encodings live in the hash cache it was made with (the live project's).
  if (options.hashes) await saveOptimizeCache(options.hashes, settings.outDir);
  return { analysis: current, exitCode, built: true, history: await recordBuild(current, exitCode, { startedAt }) };
}

/** The same files, folders and entries the scan could not take, each file with the same stat. */
function sameInventory(a: Inventory, b: Inventory): boolean {
  if (a.files.size !== b.files.size || a.unreadable.length !== b.unreadable.length || (a.folders?.size ?? 0) !== (b.folders?.size ?? 0)) return false;
  if ((a.linksOutside?.length ?? 0) !== (b.linksOutside?.length ?? 0)) return false;
  for (const [path, file] of a.files) {
    const other = b.files.get(path);
    if (!other || other.size !== file.size || other.mtimeMs !== file.mtimeMs || other.ino !== file.ino) return false;
  }
  for (const folder of a.folders ?? []) if (!b.folders?.has(folder)) return false;
  return a.unreadable.every((entry, index) => entry.path === b.unreadable[index]?.path);
}

/** Every copied file whose name or cache key needs its content hash has one. */
function hashedWhereNeeded({ settings, layout }: Analysis): boolean {
  return layout.files.every((file) => file.content !== null || file.hash !== undefined || !(file.remote || (settings.md5Cache && !keepsName(file.out))));
}

/** Runs a pass, and once more when a file changed under it (not after a cancel). */
async function retryOnChange<T>(options: AnalyseOptions, pass: () => Promise<T>): Promise<T> {
  try {
    return await pass();
  } catch (error) {
    if (!isSourceChanged(error) || options.signal?.aborted) throw error;
    return pass();
  }
}
