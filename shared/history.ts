/**
 * The build history and the diff of two builds, as the command line's `diff --format json` and the
 * app's History view receive them (computed by electron/engine/history/).
 */
import type { BudgetResult } from './budgets.js';
import type { Platform } from './platforms.js';

export interface SizeChange {
  /** null when the build before (or after) has no such package. */
  readonly before: number | null;
  readonly after: number | null;
  /** after − before, a missing side counted as 0. */
  readonly delta: number;
}

export interface PackageChange extends SizeChange {
  readonly name: string;
  readonly limitBytes: number | null;
}

export interface FileChange extends SizeChange {
  readonly path: string;
  /** The package, or 'remote' for a file served from the Remote URL. */
  readonly package: string;
}

export interface SnapshotInfo {
  readonly label: string;
  readonly id: string | null;
  readonly time: string | null;
  readonly commit: string | null;
  readonly branch: string | null;
}

export interface BuildDiff {
  readonly platform: Platform;
  readonly before: SnapshotInfo;
  readonly after: SnapshotInfo;
  readonly packages: readonly PackageChange[];
  readonly total: SizeChange;
  readonly remote: SizeChange;
  readonly files: {
    readonly added: readonly FileChange[];
    readonly removed: readonly FileChange[];
    readonly grown: readonly FileChange[];
    readonly shrunk: readonly FileChange[];
  };
}

/** One build in the History view's chart: sizes only (the files stay on disk until a diff asks). */
export interface HistoryPoint {
  readonly id: string;
  readonly time: string;
  readonly durationMs: number;
  readonly commit: string | null;
  readonly branch: string | null;
  readonly exitCode: number;
  readonly packages: readonly { readonly name: string; readonly bytes: number; readonly limitBytes: number | null }[];
  readonly totalBytes: number;
  readonly totalLimitBytes: number;
  readonly budgets: readonly BudgetResult[];
}

export interface HistoryState {
  readonly platform: Platform;
  /** Oldest first. */
  readonly points: readonly HistoryPoint[];
  /** Entries that could not be read, for a warning. */
  readonly skipped: readonly string[];
}
