/**
 * The fit planner's front door: analyse the project (the engine's own pipeline), then plan. The
 * app calls planFit on its live analysis instead, with the live project's hash cache.
 */
import type { FitAnswer } from '../../../shared/fit.js';
import { previousBuild } from '../history/record.js';
import { analyseProject, createHashCache, type AnalyseOptions } from '../index.js';
import type { Analysis, SettingsOverrides } from '../types.js';
import { planFit, type PlanFitOptions } from './planner.js';

export { planFit, type PlanFitOptions } from './planner.js';
export type { FitProposer, FitContext, FitOption } from './context.js';
export { DEFAULT_PROPOSERS } from './proposers/index.js';

export async function fitProject(
  dir: string,
  overrides: SettingsOverrides = {},
  options: AnalyseOptions & Partial<Pick<PlanFitOptions, 'proposers'>> = {},
): Promise<{ analysis: Analysis; answer: FitAnswer }> {
  const hashes = options.hashes ?? createHashCache();
  const analysis = await analyseProject(dir, overrides, { ...options, hashes });
  const previous = await previousBuild(analysis.settings);
  return { analysis, answer: await planFit(analysis, { hashes, proposers: options.proposers, previous }) };
}
