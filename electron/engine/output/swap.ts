/**
 * Puts freshly written folders in place of the old ones with renames only, so a reader sees either
 * the previous output or the new one, and on any failure every folder is put back as it was.
 */
import { rename, stat } from 'node:fs/promises';
import { removeTree } from './remove-tree.js';

export interface Swap {
  /** The freshly written folder, or null to take `target` away (a build with nothing remote). */
  readonly fresh: string | null;
  readonly target: string;
  /** Where the previous `target` waits until the swap is committed. */
  readonly previous: string;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Swaps every pair, or none: a failure part-way renames back what was already moved. */
export async function swapAll(swaps: readonly Swap[]): Promise<void> {
  const done: { swap: Swap; hadPrevious: boolean }[] = [];
  try {
    for (const swap of swaps) {
      const hadPrevious = await exists(swap.target);
      if (hadPrevious) await rename(swap.target, swap.previous);
      done.push({ swap, hadPrevious });
      if (swap.fresh) await rename(swap.fresh, swap.target);
    }
  } catch (error) {
    for (const { swap, hadPrevious } of done.reverse()) {
      if (swap.fresh && (await exists(swap.target)) && !(await exists(swap.fresh))) await rename(swap.target, swap.fresh);
      if (hadPrevious) await rename(swap.previous, swap.target);
    }
    throw error;
  }
}

/** After a committed swap: the previous folders are no longer needed. */
export async function dropPrevious(swaps: readonly Swap[]): Promise<void> {
  for (const swap of swaps) await removeTree(swap.previous);
}
