/**
 * Size budgets: the team's own ceilings under the platform's limits, in minigame-studio.json:
 * `"budgets": { "__GAME__": "3.5 MiB", "stage1": "2 MiB", "total": "12 MiB", "remote": "80 MiB", "growth": "100 KiB" }`.
 * A key is a package name ('__GAME__' for the main package, else a subpackage's name) or one of the
 * keys below; a value is a size (shared/sizes.ts).
 */
import { z } from 'zod';
import { parseSize } from './sizes.js';

/** Keys that are not package names: all packages together, the Remote URL's files, growth per build. */
export const BUDGET_KEYS = ['total', 'remote', 'growth'] as const;
export type BudgetKey = (typeof BUDGET_KEYS)[number];

/** A budget's value: checked with parseSize, so the project file's error names the field and the unit. */
export const BudgetSizeSchema = z.unknown().superRefine((value, context) => {
  const parsed = parseSize(value);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.reason });
});

export const BudgetsSchema = z.record(z.string(), BudgetSizeSchema);

export type BudgetKind = 'package' | BudgetKey;
export type BudgetStatus = 'ok' | 'near' | 'exceeded';

/** One budget as judged against a report: what the UI draws as a marker and the JUnit output lists. */
export interface BudgetResult {
  readonly kind: BudgetKind;
  /** The package name for 'package' and 'growth' (growth is judged per package); 'total' or 'remote' otherwise. */
  readonly name: string;
  readonly limitBytes: number;
  /** The bytes measured: the package's, all packages', the remote files'; for growth, bytes added since the previous build. */
  readonly bytes: number;
  readonly status: BudgetStatus;
  /** The BUDGET_EXCEEDED or BUDGET_NEAR message, when the status is not 'ok'. */
  readonly message?: string;
}
