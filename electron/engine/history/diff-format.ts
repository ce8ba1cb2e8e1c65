/**
 * A build diff for people: plain text for the terminal, Markdown for a pull-request comment
 * (GitHub-flavoured tables, file lists folded in <details>). Lists are cut at LIST_SHOWN rows;
 * `--format json` has them all.
 */
import { formatBytes } from '../report.js';
import type { BuildDiff, FileChange, SizeChange, SnapshotInfo } from './diff.js';

export const LIST_SHOWN = 50;

const SECTIONS = [
  ['added', 'Added'],
  ['removed', 'Removed'],
  ['grown', 'Grown'],
  ['shrunk', 'Shrunk'],
] as const;

function size(bytes: number | null): string {
  return bytes === null ? '—' : formatBytes(bytes);
}

export function signed(delta: number): string {
  if (delta === 0) return '0 B';
  return `${delta > 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`;
}

function percentChange(change: SizeChange): string {
  if (!change.before || change.delta === 0) return '';
  return ` (${change.delta > 0 ? '+' : '−'}${((Math.abs(change.delta) / change.before) * 100).toFixed(1)} %)`;
}

function describe(side: SnapshotInfo): string {
  const git = side.commit ? ` · ${side.branch ? `${side.branch} ` : ''}${side.commit.slice(0, 7)}` : '';
  return `${side.label}${git}`;
}

function counts(diff: BuildDiff): string {
  return SECTIONS.map(([key, title]) => `${diff.files[key].length} ${title.toLowerCase()}`).join(', ');
}

export function diffToText(diff: BuildDiff): string {
  const lines = [`${diff.platform}: ${describe(diff.before)} → ${describe(diff.after)}`, ''];
  const rows: [string, SizeChange, number | null][] = [
    ...diff.packages.map((p): [string, SizeChange, number | null] => [p.name, p, p.limitBytes]),
    ['total', diff.total, null],
  ];
  if (diff.remote.before || diff.remote.after) rows.push(['remote', diff.remote, null]);
  const width = Math.max(10, ...rows.map(([name]) => name.length + 2));
  lines.push('Packages');
  for (const [name, change, limit] of rows) {
    const sizes = `${size(change.before)} → ${size(change.after)}`;
    lines.push(`  ${name.padEnd(width)}${sizes.padEnd(26)}${(signed(change.delta) + percentChange(change)).padEnd(24)}${limit === null ? '' : `limit ${formatBytes(limit)}`}`.trimEnd());
  }
  lines.push('', `Files: ${counts(diff)}`);
  for (const [key, title] of SECTIONS) {
    const list = diff.files[key];
    if (list.length === 0) continue;
    lines.push('', `${title} (${list.length})`);
    for (const file of list.slice(0, LIST_SHOWN)) {
      const sizes = key === 'grown' || key === 'shrunk' ? `  (${size(file.before)} → ${size(file.after)})` : '';
      lines.push(`  ${signed(file.delta).padStart(12)}  ${file.path}  [${file.package}]${sizes}`);
    }
    if (list.length > LIST_SHOWN) lines.push(`  … and ${list.length - LIST_SHOWN} more (--format json lists them all)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Text inside a table cell: no line breaks, pipes escaped, code spans without backticks. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${cell(text).replace(/`/g, "'")}\``;
}

function bold(text: string, when: boolean): string {
  return when ? `**${text}**` : text;
}

export function diffToMarkdown(diff: BuildDiff): string {
  const lines = [
    `### Package sizes (${diff.platform === 'wechat' ? 'WeChat' : 'Alipay'})`,
    '',
    `${cell(describe(diff.before))} → ${cell(describe(diff.after))}`,
    '',
    '| Package | Before | After | Change | Limit |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const pkg of diff.packages) {
    lines.push(`| ${code(pkg.name)} | ${size(pkg.before)} | ${size(pkg.after)} | ${bold(signed(pkg.delta) + percentChange(pkg), pkg.delta > 0)} | ${pkg.limitBytes === null ? '—' : formatBytes(pkg.limitBytes)} |`);
  }
  lines.push(`| **Total** | ${size(diff.total.before)} | ${size(diff.total.after)} | ${bold(signed(diff.total.delta) + percentChange(diff.total), diff.total.delta > 0)} | |`);
  if (diff.remote.before || diff.remote.after) {
    lines.push(`| Remote URL | ${size(diff.remote.before)} | ${size(diff.remote.after)} | ${signed(diff.remote.delta)}${percentChange(diff.remote)} | |`);
  }
  lines.push('', `**Files:** ${counts(diff)}`);
  for (const [key, title] of SECTIONS) {
    const list = diff.files[key];
    if (list.length === 0) continue;
    lines.push('', `<details${key === 'added' || key === 'grown' ? ' open' : ''}><summary>${title} (${list.length})</summary>`, '', ...fileTable(list, key === 'grown' || key === 'shrunk'));
    if (list.length > LIST_SHOWN) lines.push('', `… and ${list.length - LIST_SHOWN} more.`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

function fileTable(list: readonly FileChange[], changed: boolean): string[] {
  const rows = list.slice(0, LIST_SHOWN);
  return changed
    ? ['| File | Package | Before | After | Change |', '| --- | --- | ---: | ---: | ---: |', ...rows.map((f) => `| ${code(f.path)} | ${code(f.package)} | ${size(f.before)} | ${size(f.after)} | ${signed(f.delta)} |`)]
    : ['| File | Package | Size |', '| --- | --- | ---: |', ...rows.map((f) => `| ${code(f.path)} | ${code(f.package)} | ${size(f.after ?? f.before)} |`)];
}
