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
    revealedDir: null,

    async start() {
      if (get().running) return;
      // The build is named here, so Cancel can reach the engine at once, in order after the start
      // (or before it: the engine keeps an early cancel for the build it names).
      const jobId = crypto.randomUUID();
      set({ running: true, progress: null, result: null, error: null, cancelling: false, jobId });
      try {
        // Text fields still in their debounce must reach the project file first.
        await beforeStart();
        await api.startBuild({ jobId });
      } catch (error) {
        set({ running: false, error: error instanceof Error ? error.message : String(error) });
      }
    },

    async cancel() {
      const { jobId, running } = get();
      if (!running || !jobId) return;
      set({ cancelling: true });
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
      if (progress.jobId !== get().jobId) return;
      set({ progress, running: progress.phase !== 'done' || get().running });
    },

    applyDone(result) {
      if (result.jobId !== get().jobId) return;
      set({ result, running: false, cancelling: false });
    },
  }));
}

export type BuildStore = ReturnType<typeof createBuildStore>;
