/**
 * The report as JUnit XML, the format CI dashboards read: one test case per package limit, per
 * budget and per rule (problem code), so a dashboard shows the same tests on every build and a
 * broken one as a failure with the studio's message. Warnings pass, their messages in system-out.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { BLOCKING_CODES, REJECTING_CODES, WARNING_CODES, type Problem } from '../../../shared/problems.js';
import type { Report } from '../../../shared/report.js';
import { formatBytes } from '../report.js';

/** Codes judged as package limits or budgets; every other code is a rule. */
const SIZE_CODES: ReadonlySet<string> = new Set([
  'MAIN_PACKAGE_TOO_LARGE',
  'INDEPENDENT_SUBPACKAGE_TOO_LARGE',
  'SUBPACKAGE_TOO_LARGE',
  'TOTAL_TOO_LARGE',
  'NEAR_LIMIT',
  'BUDGET_EXCEEDED',
  'BUDGET_NEAR',
]);

export const RULE_CODES: readonly string[] = [...BLOCKING_CODES, ...REJECTING_CODES, ...WARNING_CODES].filter((code) => !SIZE_CODES.has(code));

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly failure?: { readonly type: string; readonly message: string };
  readonly out?: string;
}

/** XML 1.0 can't carry most control characters, even escaped. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ');
}

function limitCases(report: Report, classname: string): TestCase[] {
  const cases: TestCase[] = [];
  const sizeProblem = (codes: readonly string[], path: string | null, severity: Problem['severity']): Problem | undefined =>
    report.problems.find((p) => codes.includes(p.code) && p.path === path && p.severity === severity);
  for (const pkg of report.packages) {
    if (pkg.limitBytes === null) continue;
    const path = pkg.kind === 'main' ? null : pkg.root;
    const over = pkg.bytes > pkg.limitBytes;
    const error = sizeProblem(['MAIN_PACKAGE_TOO_LARGE', 'SUBPACKAGE_TOO_LARGE', 'INDEPENDENT_SUBPACKAGE_TOO_LARGE'], path, 'error');
    const near = sizeProblem(['NEAR_LIMIT'], path, 'warning');
    cases.push({
      name: `${pkg.name}: ${formatBytes(pkg.bytes)} of ${formatBytes(pkg.limitBytes)}`,
      classname,
      ...(over && { failure: { type: error?.code ?? 'LIMIT', message: error?.message ?? `${pkg.name} is over its limit.` } }),
      ...(near && { out: near.message }),
    });
  }
  const totalOver = report.totalBytes > report.totalLimitBytes;
  const total = report.problems.find((p) => p.code === 'TOTAL_TOO_LARGE');
  const totalNear = report.problems.find((p) => p.code === 'NEAR_LIMIT' && p.message.startsWith('All packages'));
  cases.push({
    name: `total: ${formatBytes(report.totalBytes)} of ${formatBytes(report.totalLimitBytes)}`,
    classname,
    ...(totalOver && { failure: { type: 'TOTAL_TOO_LARGE', message: total?.message ?? 'All packages together are over the limit.' } }),
    ...(totalNear && { out: totalNear.message }),
  });
  return cases;
}

function budgetCases(report: Report, classname: string): TestCase[] {
  return (report.budgets ?? []).map((budget) => {
    const what = budget.kind === 'package' ? budget.name : budget.kind === 'growth' ? `growth of ${budget.name}` : budget.kind;
    const text = budget.message ?? '';
    return {
      name: `${what}: ${formatBytes(Math.max(budget.bytes, 0))} of ${formatBytes(budget.limitBytes)}`,
      classname,
      ...(budget.status === 'exceeded' && { failure: { type: 'BUDGET_EXCEEDED', message: text } }),
      ...(budget.status === 'near' && { out: text }),
    };
  });
}

function ruleCases(report: Report, classname: string): TestCase[] {
  return RULE_CODES.map((code) => {
    const found = report.problems.filter((p) => p.code === code);
    const errors = found.filter((p) => p.severity === 'error');
    const warnings = found.filter((p) => p.severity === 'warning');
    return {
      name: code,
      classname,
      ...(errors.length > 0 && { failure: { type: code, message: errors.map((p) => p.message).join('\n') } }),
      ...(warnings.length > 0 && { out: warnings.map((p) => p.message).join('\n') }),
    };
  });
}

function suite(name: string, cases: readonly TestCase[]) {
  return {
    '@_name': name,
    '@_tests': cases.length,
    '@_failures': cases.filter((c) => c.failure).length,
    '@_errors': 0,
    '@_skipped': 0,
    testcase: cases.map((c) => ({
      '@_name': clean(c.name),
      '@_classname': c.classname,
      '@_time': '0',
      ...(c.failure && { failure: { '@_type': c.failure.type, '@_message': clean(c.failure.message.split('\n')[0] ?? ''), '#text': clean(c.failure.message) } }),
      ...(c.out && { 'system-out': clean(c.out) }),
    })),
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

function document(suites: ReturnType<typeof suite>[]): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'minigame-studio',
      '@_tests': suites.reduce((n, s) => n + s['@_tests'], 0),
      '@_failures': suites.reduce((n, s) => n + s['@_failures'], 0),
      testsuite: suites,
    },
  }) as string;
}

export function reportToJunit(report: Report): string {
  const prefix = `minigame-studio.${report.platform}`;
  const suites = [suite(`${report.platform}: package limits (${report.profile})`, limitCases(report, `${prefix}.limits`))];
  if (report.budgets && report.budgets.length > 0) suites.push(suite(`${report.platform}: budgets`, budgetCases(report, `${prefix}.budgets`)));
  suites.push(suite(`${report.platform}: rules`, ruleCases(report, `${prefix}.rules`)));
  return document(suites);
}

/** When nothing could be analysed (a broken project file, a missing folder): one failed test saying why. */
export function failureToJunit(code: string, message: string): string {
  return document([suite('minigame-studio', [{ name: 'project', classname: 'minigame-studio.project', failure: { type: code, message } }])]);
}
