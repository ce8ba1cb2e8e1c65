/**
 * Turns the engine's analysis into the ProjectState the panels show. Pure: the UI never computes
 * sizes or rules itself, so everything it displays is read off the plan and the report here.
 */
import { basename, isAbsolute, relative, sep } from 'node:path';
import type { ProjectState, TreeFile } from '../../../shared/api.js';
import type { Report } from '../../../shared/report.js';
import type { Inventory, Plan, ProjectSettings } from '../types.js';
import { isImage } from '../optimize/targets.js';

export interface StateSource {
  readonly settings: ProjectSettings;
  readonly inventory: Inventory;
  readonly plan: Plan;
  readonly report: Report;
}

export interface StateContext {
  readonly dir: string;
  readonly isSample: boolean;
  readonly serveRemote: { readonly enabled: boolean; readonly url: string | null };
}

export function projectStateFrom(analysis: StateSource, context: StateContext): ProjectState {
  const { settings, plan, report } = analysis;
  return {
    dir: context.dir,
    name: basename(context.dir),
    isSample: context.isSample,
    projectFile: settings.projectFile ?? {},
    effective: {
      platform: settings.platform,
      appid: settings.appid,
      orientation: settings.orientation,
      profile: settings.profile.id,
      md5Cache: settings.md5Cache,
      remoteUrl: settings.remoteUrl,
      keepInPackage: settings.keepInPackage,
      exclude: settings.exclude,
      outDir: displayPath(settings.projectDir, settings.outDir),
      subpackages: settings.subpackages.map(({ name, root, independent }) => ({ name, root, independent })),
      openDataContext: settings.openDataContext,
    },
    folders: foldersOf(analysis.inventory.files.keys()),
    report,
    error: null,
    tree: treeOf(plan, report),
    serveRemote: context.serveRemote,
  };
}

/** The state of a project the engine cannot plan (e.g. an invalid minigame-studio.json): the error, nothing else. */
export function projectErrorState(dir: string, message: string, context: Omit<StateContext, 'dir'>): ProjectState {
  return {
    dir,
    name: basename(dir),
    isSample: context.isSample,
    projectFile: {},
    effective: {
      platform: 'wechat',
      appid: '',
      orientation: 'portrait',
      profile: '',
      md5Cache: false,
      remoteUrl: '',
      keepInPackage: [],
      exclude: [],
      outDir: '',
      subpackages: [],
      openDataContext: null,
    },
    folders: [],
    report: null,
    error: message,
    tree: [],
    serveRemote: context.serveRemote,
  };
}

/** The plan's files, each image with what the report says compression saved on it. */
function treeOf(plan: Plan, report: Report): TreeFile[] {
  const compressed = new Map<string, NonNullable<TreeFile['optimized']>>();
  for (const file of report.files) if (file.optimized) compressed.set(file.path, { bytes: file.bytes, savedBytes: file.optimized.savedBytes, mode: file.optimized.mode });
  return plan.files.map((file) => {
    const status: TreeFile['status'] =
      file.destination === 'excluded' ? (file.excludedReason === 'not-whitelisted' ? 'not-whitelisted' : 'excluded') : file.destination;
    const optimized = compressed.get(file.path);
    return { path: file.path, bytes: file.size, package: file.package, status, ...(isImage(file.path) ? { image: true } : {}), ...(optimized ? { optimized } : {}) };
  });
}

/** Every folder that holds a file, nested ones included, as subpackage roots are written ('stage1/', 'stage1/levels/'). */
export function foldersOf(paths: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...folders].sort();
}

/** The output folder relative to the project when it is inside it (as the project file writes it), else absolute. */
function displayPath(projectDir: string, outDir: string): string {
  const rel = relative(projectDir, outDir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return outDir;
  return rel.split(sep).join('/');
}
