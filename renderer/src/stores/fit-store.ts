/**
 * The Fit card: the engine's plans for the live report, re-asked after every change of the
 * project (one call at a time; a change during a call asks once more after it), and Apply / Undo.
 * Sizes, statuses and plans all come from the engine.
 */
import { createStore } from 'zustand/vanilla';
import type { ProjectState } from '../../../shared/api.js';
import type { FitPlan, FitState } from '../../../shared/fit.js';
import type { StudioClient } from '../api/client.js';

export interface FitStoreState {
  readonly fit: FitState | null;
  /** A plan is being applied or undone. */
  readonly busy: boolean;
  readonly error: string | null;
  /** What the user typed for a plan that needs a Remote URL, by plan id. */
  readonly remoteUrls: Readonly<Record<number, string>>;
  load(): Promise<void>;
  setRemoteUrl(id: number, url: string): void;
  apply(plan: FitPlan): Promise<void>;
  undo(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createFitStore(api: StudioClient, onProject: (project: ProjectState) => void) {
  return createStore<FitStoreState>()((set, get) => {
    let running: Promise<void> | null = null;
    let again = false;
    const ask = async (): Promise<void> => {
      do {
        again = false;
        try {
          set({ fit: await api.getFit({}) });
        } catch (error) {
          set({ error: message(error) });
        }
      } while (again);
    };
    const change = async (work: () => Promise<ProjectState>): Promise<void> => {
      set({ busy: true, error: null });
      try {
        onProject(await work());
        await get().load();
      } catch (error) {
        set({ error: message(error) });
      } finally {
        set({ busy: false });
      }
    };
    return {
      fit: null,
      busy: false,
      error: null,
      remoteUrls: {},
      load() {
        if (running) {
          again = true;
          return running;
        }
        running = ask().finally(() => {
          running = null;
        });
        return running;
      },
      setRemoteUrl: (id, url) => set({ remoteUrls: { ...get().remoteUrls, [id]: url } }),
      apply: (plan) =>
        change(async () => {
          const remoteUrl = get().remoteUrls[plan.id]?.trim();
          const { project } = await api.applyFit({ id: plan.id, title: plan.title, ...(remoteUrl ? { remoteUrl } : {}) });
          return project;
        }),
      undo: () => change(() => api.undoFit({})),
    };
  });
}

export type FitStore = ReturnType<typeof createFitStore>;
