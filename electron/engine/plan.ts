/**
 * plan: where each scanned file goes (the main package, a subpackage, the remote folder, or
 * nowhere, and why), and every problem that needs no sizes of generated files.
 *
 * Cheap to re-run on purpose (the live report re-plans on every change): globs are compiled once
 * per call, package assignment is a prefix test against a handful of roots, and the static script
 * scans read only scripts whose size or mtime changed (see checks/script-refs.ts).
 */
import picomatch from 'picomatch';
import { isWhitelisted, lastExtension } from '../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../shared/report.js';
import { runChecksReusing, type PerFileProblems } from './checks/index.js';
import { isUsableRemoteUrl } from './checks/remote-url.js';
import { createScriptCache, type ScriptCache } from './checks/script-refs.js';
import { inRoot } from './paths.js';
import { compare } from './scan.js';
import { deltaOf } from './live/inventory-delta.js';
import { GAME_JSON, PROJECT_CONFIG_JSON } from './source-config.js';
import type { Inventory, Plan, PlannedFile, PlannedPackage, ProjectSettings, ScannedFile } from './types.js';

/** Config files at the game root: read into the settings; the build writes its own. */
export const ROOT_CONFIG_FILES: ReadonlySet<string> = new Set([GAME_JSON, PROJECT_CONFIG_JSON, 'project.private.config.json']);

export interface PlanOptions {
  /** Parsed scripts, kept between plans; one shared cache is used when none is given. */
  readonly scripts?: ScriptCache;
}

const sharedScripts = createScriptCache();

export async function planProject(settings: ProjectSettings, inventory: Inventory, options: PlanOptions = {}): Promise<Plan> {
  const packages = plannedPackages(settings);
  const memo = lastPlans.get(settings);
  const delta = deltaOf(inventory);
  let files: PlannedFile[];
  let byPath: Map<string, PlannedFile>;
  let index: Map<string, number> | null = null;
  let reuse: PerFileProblems | undefined;
  if (memo && !memo.busy && delta && delta.previous === memo.inventory) {
    // Only some files were re-stat'ed in place (the live report): re-decide just those.
    ({ files, byPath, index } = updateFiles(settings, packages, memo, inventory, delta.changed));
    const scriptChanged = delta.changed.some((path) => memo.byPath.get(path)?.isScript === true);
    if (!scriptChanged) reuse = memo.perFile ?? undefined;
  } else {
    files = assignFiles(settings, inventory, packages);
    byPath = new Map<string, PlannedFile>();
    for (const file of files) byPath.set(file.path, file);
  }
  const next: LastPlan = { inventory, files, byPath, index, perFile: null, busy: true };
  lastPlans.set(settings, next);
  try {
    const ctx = { settings, inventory, packages, files, byPath, scripts: options.scripts ?? sharedScripts };
    const { problems, perFile } = await runChecksReusing(ctx, reuse);
    next.perFile = perFile;
    return { settings, packages, files, problems, graph: perFile.graph };
  } finally {
    next.busy = false;
  }
}

/**
 * The last plan per settings object, so that the next one, made from an inventory that differs
 * only by files re-stat'ed in place (see live/inventory-delta.ts), copies the file list and
 * re-decides only the changed files. byPath is updated in place: it is only read by the checks,
 * and while they run (busy) the next plan takes the full path.
 */
interface LastPlan {
  readonly inventory: Inventory;
  readonly files: readonly PlannedFile[];
  readonly byPath: Map<string, PlannedFile>;
  /** Position of each path in files; made on the first incremental update. */
  readonly index: Map<string, number> | null;
  /** The per-file checks' problems: the same while only non-script files change in place. */
  perFile: PerFileProblems | null;
  busy: boolean;
}

const lastPlans = new WeakMap<ProjectSettings, LastPlan>();

function updateFiles(
  settings: ProjectSettings,
  packages: readonly PlannedPackage[],
  memo: LastPlan,
  inventory: Inventory,
  changed: readonly string[],
): { files: PlannedFile[]; byPath: Map<string, PlannedFile>; index: Map<string, number> } {
  const files = memo.files.slice();
  const { byPath } = memo;
  let index = memo.index;
  if (!index) {
    index = new Map();
    for (let i = 0; i < files.length; i++) index.set((files[i] as PlannedFile).path, i);
  }
  const cache = plannedFiles(settings);
  let decide: ((file: ScannedFile) => PlannedFile) | null = null;
  for (const path of changed) {
    const at = index.get(path);
    const file = inventory.files.get(path);
    if (at === undefined || !file) continue; // a root config file: never planned
    decide ??= planner(settings, packages);
    const planned = decide(file);
    cache.set(path, planned);
    byPath.set(path, planned);
    files[at] = planned;
  }
  return { files, byPath, index };
}

/** The main package, then each subpackage (first of a duplicated name wins; the duplicate is a problem). */
export function plannedPackages(settings: ProjectSettings): PlannedPackage[] {
  const profile = settings.profile;
  const independentSupported = settings.platform !== 'alipay' && profile.independentBytes !== null;
  const packages: PlannedPackage[] = [{ name: MAIN_PACKAGE, root: '', kind: 'main', limitBytes: profile.mainBytes }];
  const seen = new Set<string>([MAIN_PACKAGE]);
  for (const sub of settings.subpackages) {
    if (seen.has(sub.name)) continue;
    seen.add(sub.name);
    const independent = sub.independent && independentSupported;
    packages.push({
      name: sub.name,
      root: sub.root,
      kind: independent ? 'independent' : 'subpackage',
      limitBytes: independent ? profile.independentBytes : profile.subpackageBytes,
    });
  }
  return packages;
}

/** Files under a folder match a folder pattern too: "docs" and "docs/" exclude everything in docs/. */
export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const plain = new Set<string>();
  const globs: string[] = [];
  for (const raw of patterns) {
    const p = raw.trim().replace(/\\/g, '/').replace(/^\.?\/+/, '');
    if (p === '') continue;
    if (p.endsWith('/**')) globs.push(p);
    // A plain path (the fit planner excludes up to fifty by name) is a Set lookup of the path and
    // its folders, not two more regular expressions per file.
    else if (!GLOB_CHARS.test(p)) plain.add(p.replace(/\/$/, ''));
    else globs.push(p.replace(/\/$/, ''), `${p.replace(/\/$/, '')}/**`);
  }
  const isGlob = globs.length > 0 ? picomatch(globs, { dot: true }) : null;
  if (plain.size === 0) return isGlob ?? (() => false);
  return (path) => {
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) if (plain.has(path.slice(0, end))) return true;
    return isGlob !== null && isGlob(path);
  };
}

/** What makes a pattern more than a plain path to picomatch. */
const GLOB_CHARS = /[*?[\]{}()!+@]/;

/**
 * Planned files by settings, then path: a re-plan with the same settings object (the live report
 * between config changes) reuses the planned file of every file whose size, mtime and inode are
 * unchanged. (A WeakMap per scanned file was tried: its ephemerons made garbage collection the
 * main cost of a re-plan.)
 */
const plannedCache = new WeakMap<ProjectSettings, Map<string, PlannedFile>>();

function plannedFiles(settings: ProjectSettings): Map<string, PlannedFile> {
  let cache = plannedCache.get(settings);
  if (!cache) plannedCache.set(settings, (cache = new Map()));
  return cache;
}

/** Where one file goes under these settings. */
function planner(settings: ProjectSettings, packages: readonly PlannedPackage[]): (file: ScannedFile) => PlannedFile {
  const isExcluded = compileGlobs(settings.exclude);
  const movable = movableToRemote(settings);
  const remote = isUsableRemoteUrl(settings.remoteUrl);
  // Longest root first: the longest matching root wins (nested roots are a problem of their own).
  const roots = packages
    .filter((p) => p.kind !== 'main')
    .map((p) => ({ root: p.root, name: p.name }))
    .sort((a, b) => b.root.length - a.root.length);

  return (file: ScannedFile): PlannedFile => {
    const pkg = roots.find((r) => inRoot(file.path, r.root))?.name ?? MAIN_PACKAGE;
    const isScript = lastExtension(file.path) === 'js';
    const base = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, package: pkg, isScript };
    if (isExcluded(file.path)) return { ...base, destination: 'excluded', excludedReason: 'excluded' };
    if (!isWhitelisted(file.path)) return { ...base, destination: 'excluded', excludedReason: 'not-whitelisted' };
    if (remote && pkg === MAIN_PACKAGE && movable(file.path)) return { ...base, destination: 'remote' };
    return { ...base, destination: 'package' };
  };
}

function assignFiles(settings: ProjectSettings, inventory: Inventory, packages: readonly PlannedPackage[]): PlannedFile[] {
  const cache = plannedFiles(settings);
  const plan = planner(settings, packages);
  const files: PlannedFile[] = [];
  let sorted = true;
  for (const file of inventory.files.values()) {
    if (ROOT_CONFIG_FILES.has(file.path)) continue;
    let planned = cache.get(file.path);
    if (!planned || planned.size !== file.size || planned.mtimeMs !== file.mtimeMs || planned.ino !== file.ino) {
      cache.set(file.path, (planned = plan(file)));
    }
    const last = files[files.length - 1];
    if (last && compare(last.path, planned.path) > 0) sorted = false;
    files.push(planned);
  }
  // scan hands out sorted inventories; sort only one that isn't (made by hand).
  if (!sorted) files.sort((a, b) => compare(a.path, b.path));
  return files;
}

/**
 * Whether a main-package file would go to the remote folder with a Remote URL: any non-script
 * file, except those pinned by keepInPackage and those the platform needs in the package.
 */
export function movableToRemote(settings: ProjectSettings): (path: string) => boolean {
  const isKept = compileGlobs(settings.keepInPackage);
  const pinned = pinnedFolders(settings);
  return (path) => lastExtension(path) !== 'js' && !isKept(path) && !pinned(path);
}

/**
 * Main-package files that must stay in the package even with a Remote URL: the open data context
 * (it may load package images only), the workers folder, and game.json's loading image.
 */
function pinnedFolders(settings: ProjectSettings): (path: string) => boolean {
  const folders: string[] = [];
  if (settings.openDataContext) folders.push(settings.openDataContext);
  const workers = settings.gameJson.workers;
  const workersPath = typeof workers === 'string' ? workers : typeof (workers as { path?: unknown })?.path === 'string' ? (workers as { path: string }).path : '';
  if (workersPath) folders.push(`${workersPath.replace(/^\/+/, '').replace(/\/$/, '')}/`);
  const loading = settings.gameJson.loadingImageInfo as { path?: unknown } | undefined;
  const loadingPath = typeof loading?.path === 'string' ? loading.path.replace(/^\/+/, '') : '';
  return (path) => path === loadingPath || folders.some((folder) => path.startsWith(folder));
}
