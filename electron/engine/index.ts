/**
 * The engine's front door, used by the CLI and the app: one pass of the flow (settings → scan →
 * plan → layout → report), and a build that writes only when nothing blocks it.
 */
import { exitCodeFor, EXIT, isBlocking } from '../../shared/problems.js';
import { writeOutput } from './build.js';
import { cancelled } from './output/write-errors.js';
import { createHashCache, type HashCache } from './hash-cache.js';
import { layoutOutput } from './output/layout.js';
import { planProject } from './plan.js';
import { buildReport } from './report.js';
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

export type BuildOptions = AnalyseOptions;

export async function analyseProject(dir: string, overrides: SettingsOverrides = {}, options: AnalyseOptions = {}): Promise<Analysis> {
  const settings = await resolveSettings(dir, overrides);
  const inventory = await scan(settings.sourceDir, { signal: options.signal });
  const plan = await planProject(settings, inventory);
  // A project that will not be built still gets a report; unreadable files don't stop it.
  const layout = await layoutOutput(plan, options.hashes ?? createHashCache(), {
    signal: options.signal,
    onProgress: options.onProgress,
    tolerateUnreadable: plan.problems.some(isBlocking),
  });
  return { settings, inventory, plan, layout, report: buildReport(plan, layout) };
}

/** Exit code 1 and nothing written when a problem blocks the build; else 3 with errors, 0 without. */
export async function buildProject(dir: string, overrides: SettingsOverrides = {}, options: BuildOptions = {}): Promise<BuildOutcome> {
  const analysis = await analyseProject(dir, overrides, options).catch((error: unknown) => {
    throw options.signal?.aborted ? cancelled() : error;
  });
  const exitCode = exitCodeFor(analysis.report.problems);
  if (exitCode === EXIT.notBuilt) return { analysis, exitCode, built: false };
  await writeOutput(analysis.plan, analysis.layout, analysis.report, { signal: options.signal, onProgress: options.onProgress });
  return { analysis, exitCode, built: true };
}
