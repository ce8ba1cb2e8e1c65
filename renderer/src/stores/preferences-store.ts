/** Preferences as the engine stores them, and where it found the developer tools. */
import { createStore } from 'zustand/vanilla';
import type { Preferences, ToolLocation } from '../../../shared/api.js';
import type { StudioClient } from '../api/client.js';

export interface PreferencesStoreState {
  readonly prefs: Preferences | null;
  readonly tools: readonly ToolLocation[];
  readonly error: string | null;
  load(): Promise<void>;
  set(patch: Partial<Preferences>): Promise<boolean>;
  locate(): Promise<void>;
}

export function createPreferencesStore(api: StudioClient) {
  return createStore<PreferencesStoreState>()((set) => ({
    prefs: null,
    tools: [],
    error: null,

    async load() {
      try {
        set({ prefs: await api.getPreferences({}), error: null });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },

    async set(patch) {
      try {
        set({ prefs: await api.setPreferences({ patch }), error: null });
        return true;
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },

    async locate() {
      try {
        set({ tools: await api.locateTools({}) });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
  }));
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>;
