/** What every check reads: the settings, the inventory and the plan's file assignment. */
import type { Problem, ProblemCode, Severity } from '../../../shared/problems.js';
import type { Inventory, PlannedFile, PlannedPackage, ProjectSettings } from '../types.js';
import type { ScriptCache } from './script-refs.js';

export interface CheckContext {
  readonly settings: ProjectSettings;
  readonly inventory: Inventory;
  readonly packages: readonly PlannedPackage[];
  readonly files: readonly PlannedFile[];
  readonly byPath: ReadonlyMap<string, PlannedFile>;
  readonly scripts: ScriptCache;
}

export function problem(
  severity: Severity,
  code: ProblemCode,
  message: string,
  path: string | null = null,
  field?: string,
): Problem {
  return field === undefined ? { severity, code, message, path } : { severity, code, message, path, field };
}

/** Whether the game has this folder ('stage1/' or 'stage1'), from the scan's folder list or, failing that, its files. */
export function hasFolder(inventory: Inventory, folder: string): boolean {
  const name = folder.replace(/\/$/, '');
  if (inventory.folders) return inventory.folders.has(name);
  const prefix = `${name}/`;
  for (const path of inventory.files.keys()) if (path.startsWith(prefix)) return true;
  return false;
}
