/**
 * The single StudioApi implementation. Both transports (Electron IPC and the web-mode WebSocket)
 * forward to it through `dispatch`; everything the renderer can do is here, over the engine.
 * Effects that differ between Electron and a browser (opening a folder in the OS) are injected.
 */
import { resolve } from 'node:path';
import type { ProjectState, StudioApi, StudioEvents } from '../../../shared/api.js';
import { serveRemote, type RemoteServer } from '../index.js';
import { StudioError } from '../errors.js';
import { createHashCache } from '../hash-cache.js';
import { createPreferencesStore } from '../preferences.js';
import type { SettingsOverrides } from '../types.js';
import { buildCurrent } from './build-current.js';
import { createBuildJobs } from './build-jobs.js';
import { openSession, type ProjectSession } from './project-session.js';
import { imagePreviewOf } from './image-preview-api.js';
import { ensureSampleCopy, isDirectory, sameFolder, SAMPLE_COPY_NAME } from './sample-game.js';
import { createToolRunner } from './tool-runner.js';
import { diffOf, historyOf } from './history-api.js';
import { createSimulatorSessions, type SimulatorHost } from './simulator-session.js';

export type EmitStudioEvent = <E extends keyof StudioEvents>(event: E, payload: StudioEvents[E]) => void;

export interface StudioOptions {
  /** Preferences and the working copy of the sample game live here. */
  readonly userDataDir: string;
  /** The folder holding runtime/ and sample-game/ (process.resourcesPath when packaged). */
  readonly resourcesDir: string;
  /** Defaults to `<resourcesDir>/sample-game`. */
  readonly sampleGameDir?: string;
  readonly emit: EmitStudioEvent;
  /** The OS locale, for the default language (Electron passes app.getLocale()). */
  readonly locale?: string;
  /** Opens a folder in the OS file manager (Electron: shell.openPath); absent, revealOutput only answers the path. */
  readonly openPath?: (path: string) => Promise<void>;
  /** Folders whose node_modules/.bin may hold minidev, besides the project (the studio's own folder). */
  readonly dependencyDirs?: readonly string[];
  /** Milliseconds between 'build:progress' events (≈10 per second). */
  readonly progressIntervalMs?: number;
  /** The simulator's fixed port and the page origins that may frame it (web mode). */
  readonly simulator?: SimulatorHost;
}

export interface Studio extends StudioApi {
  close(): Promise<void>;
}

export function createStudio(options: StudioOptions): Studio {
  const { userDataDir, emit } = options;
  const sampleGameDir = options.sampleGameDir ?? resolve(options.resourcesDir, SAMPLE_COPY_NAME);
  const preferences = createPreferencesStore(userDataDir, { locale: options.locale });
  const builds = createBuildJobs(emit, options.progressIntervalMs);
  const hashes = createHashCache();
  const tools = createToolRunner({
    preferences,
    emit,
    project: () => requireSession(),
    overrides: () => overrides(),
    hashes,
    dependencyDirs: options.dependencyDirs ?? [],
  });
  let session: ProjectSession | null = null;
  let remote: RemoteServer | null = null;
  const simulator = createSimulatorSessions({
    emit,
    project: () => requireSession(),
    overrides: () => overrides(),
    hashes,
    host: options.simulator,
  });
  // Opening, switching and closing run one at a time, so two quick opens never leave two watchers.
  let sessionQueue: Promise<unknown> = Promise.resolve();

  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = sessionQueue.then(work);
    sessionQueue = next.catch(() => undefined);
    return next;
  };

  const overrides = (): SettingsOverrides => (remote ? { remoteUrl: remote.url } : {});
  const serveRemoteState = () => ({ enabled: remote !== null, url: remote?.url ?? null });

  function requireSession(): ProjectSession {
    if (!session) throw new StudioError('No project is open: open a game folder first.', { code: 'NO_PROJECT' });
    return session;
  }

  async function switchTo(dir: string, isSample: boolean): Promise<ProjectState> {
    // The simulator runs the previous project's build: it does not follow to another project.
    await simulator.projectSwitched(dir);
    if (remote && session?.dir !== dir) {
      // The remote server serves the previous project's OUT-res: it does not follow to another project.
      const stopping = remote;
      remote = null;
      await stopping.close();
    }
    // The live watcher may report a change while openSession is still starting: `opened` is set
    // only once it has returned, and until the new session is current its states are not published
    // (the state it opens with is emitted below).
    let opened: ProjectSession | null = null;
    const next = await openSession({
      dir,
      isSample,
      overrides: overrides(),
      serveRemote: serveRemoteState(),
      hashes,
      onState: (state) => {
        if (opened === null || session !== opened) return;
        emit('project:changed', state);
        // A save in the game (or a setting): the simulated game is rebuilt and loaded again.
        simulator.projectChanged(dir);
      },
    });
    opened = next;
    const previous = session;
    session = next;
    await previous?.close();
    emit('project:changed', next.state());
    return next.state();
  }

  async function open(requested: string): Promise<ProjectState> {
    const dir = resolve(requested);
    if (await sameFolder(dir, sampleGameDir)) return openSample();
    if (!(await isDirectory(dir))) {
      throw new StudioError(`The folder ${dir} does not exist or is not a folder: choose the folder that holds your game's game.js.`, {
        code: 'DIR_MISSING',
        path: dir,
        field: 'dir',
      });
    }
    const state = await switchTo(dir, await sameFolder(dir, resolve(userDataDir, SAMPLE_COPY_NAME)));
    if (!state.isSample) await preferences.addRecent(dir);
    return state;
  }

  async function openSample(): Promise<ProjectState> {
    return switchTo(await ensureSampleCopy(sampleGameDir, userDataDir), true);
  }

  /** The last project that still exists, else the sample game. */
  async function openDefault(): Promise<ProjectState> {
    const { recentProjects } = await preferences.get();
    const last = recentProjects[0];
    if (last && (await isDirectory(last))) return open(last);
    return openSample();
  }

  /** Re-analyses the current project with new overrides (the serve-remote URL) and publishes it. */
  async function applyOverrides(): Promise<void> {
    if (session) emit('project:changed', await session.setOverrides(overrides(), serveRemoteState()));
  }

  return {
    openProject: ({ dir }) => serially(() => open(dir)),
    getProject: () => serially(async () => (session ? session.state() : openDefault())),
    updateProject: async ({ patch }) => {
      await serially(async () => (session ? undefined : openDefault()));
      return requireSession().update(patch);
    },

    startBuild: async ({ jobId }) => {
      const current = requireSession();
      await current.idle();
      const settings = current.settings();
      if (!settings) throw new StudioError(`${current.state().error ?? 'The project cannot be read.'}`, { code: 'PROJECT_UNREADABLE' });
      const runOverrides = overrides();
      return builds.start({
        outDir: settings.outDir,
        run: async (signal, onProgress) => {
          const outcome = await buildCurrent(current, runOverrides, { signal, onProgress, hashes });
          if (outcome.built) simulator.outputRebuilt(current.dir, outcome);
          return { exitCode: outcome.exitCode, built: outcome.built, report: outcome.analysis.report };
        },
      }, jobId);
    },
    cancelBuild: async ({ jobId }) => builds.cancel(jobId),
    revealOutput: async () => {
      const settings = requireSession().settings();
      if (!settings) throw new StudioError('The project cannot be read, so it has no output folder yet.', { code: 'PROJECT_UNREADABLE' });
      if (!(await isDirectory(settings.outDir))) {
        throw new StudioError(`Nothing has been built into ${settings.outDir} yet: click Build first.`, { code: 'OUTPUT_MISSING', path: settings.outDir });
      }
      await options.openPath?.(settings.outDir);
      return { outDir: settings.outDir };
    },

    getPreferences: () => preferences.get(),
    setPreferences: ({ patch }) => preferences.update(patch),

    locateTools: () => tools.locate(),
    runTool: (params) => tools.run(params),
    cancelTool: async () => tools.cancel(),

    setServeRemote: ({ enabled }) =>
      serially(async () => {
        const current = requireSession();
        if (enabled && !remote) {
          // serveRemote builds once with the URL of this computer and serves OUT-res; later builds keep that URL.
          remote = await serveRemote({ projectDir: current.dir, hashes });
          await applyOverrides();
        } else if (!enabled && remote) {
          const stopping = remote;
          remote = null;
          await stopping.close();
          await applyOverrides();
        }
        return serveRemoteState();
      }),

    getHistory: () => historyOf(requireSession().settings()),
    diffHistory: ({ before, after }) => diffOf(requireSession().settings(), before, after),
    previewImage: ({ path }) => {
      const current = requireSession();
      return imagePreviewOf(current.settings(), current.state().tree.map((file) => file.path), path, hashes);
    },

    startSimulator: (params) => simulator.start(params),
    restartSimulator: () => simulator.restart(),
    stopSimulator: () => simulator.stop(),
    getSimulator: async () => simulator.state(),
    getFit: () => requireSession().fit(),
    applyFit: (params) => requireSession().applyFit(params),
    undoFit: () => requireSession().undoFit(),

    close: () =>
      serially(async () => {
        tools.cancel();
        builds.cancelAll();
        await builds.idle();
        await simulator.close();
        await session?.close();
        session = null;
        const stopping = remote;
        remote = null;
        await stopping?.close();
      }),
  };
}
