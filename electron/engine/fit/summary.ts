/** The pressure in words: which package or total is over or close to which limit or budget. */
import type { FitSizes, FitStatus } from '../../../shared/fit.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { formatBytes } from '../report.js';

export function describePressure(sizes: FitSizes): string[] {
  const lines: string[] = [];
  const say = (what: string, bytes: number, status: FitStatus, limit: number | null, budget: number | null): void => {
    if (status === 'ok') return;
    const ceilings = [
      ...(limit !== null ? [{ name: 'its limit', bytes: limit }] : []),
      ...(budget !== null ? [{ name: 'its budget', bytes: budget }] : []),
    ];
    // Over: every ceiling it passed; close: the lowest one, the one it is close to.
    const named = status === 'over' ? ceilings.filter((c) => bytes > c.bytes) : [ceilings.sort((a, b) => a.bytes - b.bytes)[0]];
    const text = named.map((c) => (c ? `${c.name} of ${formatBytes(c.bytes)}` : '')).join(' and ');
    lines.push(`${what} is ${formatBytes(bytes)}, ${status === 'over' ? 'over' : 'within 10 % of'} ${text}.`);
  };
  for (const p of sizes.packages) {
    say(p.name === MAIN_PACKAGE ? 'The main package' : `Subpackage "${p.name}"`, p.bytes, p.status, p.limitBytes, p.budgetBytes);
  }
  say('All packages together', sizes.total.bytes, sizes.total.status, sizes.total.limitBytes, sizes.total.budgetBytes);
  return lines;
}
