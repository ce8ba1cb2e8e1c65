/** The before/after image preview: which file is open and what the engine said about it. */
import { createStore } from 'zustand/vanilla';
import type { ImagePreview } from '../../../shared/api.js';
import type { StudioClient } from '../api/client.js';

export interface PreviewStoreState {
  /** The file being previewed (null: the preview is closed). */
  readonly path: string | null;
  readonly preview: ImagePreview | null;
  readonly error: string | null;
  open(path: string): Promise<void>;
  close(): void;
}

export function createPreviewStore(api: StudioClient) {
  return createStore<PreviewStoreState>()((set, get) => ({
    path: null,
    preview: null,
    error: null,
    async open(path) {
      set({ path, preview: null, error: null });
      try {
        const preview = await api.previewImage({ path });
        // A later open (or a close) wins over a slow answer.
        if (get().path === path) set({ preview });
      } catch (error) {
        if (get().path === path) set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    close() {
      set({ path: null, preview: null, error: null });
    },
  }));
}
