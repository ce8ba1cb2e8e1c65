/**
 * What every proposer reads: the analysis, the script graph with the text files added (the plan's
 * script nodes reused, so no script is read twice), what the main package's entry reaches, and
 * the sizes now.
 */
import type { FitAction, FitSettings, FitSizes } from '../../../shared/fit.js';
import type { OptimizeSettings } from '../../../shared/optimize.js';
import type { Platform } from '../../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { buildScriptGraph, reachFrom, type Reach, type ScriptGraph } from '../checks/script-graph.js';
import type { ScriptCache } from '../checks/script-refs.js';
import { createScriptCache } from '../checks/script-refs.js';
import type { HashCache } from '../hash-cache.js';
import type { Analysis, PlannedFile } from '../types.js';

export interface FitContext {
  readonly analysis: Analysis;
  readonly graph: ScriptGraph;
  readonly byPath: ReadonlyMap<string, PlannedFile>;
  /** Files reached from the main package's entry, without leaving the main package. */
  readonly mainReach: Reach;
  readonly current: FitSizes;
  /** 'wx' or 'my': what the game's code calls. */
  readonly api: 'wx' | 'my';
  /** The session's hash cache: what a proposer measures (image encodings) is cached with it, for the plans' layouts. */
  readonly hashes: HashCache;
}

/** What an action adds to the project file; actions of a plan add up. */
export interface FitDelta {
  readonly remoteUrl?: string;
  readonly exclude?: readonly string[];
  readonly subpackages?: readonly { readonly name: string; readonly root: string }[];
  /** Keys laid over the project's "optimize" (png, jpeg). */
  readonly optimize?: OptimizeSettings;
}

export interface ProposedAction extends FitAction {
  readonly delta: FitDelta;
}

/** One way to make room; the planner evaluates each alone, and together with the others when none fits alone. */
export interface FitOption {
  readonly title: string;
  readonly actions: readonly ProposedAction[];
}

/**
 * A proposer: one module per kind of move (Remote URL, subpackages, unused files, …). Image
 * compression at build is one more entry of this list (docs/FIT.md).
 */
export interface FitProposer {
  readonly id: string;
  propose(ctx: FitContext): Promise<readonly FitOption[]> | readonly FitOption[];
}

export async function makeContext(analysis: Analysis, current: FitSizes, hashes: HashCache, scripts: ScriptCache = sharedTextCache): Promise<FitContext> {
  const { settings, plan } = analysis;
  const byPath = new Map<string, PlannedFile>();
  for (const file of plan.files) byPath.set(file.path, file);
  const graph = await buildScriptGraph({ settings, files: plan.files, byPath, scripts }, { withText: true, reuse: plan.graph });
  const mainReach = reachFrom(graph, [settings.entry], (path) => byPath.get(path)?.package === MAIN_PACKAGE);
  return { analysis, graph, byPath, mainReach, current, api: apiOf(settings.platform), hashes };
}

/** Text files parsed for the planner, kept between runs like the plan's scripts. */
const sharedTextCache = createScriptCache();

export function apiOf(platform: Platform): 'wx' | 'my' {
  return platform === 'alipay' ? 'my' : 'wx';
}

/** The project-file settings of some deltas, over what the project has now: only the keys they touch. */
export function settingsOf(ctx: FitContext, deltas: readonly FitDelta[]): FitSettings {
  const { settings } = ctx.analysis;
  const pf = settings.projectFile ?? {};
  const out: Record<string, unknown> = {};
  const remote = deltas.find((d) => d.remoteUrl !== undefined)?.remoteUrl;
  if (remote !== undefined) out.remoteUrl = remote;
  const excludes = deltas.flatMap((d) => d.exclude ?? []);
  if (excludes.length > 0) out.exclude = [...new Set([...(pf.exclude ?? []), ...excludes])];
  const subs = deltas.flatMap((d) => d.subpackages ?? []);
  if (subs.length > 0) {
    const existing = pf.subpackages ?? settings.subpackages.map(({ name, root, independent, extra }) => ({ name, root, ...(independent && { independent }), ...extra }));
    out.subpackages = [...existing, ...subs];
  }
  const optimize = deltas.filter((d) => d.optimize !== undefined);
  if (optimize.length > 0) out.optimize = optimizeWith(pf.optimize, optimize.map((d) => d.optimize as OptimizeSettings));
  return out as FitSettings;
}

/** The project's "optimize" with each delta's keys laid over it, in order (its own exclude kept). */
export function optimizeWith(own: OptimizeSettings | undefined, deltas: readonly OptimizeSettings[]): OptimizeSettings {
  return deltas.reduce<OptimizeSettings>((sum, delta) => ({ ...sum, ...delta }), { ...(own ?? {}) });
}
