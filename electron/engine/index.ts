/**
 * The engine's front door, used by the CLI and the app: one pass of the flow (settings → scan →
 * plan → layout → report), and a build that writes only when nothing blocks it.
 */
import { performance } from 'node:perf_hooks';
import { exitCodeFor, EXIT, isBlocking } from '../../shared/problems.js';
import { writeOutput, type FsOps } from './build.js';
import { cancelled } from './output/write-errors.js';
import { createHashCache, isSourceChanged, type HashCache } from './hash-cache.js';
import { readBuildCache, type BuildCache } from './output/build-cache.js';
import { layoutOutput } from './output/layout.js';
import { saveOptimizeCache } from './optimize/index.js';
import { planProject } from './plan.js';
import { buildReport } from './report.js';
import { withBudgets } from './checks/budgets.js';
import { previousBuild, recordBuild } from './history/record.js';
import { scan } from './scan.js';
import { resolveSettings } from './settings.js';
import type { Analysis, BuildOutcome, BuildProgressInfo, SettingsOverrides } from './types.js';

export type { Analysis, BuildOutcome } from './types.js';
export { createHashCache, type HashCache } from './hash-cache.js';
export { serveRemote, type RemoteServer } from './remote/serve-remote.js';

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
): Promise<{ analysis: Analysis; saved: BuildCache | null | undefined }> {
  const settings = await resolveSettings(dir, overrides);
  const [inventory, saved, previous] = await Promise.all([
    scan(settings.sourceDir, { signal: options.signal, followLinksOutside: settings.includeLinksOutsideProject }),
    rememberSavedHashes(hashes, settings.sourceDir, settings.outDir),
    previousBuild(settings),
  ]);
  const plan = await planProject(settings, inventory);
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
    const { analysis, saved } = await analyse(dir, overrides, options, hashes).catch((error: unknown) => {
      throw options.signal?.aborted ? cancelled() : error;
    });
    const exitCode = exitCodeFor(analysis.report.problems);
    if (exitCode === EXIT.notBuilt) return { analysis, exitCode, built: false };
    await writeOutput(analysis.plan, analysis.layout, analysis.report, {
      signal: options.signal,
      onProgress: options.onProgress,
      hashes,
      saved,
      fsOps: options.fsOps,
    });
    // OUT is in place and the studio's folder beside it proven its own: the compression cache keeps what this build used.
    await saveOptimizeCache(hashes, analysis.settings.outDir);
    // After OUT is in place: the build history (fail-soft, it never fails the build).
    return { analysis, exitCode, built: true, history: await recordBuild(analysis, exitCode, { startedAt }) };
  });
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
