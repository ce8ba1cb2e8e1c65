/** Settings → scan → plan for a test project, and helpers to look at the problems found. */
import type { Problem, ProblemCode } from '../../../shared/problems.js';
import { planProject } from '../plan.js';
import { scan } from '../scan.js';
import { resolveSettings } from '../settings.js';
import type { Plan, SettingsOverrides } from '../types.js';

export async function planFor(dir: string, overrides: SettingsOverrides = {}): Promise<Plan> {
  const settings = await resolveSettings(dir, overrides);
  return planProject(settings, await scan(settings.sourceDir, { followLinksOutside: settings.includeLinksOutsideProject }));
}

export function problemsWith(problems: readonly Problem[], code: ProblemCode): Problem[] {
  return problems.filter((p) => p.code === code);
}

export function codes(problems: readonly Problem[]): ProblemCode[] {
  return [...new Set(problems.map((p) => p.code))].sort();
}
