/**
 * The app's simulator: one session per studio, for the open project. Start builds the project
 * (incrementally, as `simulate` does) and serves OUT on the simulator's own origin; a save in the
 * project (the live project's change) rebuilds and loads the page again; another device, network or
 * a turn restarts the server on the same port (web mode's page allows exactly that frame origin).
 * Each (re)load is a new run with a fresh log, pushed to the renderer as 'simulator:log' events.
 */
import type { ParamsOf, StudioEvents } from '../../../shared/api.js';
import type { Platform } from '../../../shared/platforms.js';
import { DEFAULT_DEVICE, DEFAULT_NETWORK, DEVICES, type SimulatorState } from '../../../shared/simulator.js';
import { StudioError, isStudioError } from '../errors.js';
import type { HashCache } from '../hash-cache.js';
import type { BuildOutcome } from '../index.js';
import { DEFAULT_STORAGE_QUOTA, startSimulatorServer, type SimulatorServer } from '../simulator/index.js';
import type { BuildIndex } from '../simulator/build-index.js';
import { indexLayout } from '../simulator/layout-index.js';
import type { SettingsOverrides } from '../types.js';
import { buildCurrent } from './build-current.js';
import { logView } from './simulator-log-view.js';
import type { ProjectSession } from './project-session.js';

export type EmitSimulatorEvent = <E extends 'simulator:changed' | 'simulator:log'>(event: E, payload: StudioEvents[E]) => void;

/** Where the simulator listens and who may frame it: web mode fixes the port (its CSP names it). */
export interface SimulatorHost {
  /** 0 or absent: a free port each time. */
  readonly port?: number;
  /** The studio page's origins (web mode), allowed to frame the page and send it controls. */
  readonly hostOrigins?: () => readonly string[];
}

export interface SimulatorSessionOptions {
  readonly emit: EmitSimulatorEvent;
  readonly project: () => ProjectSession;
  readonly overrides: () => SettingsOverrides;
  readonly hashes: HashCache;
  readonly host?: SimulatorHost;
  /** At most one 'simulator:log' event per this many milliseconds. */
  readonly logIntervalMs?: number;
}

export interface SimulatorSessions {
  state(): SimulatorState;
  start(params: ParamsOf<'startSimulator'>): Promise<SimulatorState>;
  restart(): Promise<SimulatorState>;
  stop(): Promise<void>;
  /** A change in the project (a save on disk, a setting): rebuild and reload, if it is simulated. */
  projectChanged(dir: string): void;
  /** OUT was rebuilt by the Build button (`outcome`): load the page again. */
  outputRebuilt(dir: string, outcome: BuildOutcome): void;
  /** Stops the session when it belongs to another project than `dir`. */
  projectSwitched(dir: string): Promise<void>;
  close(): Promise<void>;
}

interface Choice {
  readonly device: string;
  readonly rotated: boolean;
  readonly network: string;
}

const LOG_INTERVAL_MS = 100;
const landscape = (orientation: string): boolean => orientation === 'landscape';

export function createSimulatorSessions(options: SimulatorSessionOptions): SimulatorSessions {
  const { emit } = options;
  let choice: Choice = { device: DEFAULT_DEVICE, rotated: false, network: DEFAULT_NETWORK };
  let dir: string | null = null;
  let server: SimulatorServer | null = null;
  let stopLog: (() => void) | null = null;
  let logTimer: ReturnType<typeof setTimeout> | null = null;
  let state: SimulatorState = stoppedState();
  let queue: Promise<unknown> = Promise.resolve();
  let dirty = false;
  let rebuilding = false;
  /** The build a rebuild runs: a newer save cancels it and builds again, rather than building twice. */
  let building: AbortController | null = null;
  /** A build the session serves: its OUT as the build's layout and report describe it (no walk of OUT). */
  type Built = { outDir: string; platform: Platform; orientation: string; index: BuildIndex };
  let lastBuilt: Built | null = null;
  let lastPort = 0;
  /** What the running server was started with: a reload that needs the same keeps it and swaps its index. */
  let serverKey = '';

  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  function stoppedState(): SimulatorState {
    const device = DEVICES.find((d) => d.name === DEFAULT_DEVICE) ?? (DEVICES[0] as SimulatorState['device']);
    return {
      status: 'stopped',
      url: null,
      origin: null,
      run: 0,
      platform: 'wechat' as const,
      device,
      gameOrientation: 'portrait',
      screen: { width: device.width, height: device.height, orientation: 'portrait' },
      rotated: false,
      network: DEFAULT_NETWORK,
      message: '',
      buildMs: null,
    };
  }

  const publish = (next: Partial<SimulatorState>): SimulatorState => {
    state = { ...state, ...next };
    emit('simulator:changed', state);
    return state;
  };

  const sendLog = (): void => {
    logTimer = null;
    if (server && state.origin) emit('simulator:log', logView(state.run, server.log.snapshot(), state.origin, DEFAULT_STORAGE_QUOTA));
  };
  const scheduleLog = (): void => {
    logTimer ??= setTimeout(sendLog, options.logIntervalMs ?? LOG_INTERVAL_MS);
  };

  async function closeServer(): Promise<void> {
    stopLog?.();
    stopLog = null;
    if (logTimer) clearTimeout(logTimer);
    logTimer = null;
    const closing = server;
    server = null;
    serverKey = '';
    await closing?.close();
  }

  /** Builds the project; null when the build wrote nothing (the state says why), 'cancelled' for a newer save. */
  async function build(session: ProjectSession): Promise<Built | null | 'cancelled'> {
    await session.idle();
    const started = performance.now();
    if (state.status !== 'building') publish({ status: 'building', message: 'Building…' });
    const controller = new AbortController();
    building = controller;
    try {
      const outcome = await buildCurrent(session, options.overrides(), { hashes: options.hashes, signal: controller.signal });
      const buildMs = Math.round(performance.now() - started);
      const { report } = outcome.analysis;
      if (!outcome.built) {
        const first = report.problems.find((p) => p.severity === 'error');
        publish({ status: 'failed', buildMs, message: `The build was refused, so there is nothing to run${first ? `: ${first.message}` : '.'}` });
        return null;
      }
      state = { ...state, buildMs };
      lastBuilt = builtOf(outcome);
      return lastBuilt;
    } catch (error) {
      if (controller.signal.aborted) return 'cancelled';
      const message = error instanceof Error ? error.message : String(error);
      publish({ status: 'failed', buildMs: null, message: isStudioError(error) && error.code === 'BUILD_RUNNING' ? `${message} The simulator loads the new build when it is done.` : message });
      return null;
    } finally {
      if (building === controller) building = null;
    }
  }

  const builtOf = (outcome: BuildOutcome): Built => {
    const { settings } = outcome.analysis;
    return { outDir: settings.outDir, platform: settings.platform, orientation: settings.orientation, index: indexLayout(outcome.analysis) };
  };

  /**
   * A new run of `built` with the current choice and a fresh log. The server keeps running when it
   * was started for the same OUT, platform, device, turn, network and frame origins (a save's
   * reload): it is given the new index. Anything else starts it again, on the same port.
   */
  async function serve(built: Built): Promise<SimulatorState> {
    const turned = landscape(built.orientation) !== choice.rotated;
    const hostOrigins = options.host?.hostOrigins?.() ?? [];
    const key = JSON.stringify([built.outDir, built.platform, choice.device, choice.network, turned, hostOrigins]);
    if (server && key === serverKey) {
      server.reload(built.index);
      stopLog?.();
      stopLog = server.log.subscribe(scheduleLog);
      return published(server, built);
    }
    await closeServer();
    // The same port run after run (web mode fixes it: its page's CSP names that frame origin).
    const fixed = options.host?.port ?? 0;
    const listen = (port: number): Promise<SimulatorServer> =>
      startSimulatorServer({
        outDir: built.outDir,
        platform: built.platform,
        device: choice.device,
        network: choice.network,
        port,
        orientation: turned ? 'landscape' : 'portrait',
        hostOrigins,
        index: built.index,
      });
    const started = await listen(fixed || lastPort).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (!fixed) return listen(0);
      throw new StudioError(`The simulator's port ${fixed} is taken by another program: restart the studio to give the simulator another one.`, { code: 'PORT_IN_USE' });
    });
    lastPort = Number(new URL(started.url).port);
    server = started;
    serverKey = key;
    stopLog = started.log.subscribe(scheduleLog);
    return published(started, built);
  }

  function published(running: SimulatorServer, built: Built): SimulatorState {
    if (logTimer) clearTimeout(logTimer);
    logTimer = null;
    const origin = new URL(running.url).origin;
    const run = state.run + 1;
    const device = DEVICES.find((d) => d.name === running.device.name) ?? running.device;
    const next = publish({
      status: 'running',
      url: `${origin}/?run=${run}`,
      origin,
      run,
      platform: built.platform,
      device,
      gameOrientation: landscape(built.orientation) ? 'landscape' : 'portrait',
      screen: { width: running.device.width, height: running.device.height, orientation: running.device.width > running.device.height ? 'landscape' : 'portrait' },
      rotated: choice.rotated,
      network: choice.network,
      message: '',
    });
    sendLog();
    return next;
  }

  async function buildAndServe(session: ProjectSession): Promise<SimulatorState> {
    const built = await build(session);
    if (built === 'cancelled') return state;
    if (!built) {
      await closeServer();
      return publish({ url: null, origin: null });
    }
    return serve(built);
  }

  /** Rebuilds while saves keep coming (each burst once), then reloads. */
  function rebuildSoon(): void {
    dirty = true;
    // A save while a rebuild runs (an editor's second write, the watcher's re-check): start over.
    if (rebuilding) {
      building?.abort();
      return;
    }
    rebuilding = true;
    void serially(async () => {
      try {
        while (dirty && dir !== null) {
          dirty = false;
          const session = options.project();
          if (session.dir !== dir) return;
          await buildAndServe(session);
        }
      } finally {
        rebuilding = false;
      }
    }).catch((error: unknown) => publish({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
  }

  async function stopNow(): Promise<void> {
    building?.abort();
    dir = null;
    lastBuilt = null;
    dirty = false;
    await closeServer();
    state = { ...stoppedState(), run: state.run };
    emit('simulator:changed', state);
  }

  return {
    state: () => state,

    start: (params) =>
      serially(async () => {
        const session = options.project();
        if (dir !== null && dir !== session.dir) await stopNow();
        choice = { device: params.device ?? choice.device, rotated: params.rotated ?? choice.rotated, network: params.network ?? choice.network };
        dir = session.dir;
        return buildAndServe(session);
      }),

    restart: () =>
      serially(async () => {
        if (dir === null) throw new StudioError('The simulator is not running: click Run in studio first.', { code: 'SIMULATOR_STOPPED' });
        // The game from its start on the build that is on disk (a save has already rebuilt it).
        return lastBuilt ? serve(lastBuilt) : buildAndServe(options.project());
      }),

    stop: () => serially(stopNow),

    projectChanged(changed) {
      if (dir !== null && changed === dir) rebuildSoon();
    },

    outputRebuilt(changed, outcome) {
      if (dir === null || changed !== dir || rebuilding) return;
      // The build is already on disk: serve it (a new run), without building once more.
      const built = builtOf(outcome);
      void serially(async () => {
        if (dir !== changed || rebuilding) return;
        lastBuilt = built;
        await serve(built);
      }).catch((error: unknown) => publish({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    },

    projectSwitched: (next) =>
      serially(async () => {
        if (dir !== null && dir !== next) await stopNow();
      }),

    close: () => serially(stopNow),
  };
}
