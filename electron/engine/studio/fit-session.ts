/**
 * The Fit card's engine side, for one open project: the planner on the live analysis, applying a
 * plan (only minigame-studio.json is written) and Undo of the last one, byte for byte.
 */
import type { FitApplied, FitState } from '../../../shared/fit.js';
import { StudioError } from '../errors.js';
import { applyFitPlan, undoFitPlan, type AppliedFit } from '../fit/apply.js';
import { planFit } from '../fit/planner.js';
import type { HashCache } from '../hash-cache.js';
import { previousBuild } from '../history/record.js';
import type { Analysis } from '../types.js';

export interface FitSession {
  state(analysis: Analysis): Promise<FitState>;
  /** Writes the plan; `write` wraps the save so the session knows it is its own. */
  apply(analysis: Analysis, params: { id: number; title: string; remoteUrl?: string }): Promise<FitApplied>;
  undo(): Promise<void>;
}

export function createFitSession(dir: string, hashes: HashCache): FitSession {
  let last: { readonly applied: AppliedFit; readonly summary: FitApplied } | null = null;
  const plan = async (analysis: Analysis) => planFit(analysis, { hashes, previous: await previousBuild(analysis.settings) });
  return {
    async state(analysis) {
      return { answer: await plan(analysis), applied: last?.summary ?? null };
    },
    async apply(analysis, { id, title, remoteUrl }) {
      const answer = await plan(analysis);
      const chosen = answer.plans.find((p) => p.id === id);
      if (!chosen || chosen.title !== title) {
        throw new StudioError(`The plan "${title}" is no longer offered as plan ${id}: the project changed since the list was made. Look at the updated list and choose again.`, {
          code: 'FIT_PLAN_GONE',
        });
      }
      const applied = await applyFitPlan(dir, chosen, { remoteUrl });
      const summary: FitApplied = {
        id,
        title,
        changes: applied.changes,
        fits: chosen.fits,
        codeChanges: chosen.actions.flatMap((a) => (a.codeChange ? [a.codeChange] : [])),
      };
      last = { applied, summary };
      return summary;
    },
    async undo() {
      if (!last) throw new StudioError('No plan was applied in this session, so there is nothing to undo.', { code: 'FIT_NOTHING_TO_UNDO' });
      await undoFitPlan(last.applied);
      last = null;
    },
  };
}
