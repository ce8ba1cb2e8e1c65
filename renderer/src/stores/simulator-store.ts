/**
 * The simulator view: the engine's session state and the current run's log (both from events),
 * whether the view is open, and what the page last said of itself (paused or not: display only).
 */
import { createStore } from 'zustand/vanilla';
import type { ParamsOf } from '../../../shared/api.js';
import type { SimulatorLog, SimulatorPageStatus, SimulatorState } from '../../../shared/simulator.js';
import type { StudioClient } from '../api/client.js';

export type PageStatus = SimulatorPageStatus;

export interface SimulatorStoreState {
  readonly open: boolean;
  readonly state: SimulatorState | null;
  /** The log of the current run only (a log of an earlier run is dropped). */
  readonly log: SimulatorLog | null;
  readonly page: PageStatus | null;
  readonly error: string | null;
  /** Run in studio: opens the view, builds and starts (or restarts with other settings). */
  start(params?: ParamsOf<'startSimulator'>): Promise<void>;
  restart(): Promise<void>;
  /** Closes the view and stops the simulator's server. */
  stop(): Promise<void>;
  load(): Promise<void>;
  applyState(state: SimulatorState): void;
  applyLog(log: SimulatorLog): void;
  applyPage(page: PageStatus): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createSimulatorStore(api: StudioClient, beforeStart: () => Promise<unknown> = async () => {}) {
  return createStore<SimulatorStoreState>()((set, get) => ({
    open: false,
    state: null,
    log: null,
    page: null,
    error: null,

    async start(params = {}) {
      set({ open: true, error: null });
      try {
        // Settings still in their debounce must be saved before the build reads them.
        await beforeStart();
        get().applyState(await api.startSimulator(params));
      } catch (error) {
        set({ error: message(error) });
      }
    },

    async restart() {
      try {
        get().applyState(await api.restartSimulator({}));
      } catch (error) {
        set({ error: message(error) });
      }
    },

    async stop() {
      set({ open: false, page: null, error: null });
      try {
        await api.stopSimulator({});
      } catch (error) {
        set({ error: message(error) });
      }
    },

    async load() {
      try {
        const state = await api.getSimulator({});
        get().applyState(state);
        // A studio page opened (or reconnected) while a session runs shows it again.
        if (state.status !== 'stopped') set({ open: true });
      } catch (error) {
        set({ error: message(error) });
      }
    },

    applyState(state) {
      const previous = get().state;
      // Events and answers can cross: never go back to an older run.
      if (previous && state.run < previous.run) return;
      const newRun = !previous || state.run !== previous.run;
      set({ state, ...(newRun ? { log: null, page: null } : {}) });
    },

    applyLog(log) {
      const run = get().state?.run;
      if (run !== undefined && log.run !== run) return;
      set({ log });
    },

    applyPage(page) {
      set({ page });
    },
  }));
}

export type SimulatorStore = ReturnType<typeof createSimulatorStore>;
