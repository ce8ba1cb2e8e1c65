/** The History view: the builds of the project's platform, the two picked, and their diff (all from the engine). */
import { createStore } from 'zustand/vanilla';
import type { BuildDiff, HistoryState } from '../../../shared/history.js';
import type { StudioClient } from '../api/client.js';

export interface HistoryStoreState {
  readonly history: HistoryState | null;
  /** Entry ids, at most two, in the order picked. */
  readonly picked: readonly string[];
  readonly diff: BuildDiff | null;
  readonly error: string | null;
  load(): Promise<void>;
  /** Picks a build (or un-picks it); the second pick opens the diff of the two, older first. */
  pick(id: string): Promise<void>;
  /** The picked build (else the latest) against the one before it. */
  compareWithPrevious(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createHistoryStore(api: StudioClient) {
  return createStore<HistoryStoreState>()((set, get) => {
    const compare = async (a: string, b: string): Promise<void> => {
      const ids = get().history?.points.map((p) => p.id) ?? [];
      const [before, after] = ids.indexOf(a) <= ids.indexOf(b) ? [a, b] : [b, a];
      set({ picked: [before, after] });
      try {
        set({ diff: await api.diffHistory({ before, after }), error: null });
      } catch (error) {
        set({ diff: null, error: message(error) });
      }
    };
    return {
      history: null,
      picked: [],
      diff: null,
      error: null,

      async load() {
        try {
          const history = await api.getHistory({});
          const known = new Set(history.points.map((p) => p.id));
          set({ history, error: null, picked: get().picked.filter((id) => known.has(id)) });
        } catch (error) {
          set({ error: message(error) });
        }
      },

      async pick(id) {
        const { picked } = get();
        if (picked.includes(id)) {
          set({ picked: picked.filter((p) => p !== id), diff: null });
          return;
        }
        const next = picked.length >= 2 ? [id] : [...picked, id];
        if (next.length === 2) await compare(next[0]!, next[1]!);
        else set({ picked: next, diff: null });
      },

      async compareWithPrevious() {
        const points = get().history?.points ?? [];
        const { picked } = get();
        const at = picked.length === 1 ? points.findIndex((p) => p.id === picked[0]) : points.length - 1;
        if (at < 1) return;
        await compare(points[at - 1]!.id, points[at]!.id);
      },
    };
  });
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
