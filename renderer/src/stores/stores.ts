/**
 * The stores of one window, created once per client, and the wiring of engine events into them.
 * One store per domain: project, build, preferences, tools (log), ui, history, image preview.
 */
import type { StudioClient } from '../api/client.js';
import { createBuildStore } from './build-store.js';
import { createFitStore } from './fit-store.js';
import { createHistoryStore } from './history-store.js';
import { createPreviewStore } from './preview-store.js';
import { createPreferencesStore } from './preferences-store.js';
import { createProjectStore } from './project-store.js';
import { createSimulatorStore } from './simulator-store.js';
import { createToolsStore } from './tools-store.js';
import { createUiStore } from './ui-store.js';

export function createStores(api: StudioClient) {
  const project = createProjectStore(api);
  return {
    project,
    build: createBuildStore(api, () => project.getState().flush()),
    preferences: createPreferencesStore(api),
    tools: createToolsStore(api, () => project.getState().flush()),
    ui: createUiStore(),
    history: createHistoryStore(api),
    simulator: createSimulatorStore(api, () => project.getState().flush()),
    fit: createFitStore(api, (p) => project.getState().applyChanged(p)),
    preview: createPreviewStore(api),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** Subscribes the stores to the engine's events; returns the unsubscribe. */
export function connectStores(api: StudioClient, stores: Stores): () => void {
  const offs = [
    api.on('project:changed', (p) => stores.project.getState().applyChanged(p)),
    // The Fit card follows the live report: its plans are asked again after every change.
    api.on('project:changed', () => void stores.fit.getState().load()),
    api.on('build:progress', (p) => stores.build.getState().applyProgress(p)),
    api.on('build:done', (r) => stores.build.getState().applyDone(r)),
    // A new build is a new point, when the History view has been opened.
    api.on('build:done', () => void (stores.history.getState().history && stores.history.getState().load())),
    api.on('tool:log', (l) => stores.tools.getState().append(l)),
    api.on('tool:qr', (qr) => stores.tools.getState().showQr(qr)),
    api.on('simulator:changed', (s) => stores.simulator.getState().applyState(s)),
    api.on('simulator:log', (l) => stores.simulator.getState().applyLog(l)),
  ];
  return () => offs.forEach((off) => off());
}

/** The first load: the project (the engine opens the last one or the sample), preferences, tools. */
export async function loadAll(stores: Stores): Promise<void> {
  await Promise.all([
    stores.project.getState().load().then(() => stores.fit.getState().load()),
    stores.preferences.getState().load(),
    stores.preferences.getState().locate(),
    stores.simulator.getState().load(),
  ]);
}
