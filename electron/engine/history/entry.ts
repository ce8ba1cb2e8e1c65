/**
 * One build-history entry: what a build of one platform produced, compact enough to keep 200 of
 * (every file as a 5-item row), and complete enough to diff two builds file by file.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../../shared/platforms.js';
import type { BudgetResult } from '../../../shared/budgets.js';
import type { PackageKind, Report } from '../../../shared/report.js';
import type { ProjectSettings } from '../types.js';

export const HISTORY_VERSION = 1;

export interface GitInfo {
  readonly commit: string;
  /** null on a detached HEAD. */
  readonly branch: string | null;
}

export interface HistoryPackage {
  readonly name: string;
  readonly root: string;
  readonly kind: PackageKind;
  readonly files: number;
  readonly bytes: number;
  readonly limitBytes: number | null;
}

/** [logical path, out name ('' when the same as the path), index into packages, bytes, 1 when remote]. */
export type HistoryFileRow = readonly [path: string, out: string, pkg: number, bytes: number, remote: 0 | 1];

export interface HistoryEntry {
  readonly version: typeof HISTORY_VERSION;
  /** The file name without .json: `<platform>-<UTC time>-<random>`; sorts by time. */
  readonly id: string;
  readonly platform: Platform;
  /** ISO 8601, UTC: when the build finished. */
  readonly time: string;
  readonly durationMs: number;
  /** 12 hex of the sha1 of the settings the build used: two builds with the same digest had the same settings. */
  readonly settingsDigest: string;
  readonly git: GitInfo | null;
  readonly outDir: string;
  readonly profile: string;
  readonly exitCode: number;
  readonly packages: readonly HistoryPackage[];
  readonly totalBytes: number;
  readonly totalLimitBytes: number;
  readonly remote: { readonly files: number; readonly bytes: number } | null;
  readonly budgets: readonly BudgetResult[];
  readonly problems: { readonly errors: number; readonly warnings: number };
  readonly files: readonly HistoryFileRow[];
}

const PackageSchema = z.object({
  name: z.string(),
  root: z.string(),
  kind: z.enum(['main', 'subpackage', 'independent']),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  limitBytes: z.number().nullable(),
});

const BudgetSchema = z.object({
  kind: z.enum(['package', 'total', 'remote', 'growth']),
  name: z.string(),
  limitBytes: z.number(),
  bytes: z.number(),
  status: z.enum(['ok', 'near', 'exceeded']),
  message: z.string().optional(),
});

export const HistoryEntrySchema = z.object({
  version: z.literal(HISTORY_VERSION),
  id: z.string().min(1),
  platform: z.enum(PLATFORMS),
  time: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  settingsDigest: z.string(),
  git: z.object({ commit: z.string(), branch: z.string().nullable() }).nullable(),
  outDir: z.string(),
  profile: z.string(),
  exitCode: z.number().int(),
  packages: z.array(PackageSchema),
  totalBytes: z.number().int().nonnegative(),
  totalLimitBytes: z.number(),
  remote: z.object({ files: z.number().int(), bytes: z.number().int() }).nullable(),
  budgets: z.array(BudgetSchema),
  problems: z.object({ errors: z.number().int(), warnings: z.number().int() }),
  files: z.array(z.tuple([z.string(), z.string(), z.number().int().nonnegative(), z.number().int().nonnegative(), z.union([z.literal(0), z.literal(1)])])),
});

/** The settings that decide the output, hashed: a stable JSON (sorted keys) of them. */
export function settingsDigest(settings: ProjectSettings): string {
  const decisive = {
    platform: settings.platform,
    profile: settings.profile.id,
    entry: settings.entry,
    orientation: settings.orientation,
    exclude: settings.exclude,
    keepInPackage: settings.keepInPackage,
    md5Cache: settings.md5Cache,
    remoteUrl: settings.remoteUrl,
    subpackages: settings.subpackages,
    openDataContext: settings.openDataContext,
    gameJson: settings.gameJson,
    appid: settings.appid,
    wechat: settings.wechat,
    budgets: settings.projectFile?.budgets ?? null,
  };
  return createHash('sha1').update(stableJson(decisive)).digest('hex').slice(0, 12);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface EntryFacts {
  readonly id: string;
  readonly time: Date;
  readonly durationMs: number;
  readonly git: GitInfo | null;
  readonly exitCode: number;
}

export function entryFromReport(report: Report, settings: ProjectSettings, facts: EntryFacts): HistoryEntry {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  return {
    version: HISTORY_VERSION,
    id: facts.id,
    platform: report.platform,
    time: facts.time.toISOString(),
    durationMs: Math.round(facts.durationMs),
    settingsDigest: settingsDigest(settings),
    git: facts.git,
    outDir: report.outDir,
    profile: report.profile,
    exitCode: facts.exitCode,
    packages: report.packages.map(({ name, root, kind, files, bytes, limitBytes }) => ({ name, root, kind, files, bytes, limitBytes })),
    totalBytes: report.totalBytes,
    totalLimitBytes: report.totalLimitBytes,
    remote: report.remote ? { files: report.remote.files, bytes: report.remote.bytes } : null,
    budgets: report.budgets ?? [],
    problems: { errors, warnings: report.problems.length - errors },
    files: fileRows(report),
  };
}

const rowsOfReport = new WeakMap<Report, readonly HistoryFileRow[]>();

/** A row per file of the report, made once per report: the app's builds from one analysis share them, and their JSON (record-json.ts). */
export function fileRows(report: Report): readonly HistoryFileRow[] {
  let rows = rowsOfReport.get(report);
  if (!rows) {
    const index = new Map(report.packages.map((p, i) => [p.name, i]));
    rows = report.files.map((f) => [f.path, f.out === f.path ? '' : f.out, index.get(f.package) ?? 0, f.bytes, f.remote ? 1 : 0] as const);
    rowsOfReport.set(report, rows);
  }
  return rows;
}
