/**
 * StudioApi: the one contract between the renderer and the engine. Implemented once in the engine
 * (electron/engine/studio/); the Electron bridge (preload + ipc) and the web-mode WebSocket bridge
 * only forward `call(method, params)` and push events. Every method's params have a zod schema,
 * validated on the receiving side of both transports.
 */
import { z } from 'zod';
import type { FitApplied, FitState } from './fit.js';
import type { BuildDiff, HistoryState } from './history.js';
import type { OptimizeMode } from './optimize.js';
import { APPID_PATTERNS, type Platform } from './platforms.js';
import type { Report, ReportedSizes } from './report.js';
import type { ProjectFile } from './project-file.js';
import { ProjectFileSchema } from './project-file.js';
import { DEVICE_NAMES, NETWORK_NAMES, type SimulatorLog, type SimulatorState, type SimulatorViewBridge } from './simulator.js';

export interface TreeFile {
  readonly path: string;
  readonly bytes: number;
  /** '__GAME__' or a subpackage name. */
  readonly package: string;
  readonly status: 'package' | 'remote' | 'excluded' | 'not-whitelisted';
  /** A PNG or JPEG: the tree offers its before/after compression preview (previewImage). */
  readonly image?: boolean;
  /** Set when the build ships it compressed ("optimize"): the bytes shipped and saved, from the report. */
  readonly optimized?: { readonly bytes: number; readonly savedBytes: number; readonly mode: OptimizeMode };
}

/** One image before and after the project's compression, as the engine encodes it for the build. */
export interface ImagePreview {
  readonly path: string;
  readonly beforeBytes: number;
  /** The bytes the build ships (beforeBytes when it ships the original). */
  readonly afterBytes: number;
  /** beforeBytes − afterBytes. */
  readonly savedBytes: number;
  /** The encoder that made the shipped bytes; null when the original ships. */
  readonly mode: OptimizeMode | null;
  /** Why the original ships, when it does ("optimize" not set, not smaller, excluded, …). */
  readonly reason: string | null;
  /** data: URLs of the two images. */
  readonly before: string;
  readonly after: string;
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
  /** "Serve from this computer": when enabled, builds use this URL as the Remote URL. */
  readonly serveRemote?: { readonly enabled: boolean; readonly url: string | null };
}

export interface BuildProgress {
  readonly jobId: string;
  readonly phase: 'scan' | 'hash' | 'optimize' | 'write' | 'done';
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

/** An AppID of either platform (WeChat `wx…`, Alipay `20…`): the key of a per-game preference. */
export const AppIdSchema = z.string().refine((id) => APPID_PATTERNS.wechat.test(id) || APPID_PATTERNS.alipay.test(id), {
  message: 'not a WeChat (wx + 16 hex digits) or Alipay (16 digits) AppID',
});

export const PreferencesSchema = z.object({
  wechatDevtoolsPath: z.string().default(''),
  alipayIdePath: z.string().default(''),
  /**
   * Per AppID, the path of its upload key (never a copy of the key): WeChat's `private.<appid>.key`
   * for miniprogram-ci, or the JSON identity key (tool ID + private key) minidev reads with
   * `--identity-key-path`. With one set, Preview and Upload run headless: no DevTools, no login.
   */
  uploadKeys: z.record(AppIdSchema, z.string().min(1)).default({}),
  language: z.enum(LANGUAGES).optional(),
  recentProjects: z.array(z.string()).default([]),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/**
 * A change to the preferences. Not `PreferencesSchema.partial()`: zod applies the defaults of the
 * fields inside it, so a patch of the language alone would come out with the tool paths emptied.
 */
export const PreferencesPatchSchema = z.object({
  wechatDevtoolsPath: z.string().optional(),
  alipayIdePath: z.string().optional(),
  /** Merged per AppID into the stored keys; an empty path removes that AppID's key. */
  uploadKeys: z.record(AppIdSchema, z.string()).optional(),
  language: z.enum(LANGUAGES).optional(),
  recentProjects: z.array(z.string()).optional(),
});

export interface ToolLocation {
  readonly platform: Platform;
  /** The executable the studio will run, or null when none was found. */
  readonly cli: string | null;
  readonly source: 'preferences' | 'default-location' | 'path' | 'dependency' | null;
  readonly message: string;
  /** Alipay: the IDE that `minidev ide --app-path` opens, when one was set or found. */
  readonly ide?: string | null;
}

export type ToolAction = 'play' | 'preview' | 'upload' | 'login';

export interface ToolResult {
  readonly action: ToolAction;
  readonly ok: boolean;
  /** A stable failure kind the UI turns into a way out (a button to Preferences, the login QR, …). */
  readonly failure:
    | 'no-path'
    | 'not-found'
    | 'not-executable'
    | 'port-closed'
    /** WeChat DevTools is still starting (or a previous one still holds its port): wait, or `cli quit`. */
    | 'tool-starting'
    /** The tool could not reach its servers (DNS, refused, timed out): check the network. */
    | 'network'
    | 'not-logged-in'
    | 'timeout'
    | 'cancelled'
    | 'exit'
    /** Preview/upload need the game's AppID: the way out is the Build panel. */
    | 'no-appid'
    /** The rebuild before the tool ran was blocked (exit 1): the way out is the report. */
    | 'build-failed'
    /** A version or description the tool can't be given safely (e.g. a `"` for a Windows .bat). */
    | 'bad-argument'
    /** miniprogram-ci: the upload key is missing or malformed, or this IP is not on its whitelist. */
    | 'key'
    | null;
  readonly message: string;
  /** A data: URL of the QR image for preview and login, when there is one. */
  readonly qrDataUrl: string | null;
  readonly qrPath: string | null;
  readonly lastLines: readonly string[];
  /** Sizes the tool reported (preview, upload), when it wrote any. */
  readonly reportedSizes?: ReportedSizes | null;
  /** The last build's report with those sizes beside the estimates (sizesAre 'reported'). */
  readonly report?: Report | null;
}

/** Params schemas: one per method; every transport validates with them before the engine runs. */
/** A build's name: the renderer's own (a UUID), or the engine's when the caller gives none. */
const JobIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a build id is 1 to 64 letters, digits or dashes');

export const ApiParams = {
  openProject: z.object({ dir: z.string().min(1) }),
  getProject: z.object({}),
  // Budgets and "optimize" are checked by the engine with the whole file (validatePatch), so a bad
  // value is refused naming 'budgets.<key>' or 'optimize.jpeg' in the project file's words, rather
  // than as malformed params.
  updateProject: z.object({
    patch: ProjectFileSchema.partial().extend({ budgets: z.record(z.string(), z.unknown()).optional(), optimize: z.record(z.string(), z.unknown()).optional() }),
  }),
  // The renderer names its build, so a Cancel pressed at once reaches the engine in order after
  // the start, without waiting for the start's reply.
  startBuild: z.object({ jobId: JobIdSchema.optional() }),
  cancelBuild: z.object({ jobId: JobIdSchema }),
  revealOutput: z.object({}),
  getPreferences: z.object({}),
  setPreferences: z.object({ patch: PreferencesPatchSchema }),
  locateTools: z.object({}),
  runTool: z.object({
    action: z.enum(['play', 'preview', 'upload', 'login']),
    version: z.string().optional(),
    description: z.string().optional(),
    /** WeChat with an upload key: which of the account's CI robots (1–30) is named as the uploader. */
    robot: z.number().int().min(1).max(30).optional(),
  }),
  cancelTool: z.object({}),
  setServeRemote: z.object({ enabled: z.boolean() }),
  getHistory: z.object({}),
  /** Two builds of the history: entry ids, or '@prev' / '@latest'. */
  diffHistory: z.object({ before: z.string().min(1), after: z.string().min(1) }),
  /** Run in studio: build, then run the game in the simulator view; absent fields keep the last choice. */
  startSimulator: z.object({
    device: z.enum(DEVICE_NAMES).optional(),
    /** Turned from the orientation game.json asks for. */
    rotated: z.boolean().optional(),
    network: z.enum(NETWORK_NAMES).optional(),
  }),
  restartSimulator: z.object({}),
  stopSimulator: z.object({}),
  getSimulator: z.object({}),
  getFit: z.object({}),
  /** A plan of getFit by id and title (a plan that changed since is refused); remoteUrl fills a plan that needs one. */
  applyFit: z.object({ id: z.number().int().min(1), title: z.string(), remoteUrl: z.string().max(2048).optional() }),
  undoFit: z.object({}),
  /** A file of the open project's tree (logical path). */
  previewImage: z.object({ path: z.string().min(1) }),
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
  /** The open project's builds of its platform, oldest first (build/history/). */
  getHistory(p: ParamsOf<'getHistory'>): Promise<HistoryState>;
  diffHistory(p: ParamsOf<'diffHistory'>): Promise<BuildDiff>;
  /** One simulator session per studio, for the open project; a save in the project reloads it. */
  startSimulator(p: ParamsOf<'startSimulator'>): Promise<SimulatorState>;
  /** The game from its start again (a new run with a fresh log). */
  restartSimulator(p: ParamsOf<'restartSimulator'>): Promise<SimulatorState>;
  stopSimulator(p: ParamsOf<'stopSimulator'>): Promise<void>;
  getSimulator(p: ParamsOf<'getSimulator'>): Promise<SimulatorState>;
  /** The fit planner on the live analysis: plans that get the packages under their limits and budgets. */
  getFit(p: ParamsOf<'getFit'>): Promise<FitState>;
  /** Writes a plan's settings into minigame-studio.json (nothing else), re-plans, and keeps what Undo needs. */
  applyFit(p: ParamsOf<'applyFit'>): Promise<{ project: ProjectState; applied: FitApplied }>;
  /** Puts minigame-studio.json back as it was before the last applyFit, byte for byte. */
  undoFit(p: ParamsOf<'undoFit'>): Promise<ProjectState>;
  /** An image of the tree before and after the project's "optimize" settings, with its bytes. */
  previewImage(p: ParamsOf<'previewImage'>): Promise<ImagePreview>;
}

/** Pushed from the engine to every connected renderer. */
export interface StudioEvents {
  /** The live report: sent after any change on disk or in the settings. */
  'project:changed': ProjectState;
  'build:progress': BuildProgress;
  'build:done': BuildResult;
  'tool:log': { readonly line: string; readonly stream: 'stdout' | 'stderr' | 'studio' };
  /** A QR image as soon as the tool wrote it (login shows it while waiting for the scan). */
  'tool:qr': { readonly dataUrl: string; readonly path: string };
  /** The simulator started, stopped, is rebuilding after a save, or loaded a new run. */
  'simulator:changed': SimulatorState;
  /** The current run's log (files and network, console, errors, timeline, storage), at most ~10 a second. */
  'simulator:log': SimulatorLog;
}
export type StudioEventName = keyof StudioEvents;

/**
 * What the Electron preload exposes as `window.studio`: one function per StudioApi method (each
 * resolves to the result or rejects with an Error whose message says why; contextBridge drops any
 * other property of an Error), plus `call`, which accepts only the ApiMethod names and resolves to
 * the RpcResponse envelope (so error codes and fields survive), event subscription, and the few
 * things only the shell can do.
 * The renderer uses it when present, else the web-mode WebSocket transport.
 */
export interface StudioBridge extends StudioApi {
  call(method: ApiMethod, params: unknown): Promise<RpcResponse>;
  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<E extends StudioEventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
  /** The absolute path of a file or folder dropped from the OS ('' for one built in JavaScript). */
  pathForFile(file: Blob): string;
  /** The OS folder picker; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** The OS file picker (for a developer tool); null when cancelled. */
  chooseFile(): Promise<string | null>;
  /** chooseFile / chooseFolder by kind. */
  choosePath(kind: 'file' | 'folder'): Promise<string | null>;
  /** The simulator's sandboxed view, placed by the shell. */
  simulatorView: SimulatorViewBridge;
}
export { API_METHOD_NAMES, BRIDGE_GLOBAL, STUDIO_EVENT_NAMES } from './api-names.js';

/** The wire envelope, the same over Electron IPC and the web-mode WebSocket. */
export type RpcRequest = { readonly id: number; readonly method: string; readonly params: unknown };
export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: RpcError };
/**
 * A refused call. `code` is a problem code or a stable kind (INVALID_PARAMS, UNKNOWN_METHOD,
 * REMOTE_URL_INVALID, APPID_INVALID, BUILD_RUNNING, …); `field` names the project-file or
 * params field it is about, so the renderer can show the message inline next to that control.
 */
export type RpcError = { readonly code: string; readonly message: string; readonly field?: string };
export type RpcEvent = { readonly event: StudioEventName; readonly payload: unknown };
