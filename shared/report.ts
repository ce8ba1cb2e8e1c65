/** The report: what `--json`, `OUT.report.json` and the UI show (DESIGN "The report"). */
import type { BudgetResult } from './budgets.js';
import type { OptimizedFile, OptimizeSummary } from './optimize.js';
import type { Platform } from './platforms.js';
import type { Problem } from './problems.js';

export const MAIN_PACKAGE = '__GAME__';

export type PackageKind = 'main' | 'subpackage' | 'independent';

export interface PackageReport {
  readonly name: string;
  /** '' for the main package; 'stage1/' for a folder root, 'stage2.js' for a single script. */
  readonly root: string;
  readonly kind: PackageKind;
  readonly files: number;
  readonly bytes: number;
  readonly limitBytes: number | null;
  /** Sizes the developer tool reported after a preview or upload, when there are some. */
  readonly reportedBytes?: number;
}

export type ExcludedReason = 'excluded' | 'not-whitelisted';

export interface ExcludedFile {
  readonly path: string;
  readonly reason: ExcludedReason;
  readonly bytes?: number;
}

export interface FileReport {
  /** Logical path, as in the source folder (POSIX). */
  readonly path: string;
  /** Path inside OUT (or OUT-res when remote), hashed with MD5 Cache. */
  readonly out: string;
  readonly package: string;
  readonly remote: boolean;
  /** The bytes shipped (a compressed image's compressed bytes). */
  readonly bytes: number;
  /** Present when the file ships compressed ("optimize"): its source bytes and the bytes saved. */
  readonly optimized?: OptimizedFile;
}

export interface Report {
  readonly platform: Platform;
  readonly outDir: string;
  readonly packages: readonly PackageReport[];
  readonly totalBytes: number;
  readonly totalLimitBytes: number;
  readonly profile: string;
  readonly remote: { readonly dir: string; readonly files: number; readonly bytes: number } | null;
  readonly excluded: readonly ExcludedFile[];
  readonly problems: readonly Problem[];
  readonly files: readonly FileReport[];
  /** Sizes are estimates until a developer tool reports real ones. */
  readonly sizesAre: 'estimated' | 'reported';
  /** Bytes of the studio's runtime shipped in the main package (kept small on purpose). */
  readonly runtimeBytes: number;
  /** The project's size budgets as judged on this report (absent when it sets none). */
  readonly budgets?: readonly BudgetResult[];
  /** Image compression in all (present when the project sets "optimize"); per file in `files[].optimized`. */
  readonly optimize?: OptimizeSummary;
}

/**
 * The sizes a developer tool reported after a preview or upload (`--info-output`): '__GAME__' for
 * the main package, else a subpackage name or root as the tool wrote it.
 */
export interface ReportedSizes {
  readonly totalBytes: number | null;
  readonly packages: readonly { readonly name: string; readonly bytes: number }[];
}
