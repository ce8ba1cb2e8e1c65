/**
 * One open project: the live analysis (owner A's watcher → plan → report) turned into
 * ProjectState and pushed on every change, and the Build panel's edits validated, coalesced and
 * saved to minigame-studio.json. A project the engine cannot read (say, a hand-broken project file)
 * still opens, in an error state, and recovers by itself when the file is fixed on disk.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { ProjectState } from '../../../shared/api.js';
import type { FitApplied, FitState } from '../../../shared/fit.js';
import type { ProjectFile } from '../../../shared/project-file.js';
import { StudioError } from '../errors.js';
import { createLiveProject, type LiveProject } from '../live/index.js';
import { loadProjectFile, saveProjectFile } from '../project-file.js';
import { createHashCache, type HashCache } from '../hash-cache.js';
import type { Analysis, ProjectSettings, SettingsOverrides } from '../types.js';
import { createCoalescingSaver } from './coalescing-saver.js';
import { createFitSession } from './fit-session.js';
import { validatePatch } from './project-patch.js';
import { projectErrorState, projectStateFrom, type StateContext, type StateSource } from './project-state.js';

/** Quiet time before a burst of Build-panel edits is written as one save. */
const SAVE_DEBOUNCE_MS = 40;
const RETRY_DEBOUNCE_MS = 150;

export interface SessionOptions {
  readonly dir: string;
  readonly isSample: boolean;
  readonly overrides: SettingsOverrides;
  readonly serveRemote: StateContext['serveRemote'];
  /** Shared with builds, so a build after the live report hashes nothing again. */
  readonly hashes?: HashCache;
  readonly onState: (state: ProjectState) => void;
}

export interface ProjectSession {
  readonly dir: string;
  readonly isSample: boolean;
  state(): ProjectState;
  /** The effective settings, or null while the project is in an error state. */
  settings(): ProjectSettings | null;
  update(patch: Partial<ProjectFile>): Promise<ProjectState>;
  /** New run-time overrides (serve from this computer); re-analyses and publishes. */
  setOverrides(overrides: SettingsOverrides, serveRemote: StateContext['serveRemote']): Promise<ProjectState>;
  /** The fit planner on the live analysis, and the plan applied last. */
  fit(): Promise<FitState>;
  /** Writes a plan's settings into minigame-studio.json, re-plans and publishes. */
  applyFit(params: { id: number; title: string; remoteUrl?: string }): Promise<{ project: ProjectState; applied: FitApplied }>;
  /** Puts minigame-studio.json back as it was before the last applyFit; re-plans and publishes. */
  undoFit(): Promise<ProjectState>;
  /** Waits for pending saves (before a build reads the project file). */
  idle(): Promise<void>;
  /**
   * The live analysis, once the updates already queued have run, for a build without a rescan;
   * null while the project is in an error state (the analysis shown is then not current).
   */
  analysis(): Promise<Analysis | null>;
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<ProjectSession> {
  const { dir, isSample, onState } = options;
  let context: StateContext = { dir, isSample, serveRemote: options.serveRemote };
  let overrides = options.overrides;
  let live: LiveProject | null = null;
  let state: ProjectState;
  let expected: ProjectFile = {};
  let closed = false;
  let saving = 0;
  let retryWatcher: FSWatcher | null = null;
  const hashes = options.hashes ?? createHashCache();
  const fits = createFitSession(dir, hashes);

  const publish = (analysis: StateSource): ProjectState => {
    // Follow edits made outside the studio, unless one of ours is still on its way to disk.
    if (saving === 0) expected = analysis.settings.projectFile ?? {};
    state = projectStateFrom(analysis, context);
    return state;
  };

  const start = async (): Promise<void> => {
    try {
      live = await createLiveProject(dir, {
        overrides,
        hashes,
        onChange: (analysis) => {
          if (!closed) onState(publish(analysis));
        },
        // The last good analysis stays on screen, with the reason it is not updating.
        onError: (error) => {
          if (closed) return;
          state = { ...state, error: error instanceof Error ? error.message : String(error) };
          onState(state);
        },
      });
      stopRetrying();
      publish(live.current());
    } catch (error) {
      live = null;
      state = projectErrorState(dir, error instanceof Error ? error.message : String(error), context);
      retryOnChange();
    }
  };

  // In the error state there is no live watcher: watch the folder's top level (where
  // minigame-studio.json, game.json and project.config.json live) and try again on a change.
  const retryOnChange = (): void => {
    if (retryWatcher || closed) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    try {
      retryWatcher = watch(dir, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          void start().then(() => {
            if (!closed) onState(state);
          });
        }, RETRY_DEBOUNCE_MS);
      });
      retryWatcher.on('error', () => stopRetrying());
    } catch {
      retryWatcher = null;
    }
  };
  const stopRetrying = (): void => {
    retryWatcher?.close();
    retryWatcher = null;
  };

  const saver = createCoalescingSaver<Partial<ProjectFile>>(async (keys) => {
    const patch = Object.fromEntries(keys.map((key) => [key, (expected as Record<string, unknown>)[key]]));
    await saveProjectFile(dir, patch as Partial<ProjectFile>);
  }, SAVE_DEBOUNCE_MS);

  await start();

  const needLive = (): LiveProject => {
    if (!live) throw new StudioError(`${state.error ?? 'The project cannot be read.'} Plans can be made once it opens.`, { code: 'PROJECT_UNREADABLE' });
    return live;
  };
  /** Writes the project file as the session's own save (so the live report's echo of it is expected), then publishes. */
  const ownWrite = async <T>(write: () => Promise<T>): Promise<{ result: T; project: ProjectState }> => {
    const current = needLive();
    await saver.idle();
    saving++;
    let result: T;
    try {
      result = await write();
    } finally {
      saving--;
    }
    const next = publish(await current.refresh());
    onState(next);
    return { result, project: next };
  };

  return {
    dir,
    isSample,
    state: () => state,
    settings: () => (live ? live.current().settings : null),
    async update(patch) {
      if (!live) {
        // Whatever is on disk could not be read; saving now would mean guessing. Say so.
        throw new StudioError(`${state.error ?? 'The project cannot be read.'} Settings can be changed once it opens.`, { code: 'PROJECT_UNREADABLE' });
      }
      expected = validatePatch(expected, patch);
      saving++;
      try {
        await saver.push(patch);
      } catch (error) {
        expected = (await loadProjectFile(dir).catch(() => null)) ?? {};
        throw error;
      } finally {
        saving--;
      }
      const current = live as LiveProject | null;
      if (!current || closed) return state;
      const next = publish(await current.refresh());
      onState(next);
      return next;
    },
    async setOverrides(next, serveRemote) {
      overrides = next;
      context = { ...context, serveRemote };
      if (!live) {
        state = { ...state, serveRemote };
        return state;
      }
      const published = publish(await live.setOverrides(next));
      return published;
    },
    fit: async () => fits.state(needLive().current()),
    async applyFit(params) {
      const { result, project } = await ownWrite(() => fits.apply(needLive().current(), params));
      return { project, applied: result };
    },
    async undoFit() {
      return (await ownWrite(() => fits.undo())).project;
    },
    idle: () => saver.idle(),
    async analysis() {
      if (!live || closed || state.error) return null;
      const analysis = await live.settled();
      return state.error ? null : analysis;
    },
    async close() {
      closed = true;
      stopRetrying();
      await saver.idle();
      await live?.close();
    },
  };
}
