/**
 * The sizes a developer tool reports (`--info-output`, SPEC §2.2 and §4.3), read liberally:
 * - the DevTools CLI writes `{ size: { total, packages: [{ name, size }] } }` in **KB**
 *   (e.g. `{"size":{"total":408.67,"packages":[{"name":"__FULL__","size":408.67}]}}`);
 * - miniprogram-ci returns `subPackageInfo: [{ name, size }]` in bytes.
 * `__FULL__` is the whole, `__APP__`/`__GAME__` the main package. A `unit` field wins over both
 * defaults. KB is read as 1024 bytes, like the studio's MiB.
 */
import { MAIN_PACKAGE, type Report, type ReportedSizes } from '../../../shared/report.js';

export type { ReportedSizes } from '../../../shared/report.js';

const FULL = new Set(['__FULL__', 'FULL', 'full', 'total']);
const MAIN = new Set(['__GAME__', '__APP__', 'main', '__MAIN__']);

/** Parses the JSON text of an info file; null when it holds no sizes at all. */
export function parseReportedSizes(text: string): ReportedSizes | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const root = asRecord(data);
  if (!root) return null;
  const sizeBlock = asRecord(root.size) ?? asRecord(root.sizes);
  const list = firstArray(sizeBlock?.packages, sizeBlock?.subPackageInfo, root.subPackageInfo, root.packages, asRecord(root.data)?.subPackageInfo);
  const scale = unitScale(sizeBlock?.unit ?? root.unit, sizeBlock ? 1024 : 1);

  let totalBytes = bytes(sizeBlock?.total, scale) ?? bytes(root.total, scale) ?? bytes(root.size, scale);
  const packages: { name: string; bytes: number }[] = [];
  for (const item of list) {
    const entry = asRecord(item);
    const name = typeof entry?.name === 'string' ? entry.name : typeof entry?.root === 'string' ? entry.root : null;
    const size = entry ? (bytes(entry.size, scale) ?? bytes(entry.sizeKB ?? entry.sizeKb, 1024)) : null;
    if (name === null || size === null) continue;
    if (FULL.has(name)) totalBytes = size;
    else packages.push({ name: MAIN.has(name) ? MAIN_PACKAGE : name, bytes: size });
  }
  if (totalBytes === null && packages.length === 0) return null;
  return { totalBytes, packages };
}

/**
 * The report with the tool's sizes beside the estimates: each package the tool named gets
 * `reportedBytes`, and the report says its sizes are 'reported'. Matching is by package name, or
 * by root with or without slashes ('/stage1/', 'stage1').
 */
export function withReportedSizes(report: Report, info: ReportedSizes | null): Report {
  if (!info) return report;
  const key = (s: string) => s.replace(/^\/+|\/+$/g, '');
  let matched = false;
  const packages = report.packages.map((pkg) => {
    const hit = info.packages.find((p) => p.name === pkg.name || (pkg.root !== '' && key(p.name) === key(pkg.root)));
    if (!hit) return pkg;
    matched = true;
    return { ...pkg, reportedBytes: hit.bytes };
  });
  if (matched) return { ...report, packages, sizesAre: 'reported' };
  // A tool that reports only the whole still describes a game that has one package.
  const only = report.packages.length === 1 ? report.packages[0] : undefined;
  if (only && info.totalBytes !== null) return { ...report, packages: [{ ...only, reportedBytes: info.totalBytes }], sizesAre: 'reported' };
  return report;
}

function unitScale(unit: unknown, fallback: number): number {
  if (typeof unit !== 'string') return fallback;
  const u = unit.toLowerCase();
  if (u === 'kb' || u === 'kib' || u === 'k') return 1024;
  if (u === 'mb' || u === 'mib' || u === 'm') return 1024 * 1024;
  if (u === 'b' || u === 'byte' || u === 'bytes') return 1;
  return fallback;
}

function bytes(value: unknown, scale: number): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * scale);
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * scale);
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function firstArray(...values: unknown[]): readonly unknown[] {
  for (const value of values) if (Array.isArray(value)) return value;
  return [];
}
