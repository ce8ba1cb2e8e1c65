/**
 * A plan's sizes, computed, not estimated: its settings laid over the project's (as the project
 * file would give them once written), then the engine's own plan → layout → report in memory,
 * with the hash cache of the analysis (no file is read twice).
 */
import type { FitSettings } from '../../../shared/fit.js';
import { isBlocking, type Problem } from '../../../shared/problems.js';
import { PROJECT_FILE_NAME, type ProjectFile } from '../../../shared/project-file.js';
import type { Report } from '../../../shared/report.js';
import { withBudgets, type GrowthBaseline } from '../checks/budgets.js';
import type { HashCache } from '../hash-cache.js';
import { layoutOutput } from '../output/layout.js';
import { planProject } from '../plan.js';
import { buildReport } from '../report.js';
import { fromProjectFile } from '../settings.js';
import type { Inventory, Plan, ProjectSettings } from '../types.js';

export interface Evaluation {
  readonly settings: ProjectSettings;
  readonly plan: Plan;
  readonly report: Report;
}

export interface EvaluateInput {
  readonly settings: ProjectSettings;
  readonly inventory: Inventory;
  readonly hashes: HashCache;
  readonly previous?: { readonly baseline: GrowthBaseline | null; readonly problems: readonly Problem[] };
}

/** The settings the project would have with `changes` written into its project file. */
export function settingsWith(settings: ProjectSettings, changes: FitSettings): ProjectSettings {
  const projectFile = { ...(settings.projectFile ?? {}), ...changes } as ProjectFile;
  const fromFile = (field: string): { name: string; field: string } => ({ name: PROJECT_FILE_NAME, field: `"${field}"` });
  const before = settings.projectFile?.exclude ?? [];
  return {
    ...settings,
    projectFile,
    ...(changes.remoteUrl !== undefined && { remoteUrl: changes.remoteUrl.trim() }),
    // settings.exclude is the game's own packOptions globs, then the project file's: swap the latter.
    ...(changes.exclude !== undefined && { exclude: [...settings.exclude.slice(0, settings.exclude.length - before.length), ...changes.exclude] }),
    ...(changes.subpackages !== undefined && { subpackages: changes.subpackages.map((item) => fromProjectFile(item)) }),
    ...(changes.optimize !== undefined && { optimize: changes.optimize }),
    sources: {
      ...settings.sources,
      ...(changes.remoteUrl !== undefined && { remoteUrl: fromFile('remoteUrl') }),
      ...(changes.subpackages !== undefined && { subpackages: fromFile('subpackages') }),
    },
  };
}

/** One retained set of what-if encodings per set of compression options (optimize/cache.ts). */
export function retainNameOf(settings: Pick<ProjectSettings, 'outDir' | 'optimize'>): string {
  return `fit ${settings.outDir} ${JSON.stringify(settings.optimize ?? null)}`;
}

export async function evaluate(input: EvaluateInput, changes: FitSettings): Promise<Evaluation> {
  const settings = settingsWith(input.settings, changes);
  const plan = await planProject(settings, input.inventory);
  // Never built: only its sizes are used (a file not hashed yet is not read for its name), and its
  // encodings stay in memory for the next ask without becoming what OUT's next save keeps.
  const layout = await layoutOutput(plan, input.hashes, { tolerateUnreadable: plan.problems.some(isBlocking), optimizeRetain: retainNameOf(settings), sizesOnly: true });
  return { settings, plan, report: withBudgets(buildReport(plan, layout), settings, input.previous) };
}
