/**
 * report: the Report of DESIGN from the plan and the output layout. Sizes are the layout's bytes,
 * which are the bytes the build writes, so the report and the disk agree package by package.
 */
import { MEGABYTE, NEAR_LIMIT_RATIO } from '../../shared/platforms.js';
import type { OptimizeSummary } from '../../shared/optimize.js';
import type { Problem } from '../../shared/problems.js';
import { MAIN_PACKAGE, type ExcludedFile, type FileReport, type PackageReport, type Report } from '../../shared/report.js';
import { problem } from './checks/context.js';
import { movableToRemote } from './plan.js';
import { mapByPosition, type PositionMemo } from './by-position.js';
import type { OutputFile, OutputLayout, Plan, PlannedFile, ProjectSettings } from './types.js';

export function buildReport(plan: Plan, layout: OutputLayout): Report {
  const { settings } = plan;
  const sums = new Map<string, { files: number; bytes: number }>();
  let remoteFiles = 0;
  let remoteBytes = 0;
  for (const file of layout.files) {
    if (file.remote) {
      remoteFiles++;
      remoteBytes += file.bytes;
      continue;
    }
    const sum = sums.get(file.package) ?? { files: 0, bytes: 0 };
    sum.files++;
    sum.bytes += file.bytes;
    sums.set(file.package, sum);
  }
  const packages: PackageReport[] = plan.packages.map((p) => ({
    name: p.name,
    root: p.root,
    kind: p.kind,
    files: sums.get(p.name)?.files ?? 0,
    bytes: sums.get(p.name)?.bytes ?? 0,
    limitBytes: p.limitBytes,
  }));
  const totalBytes = packages.reduce((total, p) => total + p.bytes, 0);
  const totalLimitBytes = totalLimit(plan);

  const problems = [...plan.problems, ...sizeProblems(plan, packages, totalBytes, totalLimitBytes)];
  const lists = reportLists(plan, layout);
  return {
    platform: settings.platform,
    outDir: settings.outDir,
    packages,
    totalBytes,
    totalLimitBytes,
    profile: settings.profile.id,
    remote: layout.remoteDir !== null || remoteFiles > 0 ? { dir: layout.remoteDir ?? `${settings.outDir}-res`, files: remoteFiles, bytes: remoteBytes } : null,
    excluded: lists.excluded.results.filter((entry) => entry !== null),
    problems: sortProblems(problems),
    files: lists.files.results.filter((entry) => entry !== null),
    sizesAre: 'estimated',
    runtimeBytes: layout.runtimeBytes,
    ...(settings.optimize ? { optimize: optimizeSummary(layout) } : {}),
  };
}

function optimizeSummary(layout: OutputLayout): OptimizeSummary {
  let files = 0;
  let originalBytes = 0;
  let bytes = 0;
  for (const file of layout.files) {
    if (!file.optimized) continue;
    files++;
    originalBytes += file.optimized.originalBytes;
    bytes += file.bytes;
  }
  return { files, originalBytes, bytes, savedBytes: originalBytes - bytes };
}

/** The report's per-file lists of the last report per settings, reused entry by entry. */
interface Lists {
  readonly excluded: PositionMemo<PlannedFile, ExcludedFile | null>;
  readonly files: PositionMemo<OutputFile, FileReport | null>;
}

const lastLists = new WeakMap<ProjectSettings, Lists>();

function reportLists(plan: Plan, layout: OutputLayout): Lists {
  const last = lastLists.get(plan.settings);
  const lists: Lists = {
    excluded: mapByPosition(last?.excluded, plan.files, (file) =>
      file.destination === 'excluded' ? { path: file.path, reason: file.excludedReason ?? 'excluded', bytes: file.size } : null,
    ),
    files: mapByPosition(last?.files, layout.files, (file) =>
      file.source === null
        ? null
        : { path: file.source, out: file.out, package: file.package, remote: file.remote, bytes: file.bytes, ...(file.optimized ? { optimized: file.optimized } : {}) },
    ),
  };
  lastLists.set(plan.settings, lists);
  return lists;
}

/** wechat-2020 allowed 30 MiB in all with virtual payment on. */
export function totalLimit(plan: Plan): number {
  const { profile, wechat } = plan.settings;
  return wechat.virtualPayment && profile.totalBytesWithVirtualPayment ? profile.totalBytesWithVirtualPayment : profile.totalBytes;
}

/** Errors first, then warnings; otherwise in the order the checks found them. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.severity === b.p.severity ? a.i - b.i : a.p.severity === 'error' ? -1 : 1))
    .map(({ p }) => p);
}

export function formatBytes(bytes: number): string {
  if (bytes >= MEGABYTE) return `${(bytes / MEGABYTE).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function sizeProblems(plan: Plan, packages: readonly PackageReport[], totalBytes: number, totalLimitBytes: number): Problem[] {
  const { settings } = plan;
  const problems: Problem[] = [];
  const profile = `the ${settings.profile.id} limit`;
  const near = (what: string, bytes: number, limit: number, path: string | null): void => {
    if (bytes >= limit * NEAR_LIMIT_RATIO && bytes <= limit) {
      problems.push(
        problem(
          'warning',
          'NEAR_LIMIT',
          `${what} is ${formatBytes(bytes)}, ${((bytes / limit) * 100).toFixed(1)} % of ${profile} (${formatBytes(limit)}). Make room before it grows past it: move files to a subpackage or to the Remote URL.`,
          path,
        ),
      );
    }
  };

  for (const pkg of packages) {
    const limit = pkg.limitBytes;
    if (limit === null) continue;
    if (pkg.kind === 'main') {
      if (pkg.bytes > limit) problems.push(problem('error', 'MAIN_PACKAGE_TOO_LARGE', mainTooLarge(plan, pkg.bytes, limit), null));
      else near('The main package', pkg.bytes, limit, null);
      continue;
    }
    const label = `${pkg.kind === 'independent' ? 'Independent subpackage' : 'Subpackage'} "${pkg.name}" (${pkg.root})`;
    if (pkg.bytes > limit) {
      problems.push(
        problem(
          'error',
          pkg.kind === 'independent' ? 'INDEPENDENT_SUBPACKAGE_TOO_LARGE' : 'SUBPACKAGE_TOO_LARGE',
          `${label} is ${formatBytes(pkg.bytes)}, over ${profile} of ${formatBytes(limit)} per ${pkg.kind === 'independent' ? 'independent ' : ''}subpackage, so the platform will refuse the upload. Split it into more subpackages, or move large files out of it.`,
          pkg.root,
        ),
      );
    } else near(label, pkg.bytes, limit, pkg.root);
  }

  if (totalBytes > totalLimitBytes) {
    problems.push(
      problem(
        'error',
        'TOTAL_TOO_LARGE',
        `All packages together are ${formatBytes(totalBytes)}, over ${profile} of ${formatBytes(totalLimitBytes)}. Set a Remote URL to serve images and audio from a server, or exclude files the game doesn't use.`,
        null,
      ),
    );
  } else near('All packages together', totalBytes, totalLimitBytes, null);
  return problems;
}

/**
 * Bytes that could go to a Remote URL, remembered per file and settings: the live report builds a
 * report per change, and on a 10,000-file project over its limit the globs and extension tests of
 * every file cost ~15 ms each time (issue 7, P3). The plan hands out the same PlannedFile, at the
 * same place, for an unchanged file under the same settings.
 */
const movableMemo = new WeakMap<ProjectSettings, { readonly test: (path: string) => boolean; last?: PositionMemo<PlannedFile, number> }>();

function movableBytes(plan: Plan): number {
  const { settings } = plan;
  let memo = movableMemo.get(settings);
  if (!memo) movableMemo.set(settings, (memo = { test: movableToRemote(settings) }));
  const test = memo.test;
  memo.last = mapByPosition(memo.last, plan.files, (file) =>
    file.package === MAIN_PACKAGE && file.destination === 'package' && test(file.path) ? file.size : 0,
  );
  let total = 0;
  for (const bytes of memo.last.results) total += bytes;
  return total;
}

function mainTooLarge(plan: Plan, bytes: number, limit: number): string {
  const { settings } = plan;
  const head = `The main package is ${formatBytes(bytes)}, over the ${settings.profile.id} limit of ${formatBytes(limit)}, so the platform will refuse the upload.`;
  if (settings.remoteUrl) {
    return `${head} Move folders into subpackages, or take files out of "keepInPackage" so they go to the Remote URL.`;
  }
  const movable = movableBytes(plan);
  if (movable === 0) return `${head} Move folders into subpackages (scripts can't be served from a Remote URL).`;
  // Scripts, pinned files and the runtime stay in the package: say when a Remote URL alone can't fix it.
  const left = bytes - movable;
  if (left > limit) {
    return `${head} A Remote URL is not enough: a Remote URL would move ${formatBytes(movable)}; the scripts left would still be ${formatBytes(left)}, over ${formatBytes(limit)}: move script folders into subpackages.`;
  }
  return `${head} Setting a Remote URL would move ${formatBytes(movable)} of images, audio and other non-script files off it, leaving ${formatBytes(left)}; or move folders into subpackages.`;
}
