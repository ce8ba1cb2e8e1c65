/**
 * The fit planner: when a package or the total is over, or within 10 % of, its limit or budget,
 * each proposer offers ways to make room; each is evaluated alone by the real pipeline
 * (evaluate.ts), and, when none fits alone, together in rank order until they fit. Plans are
 * ranked by how safe they are, then by the bytes they take off what is pressed.
 */
import type { FitAction, FitAnswer, FitPlan, FitSafety, FitSizes } from '../../../shared/fit.js';
import type { Problem } from '../../../shared/problems.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import type { GrowthBaseline } from '../checks/budgets.js';
import type { HashCache } from '../hash-cache.js';
import { formatBytes } from '../report.js';
import type { Analysis } from '../types.js';
import { makeContext, settingsOf, type FitContext, type FitOption, type FitProposer, type ProposedAction } from './context.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { explainLeft } from './left.js';
import { DEFAULT_PROPOSERS } from './proposers/index.js';
import { allWithin, fitSizes, isPressed } from './sizes.js';
import { describePressure } from './summary.js';

export interface PlanFitOptions {
  readonly hashes: HashCache;
  readonly proposers?: readonly FitProposer[];
  readonly previous?: { readonly baseline: GrowthBaseline | null; readonly problems: readonly Problem[] };
}

const SIZE_CODES: ReadonlySet<string> = new Set(['MAIN_PACKAGE_TOO_LARGE', 'SUBPACKAGE_TOO_LARGE', 'INDEPENDENT_SUBPACKAGE_TOO_LARGE', 'TOTAL_TOO_LARGE', 'BUDGET_EXCEEDED']);
const SAFETY_RANK: Readonly<Record<FitSafety, number>> = { safe: 0, probable: 1, 'code-change': 2 };

export async function planFit(analysis: Analysis, options: PlanFitOptions): Promise<FitAnswer> {
  const current = fitSizes(analysis.report, analysis.settings);
  const base = { platform: analysis.settings.platform, current, summary: describePressure(current) };
  if (!isPressed(current)) return { ...base, pressed: false, plans: [], left: null };
  const ctx = await makeContext(analysis, current, options.hashes);
  const offered = (await Promise.all((options.proposers ?? DEFAULT_PROPOSERS).map((p) => p.propose(ctx)))).flat();
  const input = { settings: analysis.settings, inventory: analysis.inventory, hashes: options.hashes, previous: options.previous };
  const errorsNow = new Set(analysis.report.problems.filter((p) => p.severity === 'error').map(problemKey));

  const tried: Draft[] = [];
  for (const option of offered) tried.push(await draft(ctx, option, input, errorsNow));
  const ranked = [...tried].sort(byRank);
  if (!ranked.some((d) => d.fits) && offered.length > 1) {
    // Together, in rank order, until they fit: each option at most once, one action per kind of setting.
    const together: ProposedAction[] = [];
    let best: Draft | null = null;
    let added = 0;
    for (const one of ranked) {
      // An option that brings an error of its own can't help a combination fit.
      if (one.plan.newErrors.length > 0) continue;
      const fresh = one.option.actions.filter((a) => !together.includes(a) && !together.some((t) => conflicts(t, a)));
      if (fresh.length === 0) continue;
      together.push(...fresh);
      if (++added < 2) continue;
      best = await draft(ctx, { title: 'All of these together', actions: [...together] }, input, errorsNow);
      if (best.fits) break;
    }
    if (best) tried.push(best);
  }
  const plans = [...tried].sort(byRank).map((d, i): FitPlan => ({ ...d.plan, id: i + 1 }));
  const left = plans.some((p) => p.fits) ? null : explainLeft(ctx, bestOf(tried)?.evaluation ?? null);
  return { ...base, pressed: true, plans, left };
}

interface Draft {
  readonly option: FitOption;
  readonly plan: Omit<FitPlan, 'id'>;
  readonly evaluation: Evaluation;
  readonly fits: boolean;
  readonly rank: number;
}

async function draft(ctx: FitContext, option: FitOption, input: Parameters<typeof evaluate>[0], errorsNow: ReadonlySet<string>): Promise<Draft> {
  const settings = settingsOf(ctx, option.actions.map((a) => a.delta));
  const evaluation = await evaluate(input, settings);
  const result = fitSizes(evaluation.report, evaluation.settings);
  const newErrors = evaluation.report.problems
    .filter((p) => p.severity === 'error' && !SIZE_CODES.has(p.code) && !errorsNow.has(problemKey(p)))
    .map((p) => p.message);
  const fits = allWithin(result) && newErrors.length === 0;
  const mainAfter = result.packages.find((p) => p.name === MAIN_PACKAGE);
  const actions: FitAction[] = option.actions.map(({ delta: _delta, ...action }) =>
    // Said plainly when a Remote URL is not enough: what stays is what can't move.
    action.kind === 'remote-url' && option.actions.length === 1 && mainAfter?.status === 'over'
      ? { ...action, limits: [`Not enough on its own: the main package would still be ${formatBytes(mainAfter.bytes)}, over ${formatBytes(Math.min(mainAfter.limitBytes ?? Infinity, mainAfter.budgetBytes ?? Infinity))}.`, ...action.limits] }
      : action,
  );
  const safety = actions.reduce<FitSafety>((worst, a) => (SAFETY_RANK[a.safety] > SAFETY_RANK[worst] ? a.safety : worst), 'safe');
  const uncertain = actions.some((a) => a.uncertain.length > 0);
  const plan: Omit<FitPlan, 'id'> = {
    title: option.title,
    safe: safety === 'safe' && !uncertain,
    safety,
    actions,
    settings,
    result,
    fits,
    bytesSaved: bytesSaved(ctx.current, result),
    newErrors,
    needsInput: actions.flatMap((a) => (a.needsInput ? [a.needsInput] : [])),
  };
  // Within a kind of safety: a plan that brings an error of its own after one that does not, then an uncertain one.
  return { option, plan, evaluation, fits, rank: SAFETY_RANK[safety] * 4 + (newErrors.length > 0 ? 2 : 0) + (uncertain ? 1 : 0) };
}

/** Two actions that set the same setting (a PNG mode, a JPEG quality, the Remote URL): only the first, safer one is combined. */
function conflicts(a: ProposedAction, b: ProposedAction): boolean {
  const [x, y] = [a.delta, b.delta];
  if (x.remoteUrl !== undefined && y.remoteUrl !== undefined) return true;
  return (x.optimize?.png !== undefined && y.optimize?.png !== undefined) || (x.optimize?.jpeg !== undefined && y.optimize?.jpeg !== undefined);
}

function byRank(a: Draft, b: Draft): number {
  return a.rank - b.rank || b.plan.bytesSaved - a.plan.bytesSaved || a.plan.actions.length - b.plan.actions.length;
}

function bestOf(drafts: readonly Draft[]): Draft | undefined {
  return [...drafts].sort((a, b) => b.plan.bytesSaved - a.plan.bytesSaved)[0];
}

/** Bytes taken off the packages that are pressed now (off the total when only the total is). */
function bytesSaved(current: FitSizes, result: FitSizes): number {
  const pressed = current.packages.filter((p) => p.status !== 'ok');
  if (pressed.length === 0) return current.total.bytes - result.total.bytes;
  let saved = 0;
  for (const pkg of pressed) saved += pkg.bytes - (result.packages.find((p) => p.name === pkg.name)?.bytes ?? 0);
  return saved;
}

function problemKey(p: Problem): string {
  return `${p.code}\u0000${p.path ?? ''}\u0000${p.field ?? ''}`;
}

