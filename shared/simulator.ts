/**
 * The simulator's tables and the app's view of a session, read by the engine (which serves the
 * page) and the renderer (which draws the view): device presets, network profiles, and the state
 * and log the StudioApi sends. Every figure in them is the engine's; the renderer only shows them.
 */

export interface Device {
  readonly name: string;
  readonly model: string;
  readonly system: string;
  /** CSS pixels, portrait. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
  /** Status bar / notch at the top and the home indicator at the bottom, in portrait. */
  readonly safeTop: number;
  readonly safeBottom: number;
}

/**
 * A small and a large iPhone, an Android phone of 1080×2400 device pixels and an iPad. The default
 * is 375×667 at ratio 2 (the iPhone 6/7/8 size DevTools also starts with).
 */
export const DEVICES: readonly Device[] = [
  { name: 'iphone-8', model: 'iPhone 6/7/8', system: 'iOS 16.0', width: 375, height: 667, pixelRatio: 2, safeTop: 20, safeBottom: 0 },
  { name: 'iphone-15-pro-max', model: 'iPhone 15 Pro Max', system: 'iOS 17.0', width: 430, height: 932, pixelRatio: 3, safeTop: 59, safeBottom: 34 },
  { name: 'android-1080x2400', model: 'Android 1080×2400', system: 'Android 13', width: 360, height: 800, pixelRatio: 3, safeTop: 24, safeBottom: 0 },
  { name: 'ipad', model: 'iPad', system: 'iPadOS 16.0', width: 768, height: 1024, pixelRatio: 2, safeTop: 24, safeBottom: 0 },
];

export const DEFAULT_DEVICE = 'iphone-8';
export const DEVICE_NAMES = ['iphone-8', 'iphone-15-pro-max', 'android-1080x2400', 'ipad'] as const;

/**
 * How fast subpackages and remote files (OUT-res) arrive. Speeds are typical downlink figures
 * (Chrome DevTools' throttling presets for 3G/4G), not measurements of a network.
 */
export interface NetworkProfile {
  readonly name: string;
  readonly offline: boolean;
  /** 0: no limit. */
  readonly bytesPerSecond: number;
  readonly latencyMs: number;
}

export const NETWORK_PROFILES: readonly NetworkProfile[] = [
  { name: 'wifi', offline: false, bytesPerSecond: 0, latencyMs: 2 },
  { name: '4g', offline: false, bytesPerSecond: 9_000_000 / 8, latencyMs: 60 },
  { name: '3g', offline: false, bytesPerSecond: 1_600_000 / 8, latencyMs: 150 },
  { name: 'offline', offline: true, bytesPerSecond: 0, latencyMs: 0 },
];

export const DEFAULT_NETWORK = 'wifi';
export const NETWORK_NAMES = ['wifi', '4g', '3g', 'offline'] as const;

/** What the view's toolbar sends to the page, and the page's answer (postMessage, origin-checked). */
export const SIMULATOR_CONTROLS = ['pause', 'resume', 'clear-cache'] as const;
export type SimulatorControl = (typeof SIMULATOR_CONTROLS)[number];
export const CONTROL_MESSAGE = 'minigame-studio:simulator-control';
export const PAGE_MESSAGE = 'minigame-studio:simulator-page';

/** The page's word on its own state, for display only (the game's code could write it). */
export interface SimulatorPageStatus {
  readonly paused: boolean;
  readonly drawn: boolean;
}

/** Where the Electron shell places the simulator's view, in the window's CSS pixels. */
export interface ViewBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The Electron shell's simulator view (a sandboxed WebContentsView on its own session partition):
 * the renderer says where it goes and sends controls; the shell loads the URL the engine gives it,
 * never one the renderer names.
 */
export interface SimulatorViewBridge {
  show(bounds: ViewBounds | null): Promise<void>;
  control(action: SimulatorControl): Promise<SimulatorPageStatus | null>;
}

/** `network`: the game's own calls (request, uploadFile, downloadFile, sockets) beyond the Remote URL. */
export type RequestSource = 'package' | 'subpackage' | 'remote' | 'cache' | 'temp' | 'network';

export interface SimulatorRequest {
  readonly path: string;
  readonly source: RequestSource;
  readonly status: number;
  readonly count: number;
  readonly note?: string;
  /** Why the build does not have it (a 404 of a package, subpackage or remote file). */
  readonly missing?: string;
}

export interface SimulatorConsoleLine {
  readonly level: string;
  /** Package addresses (http://127.0.0.1:PORT/pkg/js/a.js:3:7) shown as package paths (js/a.js:3:7). */
  readonly text: string;
  /** Where in the package the game called console.* ("js/main.js:12:5"); for an uncaught error, where it was thrown; null when no package file did. */
  readonly where: string | null;
}

export interface SimulatorError {
  readonly message: string;
  /** The first place in the package the stack names, "js/main.js:12:5"; null when none. */
  readonly where: string | null;
  readonly stack: string;
}

export interface SimulatorTimelineEntry {
  /** Milliseconds from the page's start. */
  readonly at: number;
  /** 'start', 'first-frame', 'touch', 'subpackage', … (shown by kind; new kinds show as they come). */
  readonly kind: string;
  readonly detail: string;
}

/** One run's record, as the engine keeps it: the view shows it as it is. */
export interface SimulatorLog {
  readonly run: number;
  readonly requests: readonly SimulatorRequest[];
  readonly missing: readonly { readonly path: string; readonly reason: string }[];
  readonly console: readonly SimulatorConsoleLine[];
  readonly errors: readonly SimulatorError[];
  readonly unsupported: readonly string[];
  readonly timeline: readonly SimulatorTimelineEntry[];
  readonly firstFrameMs: number | null;
  /** User files the game wrote (null until the page has said), against the quota. */
  readonly storage: { readonly usedBytes: number | null; readonly quotaBytes: number };
}

export interface SimulatorState {
  /** 'building': the build (or a rebuild after a save) is running; 'failed': it was refused. */
  readonly status: 'stopped' | 'building' | 'running' | 'failed';
  /** The page on the simulator's own origin; no token, nothing of the studio's. */
  readonly url: string | null;
  readonly origin: string | null;
  /** Counts every (re)load: a restart, a rebuild after a save, another device or network. */
  readonly run: number;
  readonly platform: 'wechat' | 'alipay';
  readonly device: Device;
  /** The game's orientation (game.json), before a turn of the rotate button. */
  readonly gameOrientation: 'portrait' | 'landscape';
  /** The screen as the game sees it: the device, turned for landscape. */
  readonly screen: { readonly width: number; readonly height: number; readonly orientation: 'portrait' | 'landscape' };
  readonly rotated: boolean;
  readonly network: string;
  /** Why the last (re)build or start failed, or what it is doing. */
  readonly message: string;
  /** Milliseconds the last rebuild took (null before the first). */
  readonly buildMs: number | null;
}
