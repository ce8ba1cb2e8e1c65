/**
 * StudioApi: the one contract between the renderer and the engine. Implemented once in the engine
 * (electron/engine/studio/); the Electron bridge (preload + ipc) and the web-mode WebSocket bridge
 * only forward `call(method, params)` and push events. Every method's params have a zod schema,
 * validated on the receiving side of both transports.
 */
import { z } from 'zod';
import type { Platform } from './platforms.js';
import type { Report } from './report.js';
import type { ProjectFile } from './project-file.js';
import { ProjectFileSchema } from './project-file.js';

export interface TreeFile {
  readonly path: string;
  readonly bytes: number;
  /** '__GAME__' or a subpackage name. */
  readonly package: string;
  readonly status: 'package' | 'remote' | 'excluded' | 'not-whitelisted';
}

/** The project as the panels show it: settings as saved, the effective values, and the live report. */
export interface ProjectState {
  readonly dir: string;
  readonly name: string;
  readonly isSample: boolean;
  /** minigame-studio.json as on disk ({} when there is none yet). */
  readonly projectFile: ProjectFile;
  /** Effective settings (project file over game.json / project.config.json). */
  readonly effective: {
    readonly platform: Platform;
    readonly appid: string;
    readonly orientation: string;
    readonly profile: string;
    readonly md5Cache: boolean;
    readonly remoteUrl: string;
    readonly keepInPackage: readonly string[];
    readonly exclude: readonly string[];
    readonly outDir: string;
    readonly subpackages: readonly { name: string; root: string; independent: boolean }[];
    readonly openDataContext: string | null;
  };
  /** Top-level and nested folders of the game, for the subpackage editor. */
  readonly folders: readonly string[];
  readonly report: Report | null;
  /** Set when the project cannot be planned at all (e.g. invalid minigame-studio.json). */
  readonly error: string | null;
  readonly tree: readonly TreeFile[];
}

export interface BuildProgress {
  readonly jobId: string;
  readonly phase: 'scan' | 'hash' | 'write' | 'done';
  readonly files: number;
  readonly totalFiles: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

export interface BuildResult {
  readonly jobId: string;
  readonly status: 'built' | 'built-with-errors' | 'failed' | 'cancelled';
  readonly exitCode: number;
  readonly outDir: string;
  readonly message: string;
  readonly report: Report | null;
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PreferencesSchema = z.object({
  wechatDevtoolsPath: z.string().default(''),
  alipayIdePath: z.string().default(''),
  language: z.enum(LANGUAGES).optional(),
  recentProjects: z.array(z.string()).default([]),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export interface ToolLocation {
  readonly platform: Platform;
  /** The executable the studio will run, or null when none was found. */
  readonly cli: string | null;
  readonly source: 'preferences' | 'default-location' | 'path' | 'dependency' | null;
  readonly message: string;
}

export type ToolAction = 'play' | 'preview' | 'upload' | 'login';

export interface ToolResult {
  readonly action: ToolAction;
  readonly ok: boolean;
  /** A stable failure kind the UI turns into a way out (a button to Preferences, the login QR, …). */
  readonly failure: 'no-path' | 'not-found' | 'not-executable' | 'port-closed' | 'not-logged-in' | 'timeout' | 'cancelled' | 'exit' | null;
  readonly message: string;
  /** A data: URL of the QR image for preview and login, when there is one. */
  readonly qrDataUrl: string | null;
  readonly qrPath: string | null;
  readonly lastLines: readonly string[];
}

/** Params schemas: one per method; every transport validates with them before the engine runs. */
export const ApiParams = {
  openProject: z.object({ dir: z.string().min(1) }),
  getProject: z.object({}),
  updateProject: z.object({ patch: ProjectFileSchema.partial() }),
  startBuild: z.object({}),
  cancelBuild: z.object({ jobId: z.string() }),
  revealOutput: z.object({}),
  getPreferences: z.object({}),
  setPreferences: z.object({ patch: PreferencesSchema.partial() }),
  locateTools: z.object({}),
  runTool: z.object({
    action: z.enum(['play', 'preview', 'upload', 'login']),
    version: z.string().optional(),
    description: z.string().optional(),
  }),
  cancelTool: z.object({}),
  setServeRemote: z.object({ enabled: z.boolean() }),
} as const;

export type ApiMethod = keyof typeof ApiParams;
export type ParamsOf<M extends ApiMethod> = z.infer<(typeof ApiParams)[M]>;

export interface StudioApi {
  openProject(p: ParamsOf<'openProject'>): Promise<ProjectState>;
  /** The open project, opening the last one or the bundled sample game when none is open. */
  getProject(p: ParamsOf<'getProject'>): Promise<ProjectState>;
  /** Validates, saves minigame-studio.json atomically, re-plans; an invalid patch is refused, not saved. */
  updateProject(p: ParamsOf<'updateProject'>): Promise<ProjectState>;
  startBuild(p: ParamsOf<'startBuild'>): Promise<{ jobId: string }>;
  cancelBuild(p: ParamsOf<'cancelBuild'>): Promise<void>;
  revealOutput(p: ParamsOf<'revealOutput'>): Promise<{ outDir: string }>;
  getPreferences(p: ParamsOf<'getPreferences'>): Promise<Preferences>;
  setPreferences(p: ParamsOf<'setPreferences'>): Promise<Preferences>;
  locateTools(p: ParamsOf<'locateTools'>): Promise<readonly ToolLocation[]>;
  runTool(p: ParamsOf<'runTool'>): Promise<ToolResult>;
  cancelTool(p: ParamsOf<'cancelTool'>): Promise<void>;
  setServeRemote(p: ParamsOf<'setServeRemote'>): Promise<{ enabled: boolean; url: string | null }>;
}

/** Pushed from the engine to every connected renderer. */
export interface StudioEvents {
  /** The live report: sent after any change on disk or in the settings. */
  'project:changed': ProjectState;
  'build:progress': BuildProgress;
  'build:done': BuildResult;
  'tool:log': { readonly line: string; readonly stream: 'stdout' | 'stderr' | 'studio' };
}
export type StudioEventName = keyof StudioEvents;

/** The wire envelope, the same over Electron IPC and the web-mode WebSocket. */
export type RpcRequest = { readonly id: number; readonly method: string; readonly params: unknown };
export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
export type RpcEvent = { readonly event: StudioEventName; readonly payload: unknown };
