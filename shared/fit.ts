/**
 * The fit planner's answer (`minigame-studio fit --json`, the app's Fit card): plans that get the
 * packages under their limits and budgets, each with the sizes the engine's own pipeline gives
 * for it. The renderer only shows these; it never computes a size.
 */
import type { OptimizeSettings } from './optimize.js';
import type { PackageKind } from './report.js';

/** A package's bytes against the lowest of its platform limit and its budget. */
export interface FitPackageSize {
  readonly name: string;
  readonly kind: PackageKind;
  readonly bytes: number;
  /** The platform's limit (null when it has none). */
  readonly limitBytes: number | null;
  /** The project's budget for it, when it sets one. */
  readonly budgetBytes: number | null;
  /** 'over' a limit or budget, 'near' (within 10 % of it), else 'ok'. */
  readonly status: FitStatus;
}

export type FitStatus = 'ok' | 'near' | 'over';

export interface FitSizes {
  readonly packages: readonly FitPackageSize[];
  readonly total: { readonly bytes: number; readonly limitBytes: number; readonly budgetBytes: number | null; readonly status: FitStatus };
  /** Bytes served from the Remote URL. */
  readonly remoteBytes: number;
}

/** What the project file gains: the settings a plan writes (exactly these keys). */
export interface FitSettings {
  readonly remoteUrl?: string;
  readonly exclude?: readonly string[];
  readonly subpackages?: readonly { readonly name: string; readonly root: string; readonly independent?: boolean; readonly [key: string]: unknown }[];
  /** Image compression at build: the project's own options with the plan's laid over them. */
  readonly optimize?: OptimizeSettings;
  readonly [key: string]: unknown;
}

export type FitActionKind = 'remote-url' | 'subpackage' | 'exclude-unused' | 'compress-images' | (string & {});

/** How far a plan can be trusted: ranks plans before their bytes do. */
export type FitSafety = 'safe' | 'probable' | 'code-change';

export interface FitAction {
  readonly kind: FitActionKind;
  /** One line: what moves where. */
  readonly title: string;
  /** Files moved or left out, and their bytes. */
  readonly files: number;
  readonly bytes: number;
  /** The biggest of them (at most 10), path and bytes. */
  readonly examples: readonly { readonly path: string; readonly bytes: number }[];
  readonly safety: FitSafety;
  /** What the game's code must do for it to keep working; null when nothing. */
  readonly codeChange: string | null;
  /** Why the planner believes it (what was read, what names what). */
  readonly evidence: readonly string[];
  /** "not certain: js/loader.js loads scripts by computed name (require(…))": what the graph could not follow. */
  readonly uncertain: readonly string[];
  /** Plain words on what this action can't do ("scripts can't move: 2.10 MiB of scripts stay"). */
  readonly limits: readonly string[];
  /** Input the user must give before it can be applied. */
  readonly needsInput: FitInput | null;
}

export interface FitInput {
  readonly field: 'remoteUrl';
  readonly message: string;
  /** What the sizes were computed with. */
  readonly placeholder: string;
}

export interface FitPlan {
  /** 1-based rank: `fit --apply N`. */
  readonly id: number;
  readonly title: string;
  /** No code change, nothing guessed, nothing uncertain. */
  readonly safe: boolean;
  readonly safety: FitSafety;
  readonly actions: readonly FitAction[];
  /** What it writes into minigame-studio.json. */
  readonly settings: FitSettings;
  readonly result: FitSizes;
  /** Every package and the total within their limits and budgets, and no new error. */
  readonly fits: boolean;
  readonly bytesSaved: number;
  /** Errors the plan's settings would bring that the project does not have now (their messages). */
  readonly newErrors: readonly string[];
  readonly needsInput: readonly FitInput[];
}

export interface FitAnswer {
  readonly platform: string;
  readonly current: FitSizes;
  /** Whether any package or the total is over or within 10 % of its limit or budget. */
  readonly pressed: boolean;
  /** The pressure in words ("The main package is 7.20 MiB, over its limit of 4.00 MiB"). */
  readonly summary: readonly string[];
  readonly plans: readonly FitPlan[];
  /** When no plan fits: what is left and why. */
  readonly left: string | null;
}

/** What applying a plan wrote (StudioApi applyFit, `fit --apply N`). */
export interface FitApplied {
  readonly id: number;
  readonly title: string;
  /** One line per setting written ("remoteUrl: (none) → …", "exclude: + video/intro-old.mp4"). */
  readonly changes: readonly string[];
  readonly fits: boolean;
  /** What the game's code must now do, from the plan's actions. */
  readonly codeChanges: readonly string[];
}

/** The Fit card's data: the plans for the live report, and the plan applied last (Undo puts the project file back). */
export interface FitState {
  readonly answer: FitAnswer;
  readonly applied: FitApplied | null;
}
