/**
 * The open project as the engine last described it. Edits go to the engine (updateProject), which
 * saves minigame-studio.json and re-plans; the store never changes settings locally, so what the
 * panels show is always what is on disk. Text fields are debounced here, merging their patches.
 */
import { createStore } from 'zustand/vanilla';
import type { ProjectState } from '../../../shared/api.js';
import type { ProjectFile } from '../../../shared/project-file.js';
import { StudioCallError, type StudioClient } from '../api/client.js';

export type ProjectPatch = Partial<ProjectFile>;

export interface ProjectStoreState {
  readonly project: ProjectState | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the last open failed (the previous project stays open). */
  readonly openError: string | null;
  /** Errors from refused updates, by top-level project-file key ('remoteUrl', 'wechat', …), and by the exact field the engine named ('budgets.stage1'). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Patches waiting for their debounce. */
  readonly pending: ProjectPatch;
  load(): Promise<void>;
  open(dir: string): Promise<boolean>;
  /** Sends a patch now (checkboxes, selects, drops). Resolves false when the engine refused it. */
  update(patch: ProjectPatch): Promise<boolean>;
  /** Sends a patch after `delayMs` of quiet (text fields); later patches for the same key win. */
  schedule(patch: ProjectPatch, delayMs?: number): void;
  /** Sends what is scheduled at once (on blur, before a build). */
  flush(): Promise<boolean>;
  applyChanged(project: ProjectState): void;
}

export const TEXT_DEBOUNCE_MS = 300;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createProjectStore(api: StudioClient) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<ProjectStoreState>()((set, get) => ({
    project: null,
    status: 'idle',
    openError: null,
    fieldErrors: {},
    pending: {},

    async load() {
      set({ status: 'loading' });
      try {
        set({ project: await api.getProject({}), status: 'ready', openError: null });
      } catch (error) {
        set({ status: 'error', openError: messageOf(error) });
      }
    },

    async open(dir) {
      const trimmed = dir.trim();
      if (!trimmed) return false;
      set({ status: 'loading' });
      try {
        const project = await api.openProject({ dir: trimmed });
        set({ project, status: 'ready', openError: null, fieldErrors: {}, pending: {} });
        return true;
      } catch (error) {
        set({ status: get().project ? 'ready' : 'error', openError: messageOf(error) });
        return false;
      }
    },

    async update(patch) {
      try {
        const project = await api.updateProject({ patch });
        const fieldErrors = { ...get().fieldErrors };
        for (const key of Object.keys(fieldErrors)) if (key.split(/[.[]/)[0]! in patch) delete fieldErrors[key];
        set({ project, fieldErrors });
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The engine names the field it refused ('wechat.appid'); else every key of the patch is suspect.
        const named = error instanceof StudioCallError && error.field ? error.field.split(/[.[]/)[0] : undefined;
        const fieldErrors = { ...get().fieldErrors };
        for (const key of named && named in patch ? [named] : Object.keys(patch)) fieldErrors[key] = message;
        // Inside an object edited key by key (budgets.__GAME__), the exact field too, so its control shows it.
        if (named && named in patch && error instanceof StudioCallError && error.field !== named) fieldErrors[error.field!] = message;
        set({ fieldErrors });
        return false;
      }
    },

    schedule(patch, delayMs = TEXT_DEBOUNCE_MS) {
      set({ pending: { ...get().pending, ...patch } });
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void get().flush(), delayMs);
    },

    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      const patch = get().pending;
      if (Object.keys(patch).length === 0) return true;
      set({ pending: {} });
      return get().update(patch);
    },

    applyChanged(project) {
      // Events for a project we have since left (a late watcher batch) are ignored.
      const current = get().project;
      if (current && current.dir !== project.dir) return;
      set({ project, status: 'ready' });
    },
  }));
  return store;
}

export type ProjectStore = ReturnType<typeof createProjectStore>;
