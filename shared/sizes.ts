/**
 * Sizes as people write them in the project file and on the command line: a byte count (1048576)
 * or a string with a unit ("3.5 MiB", "100 KiB", "2 MB", "512 B"). Parsed strictly: the units are
 * exactly B, KB, KiB, MB and MiB (KB and MB are powers of 1000, KiB and MiB of 1024), so a typo is
 * an error rather than a silently different budget.
 */

export const SIZE_UNITS = { B: 1, KB: 1000, KiB: 1024, MB: 1_000_000, MiB: 1_048_576 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

export const SIZE_HINT = 'a byte count (e.g. 1048576) or a size with a unit: B, KB, KiB, MB or MiB (e.g. "3.5 MiB")';

export type SizeParse = { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly reason: string };

const PATTERN = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/;

export function parseSize(value: unknown): SizeParse {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? { ok: true, bytes: value } : { ok: false, reason: `must be ${SIZE_HINT}; a byte count is a whole number, 0 or more` };
  }
  if (typeof value !== 'string') return { ok: false, reason: `must be ${SIZE_HINT}` };
  const match = PATTERN.exec(value.trim());
  if (!match) {
    return { ok: false, reason: /^\d+(\.\d+)?$/.test(value.trim()) ? `needs a unit (B, KB, KiB, MB or MiB), or write the byte count as a number` : `must be ${SIZE_HINT}` };
  }
  const [, amount = '', unit = ''] = match;
  if (!Object.hasOwn(SIZE_UNITS, unit)) {
    return { ok: false, reason: `has the unit "${unit}", which is not one of B, KB, KiB, MB, MiB (units are case-sensitive)` };
  }
  const bytes = Number(amount) * SIZE_UNITS[unit as SizeUnit];
  if (unit === 'B' && !Number.isInteger(bytes)) return { ok: false, reason: 'is a fraction of a byte; bytes are whole numbers' };
  // A budget is a ceiling: round a fractional byte count down, never past what was written.
  return Number.isSafeInteger(Math.floor(bytes)) ? { ok: true, bytes: Math.floor(bytes) } : { ok: false, reason: 'is too large' };
}
