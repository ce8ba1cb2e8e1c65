/**
 * The renderer's view of the engine: the StudioApi methods plus event subscription, built over
 * any transport that can `call(method, params)` and `on(event, cb)`. The Electron bridge and the
 * web-mode WebSocket both end up here, so the stores never know which one they talk to.
 */
import type { ApiMethod, StudioApi, StudioEventName, StudioEvents } from '../../../shared/api.js';
import type { SimulatorViewBridge } from '../../../shared/simulator.js';

export type Unsubscribe = () => void;

/** The smallest thing a transport must offer. */
export interface Transport {
  call(method: ApiMethod, params: unknown): Promise<unknown>;
  on(event: StudioEventName, cb: (payload: unknown) => void): Unsubscribe;
  /** Stops the transport for good (tests, window teardown). */
  close?(): void;
}

export interface StudioClient extends StudioApi {
  readonly mode: 'electron' | 'web' | 'fake';
  on<E extends StudioEventName>(event: E, cb: (payload: StudioEvents[E]) => void): Unsubscribe;
  /** The absolute path of a dropped file or folder; null where the browser hides it (web mode). */
  pathForFile(file: File): string | null;
  /** A native picker (Electron only); undefined when the mode has none. */
  readonly choosePath?: (kind: 'file' | 'folder') => Promise<string | null>;
  /** Electron: the shell's own view for the simulator; absent, the view is an iframe (web mode). */
  readonly simulatorView?: SimulatorViewBridge;
}

/** An error the engine refused a call with: `code` is stable (a problem code or a kind), `message` is for people. */
export class StudioCallError extends Error {
  override readonly name = 'StudioCallError';
  constructor(
    readonly code: string,
    message: string,
    /** The project-file or params field the refusal is about ('remoteUrl', 'wechat.appid'), when the engine names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Every StudioApi method, listed once; the `satisfies` check fails to compile when one is missing. */
const METHODS = {
  openProject: true,
  getProject: true,
  updateProject: true,
  startBuild: true,
  cancelBuild: true,
  revealOutput: true,
  getPreferences: true,
  setPreferences: true,
  locateTools: true,
  runTool: true,
  cancelTool: true,
  setServeRemote: true,
  getHistory: true,
  diffHistory: true,
  startSimulator: true,
  restartSimulator: true,
  stopSimulator: true,
  getSimulator: true,
  getFit: true,
  applyFit: true,
  undoFit: true,
  previewImage: true,
} as const satisfies Record<ApiMethod, true>;

/** Wraps a transport into the typed client. */
export function clientFromTransport(
  transport: Transport,
  extras: Pick<StudioClient, 'mode' | 'pathForFile' | 'choosePath' | 'simulatorView'>,
): StudioClient {
  const methods = Object.fromEntries(
    (Object.keys(METHODS) as ApiMethod[]).map((method) => [method, (params: unknown) => transport.call(method, params ?? {})]),
  ) as unknown as StudioApi;
  return {
    ...methods,
    ...extras,
    on: (event, cb) => transport.on(event, cb as (payload: unknown) => void),
  };
}
