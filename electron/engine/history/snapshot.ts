/**
 * A build as the diff sees it, from either source: a history entry or a report file
 * (OUT.report.json, e.g. main's last report kept as a CI artifact).
 */
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../../shared/platforms.js';
import type { GitInfo, HistoryEntry } from './entry.js';

export interface SnapshotFile {
  readonly path: string;
  readonly out: string;
  readonly package: string;
  readonly remote: boolean;
  readonly bytes: number;
}

export interface SnapshotPackage {
  readonly name: string;
  readonly files: number;
  readonly bytes: number;
  readonly limitBytes: number | null;
}

export interface BuildSnapshot {
  /** How the user named it ("@latest", a file path, a git ref) with what it resolved to. */
  readonly label: string;
  /** The history entry's id; null for a report file. */
  readonly id: string | null;
  readonly time: string | null;
  readonly git: GitInfo | null;
  readonly platform: Platform;
  readonly packages: readonly SnapshotPackage[];
  readonly totalBytes: number;
  readonly remoteBytes: number;
  readonly files: readonly SnapshotFile[];
}

export function snapshotOfEntry(entry: HistoryEntry, label: string): BuildSnapshot {
  return {
    label,
    id: entry.id,
    time: entry.time,
    git: entry.git,
    platform: entry.platform,
    packages: entry.packages.map(({ name, files, bytes, limitBytes }) => ({ name, files, bytes, limitBytes })),
    totalBytes: entry.totalBytes,
    remoteBytes: entry.remote?.bytes ?? 0,
    files: entry.files.map(([path, out, pkg, bytes, remote]) => ({
      path,
      out: out || path,
      package: entry.packages[pkg]?.name ?? '__GAME__',
      remote: remote === 1,
      bytes,
    })),
  };
}

/** The parts of a report the diff reads; other fields may be anything. */
export const ReportShape = z.looseObject({
  platform: z.enum(PLATFORMS),
  packages: z.array(z.looseObject({ name: z.string(), files: z.number(), bytes: z.number(), limitBytes: z.number().nullable() })),
  totalBytes: z.number(),
  remote: z.looseObject({ bytes: z.number() }).nullable(),
  files: z.array(z.looseObject({ path: z.string(), out: z.string(), package: z.string(), remote: z.boolean(), bytes: z.number() })),
});

export function snapshotOfReport(report: z.infer<typeof ReportShape>, label: string): BuildSnapshot {
  return {
    label,
    id: null,
    time: null,
    git: null,
    platform: report.platform,
    packages: report.packages.map(({ name, files, bytes, limitBytes }) => ({ name, files, bytes, limitBytes })),
    totalBytes: report.totalBytes,
    remoteBytes: report.remote?.bytes ?? 0,
    files: report.files.map(({ path, out, package: pkg, remote, bytes }) => ({ path, out, package: pkg, remote, bytes })),
  };
}
