/** The pressure in words: which package or total is over or close to which limit or budget. */
import type { FitSizes, FitStatus } from '../../../shared/fit.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { formatBytes } from '../report.js';

export function describePressure(sizes: FitSizes, _entry: string): string[] {
  const lines: string[] = [];
  const say = (what: string, bytes: number, status: FitStatus, limit: number | null, budget: number | null): void => {
    if (status === 'ok') return;
    const ceilings = [limit !== null ? `its limit of ${formatBytes(limit)}` : null, budget !== null ? `its budget of ${formatBytes(budget)}` : null].filter(Boolean).join(' and ');
    lines.push(`${what} is ${formatBytes(bytes)}, ${status === 'over' ? 'over' : 'within 10 % of'} ${ceilings}.`);
  };
  for (const p of sizes.packages) {
    say(p.name === MAIN_PACKAGE ? 'The main package' : `Subpackage "${p.name}"`, p.bytes, p.status, p.limitBytes, p.budgetBytes);
  }
  say('All packages together', sizes.total.bytes, sizes.total.status, sizes.total.limitBytes, sizes.total.budgetBytes);
  return lines;
}
