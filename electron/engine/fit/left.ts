/**
 * When no plan fits: what is left and why. For the main package, what the plans can't move is
 * mostly the scripts its entry reaches (they must ship in it): named, biggest first.
 */
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { formatBytes } from '../report.js';
import type { FitContext } from './context.js';
import type { Evaluation } from './evaluate.js';
import { fitSizes } from './sizes.js';

export function explainLeft(ctx: FitContext, best: Evaluation | null): string {
  const sizes = best ? fitSizes(best.report, best.settings) : ctx.current;
  const files = best ? best.plan.files : ctx.analysis.plan.files;
  const entry = ctx.analysis.settings.entry;
  const parts: string[] = [];
  for (const pkg of sizes.packages) {
    if (pkg.status !== 'over') continue;
    const ceiling = Math.min(pkg.limitBytes ?? Infinity, pkg.budgetBytes ?? Infinity);
    if (pkg.name !== MAIN_PACKAGE) {
      parts.push(`Subpackage "${pkg.name}" is still ${formatBytes(pkg.bytes)}, over ${formatBytes(ceiling)}: split it into more subpackages.`);
      continue;
    }
    const scripts = files.filter((f) => f.package === MAIN_PACKAGE && f.destination === 'package' && f.isScript && ctx.mainReach.files.has(f.path));
    const bytes = scripts.reduce((sum, f) => sum + f.size, 0);
    const named = [...scripts]
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.path} ${formatBytes(f.size)}`)
      .join(', ');
    const doubt = ctx.mainReach.dynamic.length > 0 ? ` (not certain: ${ctx.mainReach.dynamic[0]?.path} loads scripts by computed name, so more may be reached)` : '';
    parts.push(
      `Even with every plan, the main package is ${formatBytes(pkg.bytes)}, over ${formatBytes(ceiling)}: ${formatBytes(bytes)} of scripts reachable from ${entry}${doubt} must ship in it (${named}). Split the code: move what the first scene does not need into a subpackage's scripts, loaded with loadSubpackage.`,
    );
  }
  if (sizes.total.status === 'over') {
    parts.push(`All packages together are still ${formatBytes(sizes.total.bytes)}, over ${formatBytes(Math.min(sizes.total.limitBytes, sizes.total.budgetBytes ?? Infinity))}.`);
  }
  return parts.join(' ') || 'No plan fits.';
}
