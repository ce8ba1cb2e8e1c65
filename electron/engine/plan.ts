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
import { runChecks } from './checks/index.js';
import { isUsableRemoteUrl } from './checks/remote-url.js';
import { createScriptCache, type ScriptCache } from './checks/script-refs.js';
import { inRoot } from './paths.js';
import { compare } from './scan.js';
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
  const files = assignFiles(settings, inventory, packages);
  const byPath = new Map<string, PlannedFile>();
  for (const file of files) byPath.set(file.path, file);
  const problems = await runChecks({ settings, inventory, packages, files, byPath, scripts: options.scripts ?? sharedScripts });
  return { settings, packages, files, problems };
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
  const expanded = patterns
    .map((p) => p.trim().replace(/\\/g, '/').replace(/^\.?\/+/, ''))
    .filter((p) => p !== '')
    .flatMap((p) => (p.endsWith('/**') ? [p] : [p.replace(/\/$/, ''), `${p.replace(/\/$/, '')}/**`]));
  if (expanded.length === 0) return () => false;
  return picomatch(expanded, { dot: true });
}

/**
 * Planned files by settings, then path: a re-plan with the same settings object (the live report
 * between config changes) reuses the planned file of every file whose size, mtime and inode are
 * unchanged. (A WeakMap per scanned file was tried: its ephemerons made garbage collection the
 * main cost of a re-plan.)
 */
const plannedCache = new WeakMap<ProjectSettings, Map<string, PlannedFile>>();

function assignFiles(settings: ProjectSettings, inventory: Inventory, packages: readonly PlannedPackage[]): PlannedFile[] {
  let cache = plannedCache.get(settings);
  if (!cache) plannedCache.set(settings, (cache = new Map()));
  const isExcluded = compileGlobs(settings.exclude);
  const movable = movableToRemote(settings);
  const remote = isUsableRemoteUrl(settings.remoteUrl);
  // Longest root first: the longest matching root wins (nested roots are a problem of their own).
  const roots = packages
    .filter((p) => p.kind !== 'main')
    .map((p) => ({ root: p.root, name: p.name }))
    .sort((a, b) => b.root.length - a.root.length);

  const plan = (file: ScannedFile): PlannedFile => {
    const pkg = roots.find((r) => inRoot(file.path, r.root))?.name ?? MAIN_PACKAGE;
    const isScript = lastExtension(file.path) === 'js';
    const base = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, package: pkg, isScript };
    if (isExcluded(file.path)) return { ...base, destination: 'excluded', excludedReason: 'excluded' };
    if (!isWhitelisted(file.path)) return { ...base, destination: 'excluded', excludedReason: 'not-whitelisted' };
    if (remote && pkg === MAIN_PACKAGE && movable(file.path)) return { ...base, destination: 'remote' };
    return { ...base, destination: 'package' };
  };

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
