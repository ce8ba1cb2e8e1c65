/**
 * Size budgets (minigame-studio.json "budgets"): the team's own ceilings, judged on a report.
 * Over a budget is BUDGET_EXCEEDED (exit 3, like a platform limit); within 5 % of it is
 * BUDGET_NEAR. `growth` is judged per package against the previous build of the same platform
 * (the build history), so a pull request that adds 600 KB is caught by the build that adds it.
 */
import { BUDGET_KEYS, type BudgetKey, type BudgetResult, type BudgetStatus } from '../../../shared/budgets.js';
import { NEAR_LIMIT_RATIO } from '../../../shared/platforms.js';
import type { Problem } from '../../../shared/problems.js';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import type { PackageReport, Report } from '../../../shared/report.js';
import { parseSize } from '../../../shared/sizes.js';
import { formatBytes, sortProblems } from '../report.js';
import type { ProjectSettings } from '../types.js';
import { problem } from './context.js';

/** The package sizes of the previous build, what growth is measured from. */
export interface GrowthBaseline {
  /** Names the build in messages (a history entry's id). */
  readonly label: string;
  readonly packages: readonly { readonly name: string; readonly bytes: number }[];
}

const SPECIAL: ReadonlySet<string> = new Set(BUDGET_KEYS);

/** The budgets of the project file, in bytes, by key. The schema already refused bad values. */
export function parseBudgets(settings: Pick<ProjectSettings, 'projectFile'>): ReadonlyMap<string, number> {
  const budgets = new Map<string, number>();
  for (const [key, value] of Object.entries(settings.projectFile?.budgets ?? {})) {
    const parsed = parseSize(value);
    if (parsed.ok) budgets.set(key, parsed.bytes);
  }
  return budgets;
}

function statusOf(bytes: number, limit: number): BudgetStatus {
  if (bytes > limit) return 'exceeded';
  return limit > 0 && bytes >= limit * NEAR_LIMIT_RATIO ? 'near' : 'ok';
}

function packageLabel(pkg: Pick<PackageReport, 'name' | 'kind'>): string {
  if (pkg.kind === 'main') return 'The main package';
  return `${pkg.kind === 'independent' ? 'Independent subpackage' : 'Subpackage'} "${pkg.name}"`;
}

function field(key: string): string {
  return `budgets.${key}`;
}

export interface BudgetJudgement {
  readonly results: BudgetResult[];
  readonly problems: Problem[];
}

export function judgeBudgets(report: Report, budgets: ReadonlyMap<string, number>, previous: GrowthBaseline | null): BudgetJudgement {
  const results: BudgetResult[] = [];
  const problems: Problem[] = [];
  const judge = (result: BudgetResult, what: string, key: string, advice: string): void => {
    const where = `${PROJECT_FILE_NAME} ${field(key)}`;
    if (result.status === 'ok') {
      results.push(result);
      return;
    }
    const found =
      result.status === 'exceeded'
        ? problem('error', 'BUDGET_EXCEEDED', `${what}, over its budget of ${formatBytes(result.limitBytes)} (${where}) by ${formatBytes(result.bytes - result.limitBytes)}. ${advice}`, null, field(key))
        : problem('warning', 'BUDGET_NEAR', `${what}, ${((result.bytes / result.limitBytes) * 100).toFixed(1)} % of its budget of ${formatBytes(result.limitBytes)} (${where}). ${advice}`, null, field(key));
    problems.push(found);
    results.push({ ...result, message: found.message });
  };
  const shrink = 'Move files to a subpackage or the Remote URL, or raise the budget.';

  for (const [key, limitBytes] of budgets) {
    if (SPECIAL.has(key)) continue;
    const pkg = report.packages.find((p) => p.name === key);
    if (!pkg) {
      problems.push(
        problem(
          'warning',
          'BUDGET_UNKNOWN_PACKAGE',
          `${field(key)} names no package of this project (its packages are ${report.packages.map((p) => p.name).join(', ')}), so it is not checked. Fix the name in ${PROJECT_FILE_NAME}; besides package names, budgets take "total", "remote" and "growth".`,
          null,
          field(key),
        ),
      );
      continue;
    }
    judge({ kind: 'package', name: key, limitBytes, bytes: pkg.bytes, status: statusOf(pkg.bytes, limitBytes) }, `${packageLabel(pkg)} is ${formatBytes(pkg.bytes)}`, key, shrink);
  }

  const special = (key: BudgetKey): number | undefined => budgets.get(key);
  const total = special('total');
  if (total !== undefined) {
    judge({ kind: 'total', name: 'total', limitBytes: total, bytes: report.totalBytes, status: statusOf(report.totalBytes, total) }, `All packages together are ${formatBytes(report.totalBytes)}`, 'total', 'Serve images and audio from the Remote URL, exclude files the game does not use, or raise the budget.');
  }
  const remote = special('remote');
  if (remote !== undefined) {
    const bytes = report.remote?.bytes ?? 0;
    judge({ kind: 'remote', name: 'remote', limitBytes: remote, bytes, status: statusOf(bytes, remote) }, `The Remote URL's files are ${formatBytes(bytes)}`, 'remote', 'Compress images and audio, keep fewer files remote, or raise the budget.');
  }
  const growth = special('growth');
  if (growth !== undefined && previous) {
    for (const pkg of report.packages) {
      // A package the previous build did not have grew from nothing.
      const before = previous.packages.find((p) => p.name === pkg.name)?.bytes ?? 0;
      const grew = pkg.bytes - before;
      judge(
        { kind: 'growth', name: pkg.name, limitBytes: growth, bytes: grew, status: grew <= 0 ? 'ok' : statusOf(grew, growth) },
        `${packageLabel(pkg)} grew by ${formatBytes(Math.max(grew, 0))} since the previous build (${previous.label})`,
        'growth',
        'See what was added with "minigame-studio diff", or raise the budget.',
      );
    }
  }
  return { results, problems };
}

/** The report with its budgets judged: `budgets` filled and their problems among the others. Unchanged when the project sets none. */
export function withBudgets(
  report: Report,
  settings: Pick<ProjectSettings, 'projectFile'>,
  previous: { readonly baseline: GrowthBaseline | null; readonly problems: readonly Problem[] } = { baseline: null, problems: [] },
): Report {
  const budgets = parseBudgets(settings);
  if (budgets.size === 0) return report;
  const { results, problems } = judgeBudgets(report, budgets, previous.baseline);
  return { ...report, budgets: results, problems: sortProblems([...report.problems, ...previous.problems, ...problems]) };
}
