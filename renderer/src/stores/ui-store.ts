/** What is open and what is pointed at: dialogs, the selected tree file, the setting to focus. */
import { createStore } from 'zustand/vanilla';

export type Dialog = 'preferences' | 'upload' | 'history' | null;

export interface UiStoreState {
  readonly dialog: Dialog;
  /** The tree file a problem link points at. */
  readonly selectedPath: string | null;
  /** The Build panel setting a problem link points at ('remoteUrl', 'subpackages', …); bumps re-trigger. */
  readonly focusSetting: { readonly key: string; readonly seq: number } | null;
  /** A short notice, e.g. after a folder was dropped in web mode. */
  readonly notice: string | null;
  openDialog(dialog: Exclude<Dialog, null>): void;
  closeDialog(): void;
  selectPath(path: string | null): void;
  focus(key: string): void;
  setNotice(notice: string | null): void;
}

export function createUiStore() {
  return createStore<UiStoreState>()((set, get) => ({
    dialog: null,
    selectedPath: null,
    focusSetting: null,
    notice: null,
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    selectPath: (selectedPath) => set({ selectedPath }),
    focus: (key) => set({ focusSetting: { key, seq: (get().focusSetting?.seq ?? 0) + 1 } }),
    setNotice: (notice) => set({ notice }),
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;
