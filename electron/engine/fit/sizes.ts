/** A report's sizes against the lowest of each limit and budget, as the fit planner judges them. */
import type { FitSizes, FitStatus } from '../../../shared/fit.js';
import type { Report } from '../../../shared/report.js';
import { parseBudgets } from '../checks/budgets.js';
import type { ProjectSettings } from '../types.js';

/** Within this share of a limit or budget, the planner proposes plans already (the report warns at 95 %). */
export const FIT_NEAR_RATIO = 0.9;

export function statusOf(bytes: number, ceiling: number | null): FitStatus {
  if (ceiling === null) return 'ok';
  if (bytes > ceiling) return 'over';
  return bytes >= ceiling * FIT_NEAR_RATIO ? 'near' : 'ok';
}

/** The lower of a limit and a budget; null when there is neither. */
export function ceilingOf(limit: number | null, budget: number | null): number | null {
  if (limit === null) return budget;
  return budget === null ? limit : Math.min(limit, budget);
}

export function fitSizes(report: Report, settings: Pick<ProjectSettings, 'projectFile'>): FitSizes {
  const budgets = parseBudgets(settings);
  const packages = report.packages.map((p) => {
    const budgetBytes = budgets.get(p.name) ?? null;
    return { name: p.name, kind: p.kind, bytes: p.bytes, limitBytes: p.limitBytes, budgetBytes, status: statusOf(p.bytes, ceilingOf(p.limitBytes, budgetBytes)) };
  });
  const totalBudget = budgets.get('total') ?? null;
  return {
    packages,
    total: {
      bytes: report.totalBytes,
      limitBytes: report.totalLimitBytes,
      budgetBytes: totalBudget,
      status: statusOf(report.totalBytes, ceilingOf(report.totalLimitBytes, totalBudget)),
    },
    remoteBytes: report.remote?.bytes ?? 0,
  };
}

/** Whether anything is over or close. */
export function isPressed(sizes: FitSizes): boolean {
  return sizes.total.status !== 'ok' || sizes.packages.some((p) => p.status !== 'ok');
}

/** Whether nothing is over (near is fine: it fits). */
export function allWithin(sizes: FitSizes): boolean {
  return sizes.total.status !== 'over' && sizes.packages.every((p) => p.status !== 'over');
}
