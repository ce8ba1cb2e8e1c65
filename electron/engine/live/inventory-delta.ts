/**
 * What changed between two inventories of one live session, so the plan can re-decide only the
 * changed files instead of all 10,000 (issue 7, P3). Recorded only for an update that changed
 * files in place: an added or removed path changes the file list, and the plan then starts over.
 */
import type { Inventory } from '../types.js';

export interface InventoryDelta {
  /** The inventory this one was made from. */
  readonly previous: Inventory;
  /** Paths whose stat changed; the same paths, in the same order, as in previous. */
  readonly changed: readonly string[];
}

const deltas = new WeakMap<Inventory, InventoryDelta>();

export function recordDelta(next: Inventory, delta: InventoryDelta): void {
  deltas.set(next, delta);
}

export function deltaOf(inventory: Inventory): InventoryDelta | undefined {
  return deltas.get(inventory);
}
