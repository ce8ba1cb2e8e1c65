/**
 * The human summary of a report: packages with their sizes against the limits, remote bytes, the
 * runtime's size, excluded files and problems. The JSON report is the machine form of the same.
 */
import { PLATFORM_LABELS } from '../../shared/platforms.js';
import type { Report } from '../../shared/report.js';
import { formatBytes, pad, percent, shortPath } from './format.js';

const EXCLUDED_SHOWN = 10;

export const EXIT_MEANING: Readonly<Record<number, string>> = {
  0: 'built, within every limit',
  1: 'nothing was built; the previous output is untouched',
  3: 'built, but the platform would reject the package (see the errors above)',
};

function sizeAgainst(bytes: number, limit: number | null): string {
  return limit === null ? `${formatBytes(bytes)}  (no limit)` : `${formatBytes(bytes)} / ${formatBytes(limit)}  (${percent(bytes, limit)})`;
}

export function summarise(report: Report, exitCode: number, built: boolean, cwd: string): string {
  const lines: string[] = [];
  const where = shortPath(report.outDir, cwd);
  lines.push(
    built
      ? `Built ${PLATFORM_LABELS[report.platform]} → ${where}  (profile ${report.profile}; sizes are ${report.sizesAre})`
      : `Not built: ${PLATFORM_LABELS[report.platform]} → ${where}  (profile ${report.profile})`,
  );
  lines.push('');
  const nameWidth = Math.max(10, ...report.packages.map((p) => p.name.length + 2));
  for (const pkg of report.packages) {
    lines.push(`  ${pad(pkg.name, nameWidth)}${pad(pkg.kind, 12)}${pad(plural(pkg.files, 'file'), 12)}${sizeAgainst(pkg.bytes, pkg.limitBytes)}`);
  }
  const totalFiles = report.packages.reduce((sum, p) => sum + p.files, 0);
  lines.push(`  ${pad('total', nameWidth)}${pad('', 12)}${pad(plural(totalFiles, 'file'), 12)}${sizeAgainst(report.totalBytes, report.totalLimitBytes)}`);
  if (report.remote) {
    lines.push(
      `  ${pad('remote', nameWidth)}${pad('', 12)}${pad(plural(report.remote.files, 'file'), 12)}${formatBytes(report.remote.bytes)} in ${shortPath(report.remote.dir, cwd)} (upload it to the Remote URL)`,
    );
  }
  lines.push(`  ${pad('runtime', nameWidth)}${pad('', 12)}${pad('', 12)}${formatBytes(report.runtimeBytes)} (minigame-studio/, in the main package)`);

  if (report.excluded.length > 0) {
    lines.push('', `Excluded (${plural(report.excluded.length, 'file')}, not in the package):`);
    for (const file of report.excluded.slice(0, EXCLUDED_SHOWN)) {
      lines.push(`  ${file.path}  (${file.reason === 'not-whitelisted' ? 'not on the upload whitelist' : 'excluded by the project'})`);
    }
    if (report.excluded.length > EXCLUDED_SHOWN) lines.push(`  … and ${report.excluded.length - EXCLUDED_SHOWN} more (see the report JSON)`);
  }

  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  lines.push('', report.problems.length === 0 ? 'No problems.' : `Problems: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  for (const problem of report.problems) {
    lines.push(`  ${pad(problem.severity, 8)}${problem.code}  ${problem.message}`);
  }
  lines.push('', `Exit ${exitCode}: ${EXIT_MEANING[exitCode] ?? ''}`);
  return `${lines.join('\n')}\n`;
}

/** One line per rebuild in --watch. */
export function oneLine(report: Report, exitCode: number, built: boolean, ms: number): string {
  const main = report.packages.find((p) => p.kind === 'main');
  const errors = report.problems.filter((p) => p.severity === 'error');
  const size = main ? `main ${sizeAgainst(main.bytes, main.limitBytes)}` : '';
  const first = errors[0] ? ` — ${errors[0].code}` : '';
  const time = new Date().toTimeString().slice(0, 8);
  return `[${time}] ${built ? 'built' : 'not built'} in ${ms} ms · ${size} · ${plural(errors.length, 'error')}, ${plural(report.problems.length - errors.length, 'warning')}${first} · exit ${exitCode}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
