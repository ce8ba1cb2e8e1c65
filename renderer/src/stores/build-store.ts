/** One build at a time: its latest progress, its result, and cancelling it. */
import { createStore } from 'zustand/vanilla';
import type { BuildProgress, BuildResult } from '../../../shared/api.js';
import type { StudioClient } from '../api/client.js';

export interface BuildStoreState {
  readonly running: boolean;
  readonly jobId: string | null;
  readonly progress: BuildProgress | null;
  readonly result: BuildResult | null;
  /** Why a build could not start, or the output could not be revealed. */
  readonly error: string | null;
  readonly cancelling: boolean;
  /** Cancel was pressed before the engine named the job: cancel it as soon as it does. */
  readonly cancelRequested: boolean;
  readonly revealedDir: string | null;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reveal(): Promise<void>;
  applyProgress(progress: BuildProgress): void;
  applyDone(result: BuildResult): void;
}

export function createBuildStore(api: StudioClient, beforeStart: () => Promise<unknown> = async () => {}) {
  return createStore<BuildStoreState>()((set, get) => ({
    running: false,
    jobId: null,
    progress: null,
    result: null,
    error: null,
    cancelling: false,
    cancelRequested: false,
    revealedDir: null,

    async start() {
      if (get().running) return;
      set({ running: true, progress: null, result: null, error: null, cancelling: false, cancelRequested: false, jobId: null });
      try {
        // Text fields still in their debounce must reach the project file first.
        await beforeStart();
        const { jobId } = await api.startBuild({});
        // 'build:done' can arrive before the reply on a tiny project.
        if (get().result?.jobId !== jobId) set({ jobId });
        if (get().cancelRequested && get().running) await get().cancel();
      } catch (error) {
        set({ running: false, error: error instanceof Error ? error.message : String(error) });
      }
    },

    async cancel() {
      const { jobId, running } = get();
      if (!running) return;
      set({ cancelling: true });
      if (!jobId) {
        set({ cancelRequested: true });
        return;
      }
      try {
        await api.cancelBuild({ jobId });
      } catch (error) {
        set({ cancelling: false, error: error instanceof Error ? error.message : String(error) });
      }
    },

    async reveal() {
      try {
        const { outDir } = await api.revealOutput({});
        set({ revealedDir: outDir });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },

    applyProgress(progress) {
      const { jobId } = get();
      if (jobId && progress.jobId !== jobId) return;
      set({ progress, running: progress.phase !== 'done' || get().running });
    },

    applyDone(result) {
      const { jobId } = get();
      if (jobId && result.jobId !== jobId) return;
      set({ result, running: false, cancelling: false, jobId: result.jobId });
    },
  }));
}

export type BuildStore = ReturnType<typeof createBuildStore>;
