/** The biggest files of a list, for an action's examples. */
import type { PlannedFile } from '../../types.js';

export const MAX_EXAMPLES = 10;

export function biggest(files: readonly PlannedFile[], count = MAX_EXAMPLES): { path: string; bytes: number }[] {
  return [...files]
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, count)
    .map((f) => ({ path: f.path, bytes: f.size }));
}

export function sumBytes(files: readonly PlannedFile[]): number {
  let total = 0;
  for (const file of files) total += file.size;
  return total;
}
