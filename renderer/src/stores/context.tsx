/** React access to the window's stores and client, injected once in main.tsx. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StudioClient } from '../api/client.js';
import type { BuildStoreState } from './build-store.js';
import type { FitStoreState } from './fit-store.js';
import type { HistoryStoreState } from './history-store.js';
import type { PreferencesStoreState } from './preferences-store.js';
import type { PreviewStoreState } from './preview-store.js';
import type { ProjectStoreState } from './project-store.js';
import type { SimulatorStoreState } from './simulator-store.js';
import type { Stores } from './stores.js';
import type { ToolsStoreState } from './tools-store.js';
import type { UiStoreState } from './ui-store.js';

interface StudioContextValue {
  readonly api: StudioClient;
  readonly stores: Stores;
}

const StudioContext = createContext<StudioContextValue | null>(null);

export function StudioProvider({ api, stores, children }: StudioContextValue & { readonly children: ReactNode }) {
  return <StudioContext.Provider value={{ api, stores }}>{children}</StudioContext.Provider>;
}

function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('StudioProvider is missing above this component');
  return value;
}

export const useApi = (): StudioClient => useStudio().api;
export const useProject = <T,>(select: (s: ProjectStoreState) => T): T => useStore(useStudio().stores.project, select);
export const useBuild = <T,>(select: (s: BuildStoreState) => T): T => useStore(useStudio().stores.build, select);
export const usePreferences = <T,>(select: (s: PreferencesStoreState) => T): T =>
  useStore(useStudio().stores.preferences, select);
export const useTools = <T,>(select: (s: ToolsStoreState) => T): T => useStore(useStudio().stores.tools, select);
export const useHistory = <T,>(select: (s: HistoryStoreState) => T): T => useStore(useStudio().stores.history, select);
export const useSimulator = <T,>(select: (s: SimulatorStoreState) => T): T => useStore(useStudio().stores.simulator, select);
export const useFit = <T,>(select: (s: FitStoreState) => T): T => useStore(useStudio().stores.fit, select);
export const usePreview = <T,>(select: (s: PreviewStoreState) => T): T => useStore(useStudio().stores.preview, select);
export const useUi = <T,>(select: (s: UiStoreState) => T): T => useStore(useStudio().stores.ui, select);
