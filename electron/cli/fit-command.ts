/**
 * `fit`: the plans that get the packages under their limits and budgets, printed (or as JSON);
 * `--apply N` writes plan N's settings into minigame-studio.json and prints what changed.
 * Exit: 0 nothing is over or a plan fits (with --apply: the plan written fits); 3 no plan fits (or
 * the plan written does not); 1 the project can't be read or saved; 2 usage.
 */
import type { FitAnswer, FitPlan, FitSizes } from '../../shared/fit.js';
import { EXIT } from '../../shared/problems.js';
import { MAIN_PACKAGE } from '../../shared/report.js';
import { applyFitPlan } from '../engine/fit/apply.js';
import { fitProject } from '../engine/fit/index.js';
import { formatBytes } from '../engine/report.js';
import type { Command, Io } from './args.js';
import { reportFailure } from './errors.js';

export async function runFit(command: Command, io: Io): Promise<number> {
  try {
    const { analysis, answer } = await fitProject(command.dir ?? io.cwd, command.platform ? { platform: command.platform } : {});
    if (command.apply === undefined) {
      io.stdout.write(command.json ? `${JSON.stringify(toJson(answer), null, 2)}\n` : describeAnswer(answer));
      return !answer.pressed || answer.plans.some((p) => p.fits) || !isOver(answer.current) ? EXIT.ok : EXIT.builtWithErrors;
    }
    const plan = answer.plans.find((p) => p.id === command.apply);
    if (!plan) {
      const which = answer.plans.length === 0 ? 'there are no plans (nothing is over or close to a limit or budget)' : `the plans are 1 to ${answer.plans.length}`;
      io.stderr.write(`error: --apply ${command.apply}: ${which}. Run "minigame-studio fit" to see them.\n`);
      return EXIT.usage;
    }
    const applied = await applyFitPlan(analysis.settings.projectDir, plan, { remoteUrl: command.remoteUrl });
    const summary = { applied: plan.id, title: plan.title, path: applied.path, changes: applied.changes, fits: plan.fits, codeChanges: plan.actions.flatMap((a) => (a.codeChange ? [a.codeChange] : [])) };
    if (command.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const lines = [`Applied plan ${plan.id}: ${plan.title}`, `Wrote ${applied.path}:`, ...applied.changes.map((c) => `  ${c}`)];
      for (const change of summary.codeChanges) lines.push(`Your code must: ${change}`);
      for (const action of plan.actions) if (action.kind === 'remote-url') lines.push(`Upload the build's -res folder to ${applied.settings.remoteUrl ?? 'the Remote URL'} after each build.`);
      lines.push(plan.fits ? 'With it the packages fit; build to see it.' : 'It does not make everything fit on its own: run "minigame-studio fit" again for what is left.');
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return plan.fits ? EXIT.ok : EXIT.builtWithErrors;
  } catch (error) {
    return reportFailure(error, io, command.json);
  }
}

function isOver(sizes: FitSizes): boolean {
  return sizes.total.status === 'over' || sizes.packages.some((p) => p.status === 'over');
}

/** The JSON of DESIGN's `fit --json`: current sizes and the plans; the planner's words beside them. */
function toJson(answer: FitAnswer): unknown {
  return {
    platform: answer.platform,
    current: { packages: answer.current.packages, total: answer.current.total, remoteBytes: answer.current.remoteBytes },
    pressed: answer.pressed,
    summary: answer.summary,
    plans: answer.plans,
    left: answer.left,
  };
}

export function describeAnswer(answer: FitAnswer): string {
  if (!answer.pressed) return `${answer.platform}: every package is well within its limits and budgets (under 90 %); nothing to fit.\n`;
  const lines = [`${answer.platform}: ${answer.summary.join(' ')}`, ''];
  if (answer.plans.length === 0) lines.push('No plan: nothing the planner knows can move.', '');
  for (const plan of answer.plans) lines.push(...describePlan(plan), '');
  if (answer.left) lines.push(`Nothing fits. ${answer.left}`, '');
  const first = answer.plans.find((p) => p.fits);
  if (first) lines.push(`Apply one with: minigame-studio fit --apply ${first.id}${first.needsInput.some((n) => n.field === 'remoteUrl') ? ' --remote-url https://…' : ''}`);
  return `${lines.join('\n')}\n`;
}

function describePlan(plan: FitPlan): string[] {
  const tags = [plan.safe ? 'safe' : plan.safety === 'probable' ? 'check first' : plan.safety === 'code-change' ? 'needs a code change' : 'not certain', ...(plan.needsInput.length ? ['needs input'] : []), plan.fits ? 'FITS' : 'does not fit'];
  const lines = [`${plan.id}. ${plan.title}  [${tags.join(', ')}]`];
  for (const action of plan.actions) {
    lines.push(`   - ${action.title}`);
    for (const example of action.examples.slice(0, 5)) lines.push(`       ${example.path}  ${formatBytes(example.bytes)}`);
    if (action.files > 5) lines.push(`       … and ${action.files - Math.min(5, action.examples.length)} more`);
    if (action.codeChange) lines.push(`     Code: ${action.codeChange}`);
    for (const line of action.evidence) lines.push(`     Why: ${line}`);
    for (const line of action.uncertain) lines.push(`     ${line}`);
    for (const line of action.limits) lines.push(`     Note: ${line}`);
    if (action.needsInput) lines.push(`     Needs: ${action.needsInput.message}`);
  }
  for (const error of plan.newErrors) lines.push(`   New error: ${error}`);
  const sizes = plan.result.packages
    .map((p) => `${p.name === MAIN_PACKAGE ? 'main' : p.name} ${formatBytes(p.bytes)}${p.limitBytes !== null || p.budgetBytes !== null ? ` / ${formatBytes(Math.min(p.limitBytes ?? Infinity, p.budgetBytes ?? Infinity))}` : ''}${p.status === 'over' ? ' OVER' : ''}`)
    .join(', ');
  lines.push(`   → ${sizes}; total ${formatBytes(plan.result.total.bytes)}${plan.result.remoteBytes ? `; remote ${formatBytes(plan.result.remoteBytes)}` : ''}`);
  return lines;
}
