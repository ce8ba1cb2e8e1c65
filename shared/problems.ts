/**
 * Problem codes (SPEC Part 1). Codes are stable strings that scripts and tests rely on;
 * messages are for people and may change.
 */

/** Nothing is built (exit 1): the project is inconsistent. */
export const BLOCKING_CODES = [
  'PROJECT_FILE_INVALID',
  'GAME_JSON_INVALID',
  'ENTRY_MISSING',
  'SUBPACKAGE_ROOT_MISSING',
  'SUBPACKAGE_ENTRY_MISSING',
  'SUBPACKAGE_DUPLICATE',
  'SUBPACKAGE_RESERVED_NAME',
  'SUBPACKAGE_NESTED',
  'OPEN_DATA_CONTEXT_IN_SUBPACKAGE',
  'OPEN_DATA_CONTEXT_ENTRY_MISSING',
  'REMOTE_URL_INVALID',
  'OUTPUT_INSIDE_SOURCE',
  /** A file the studio may not read (as an error); a skipped link or device is only a warning. */
  'FILE_UNREADABLE',
] as const;

/** Built, but the platform would reject the package (exit 3). */
export const REJECTING_CODES = [
  'MAIN_PACKAGE_TOO_LARGE',
  'INDEPENDENT_SUBPACKAGE_TOO_LARGE',
  'SUBPACKAGE_TOO_LARGE',
  'TOTAL_TOO_LARGE',
  'INDEPENDENT_SUBPACKAGE_DEPENDENCY',
  'OPEN_DATA_CONTEXT_DEPENDENCY',
  'REFERENCED_FILE_NOT_UPLOADED',
  /** Over one of the project's own size budgets (minigame-studio.json "budgets"). */
  'BUDGET_EXCEEDED',
] as const;

/** Warnings: the exit code is unchanged. */
export const WARNING_CODES = [
  'FILE_NOT_WHITELISTED',
  'NEAR_LIMIT',
  'REMOTE_URL_NOT_HTTPS',
  'SUBPACKAGE_CROSS_REFERENCE',
  'UNKNOWN_GAME_JSON_KEY',
  'PLATFORM_UNSUPPORTED_FEATURE',
  /** project.config.json's libVersion is one miniprogram-ci refuses ("game"): "latest" is written instead. */
  'LIB_VERSION_REPLACED',
  /** The AppID has another platform's format (a Douyin `tt…` or QQ id, a WeChat id on an Alipay build). */
  'APPID_OTHER_PLATFORM',
  /** A symbolic link leads out of the game folder: left out unless the project file opts in. */
  'LINK_OUTSIDE_PROJECT',
  /** Within 5 % of a size budget. */
  'BUDGET_NEAR',
  /** A budget names a package the project does not have (a typo, or a renamed subpackage). */
  'BUDGET_UNKNOWN_PACKAGE',
  /** A build-history entry could not be read; it is skipped. */
  'HISTORY_ENTRY_INVALID',
] as const;

export type BlockingCode = (typeof BLOCKING_CODES)[number];
export type RejectingCode = (typeof REJECTING_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type ProblemCode = BlockingCode | RejectingCode | WarningCode;

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  readonly code: ProblemCode;
  /** For people: names the file, field or path and says what to do. */
  readonly message: string;
  /** The source file the problem is about (POSIX, relative to the project), when there is one. */
  readonly path: string | null;
  /** The project-file field the problem is about (e.g. "subpackages[1].root"), when there is one. */
  readonly field?: string;
}

const blocking: ReadonlySet<string> = new Set(BLOCKING_CODES);

export function isBlocking(problem: Pick<Problem, 'code' | 'severity'>): boolean {
  return problem.severity === 'error' && blocking.has(problem.code);
}

/** The command line's exit codes (DESIGN). */
export const EXIT = { ok: 0, notBuilt: 1, usage: 2, builtWithErrors: 3 } as const;

/** 0 when every problem is a warning, 1 when one blocks the build, 3 when the package would be rejected. */
export function exitCodeFor(problems: readonly Problem[]): number {
  if (problems.some(isBlocking)) return EXIT.notBuilt;
  if (problems.some((p) => p.severity === 'error')) return EXIT.builtWithErrors;
  return EXIT.ok;
}
