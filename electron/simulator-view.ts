/**
 * The simulator's view in the Electron window: a WebContentsView, sandboxed like the main window,
 * on a session partition of its own (kept in memory, every permission refused), with no preload,
 * so the game's code reaches neither the StudioApi nor Node. It loads only the URL the engine's
 * simulator state names, follows each new run, and is placed where the renderer's box is.
 */
import { session, WebContentsView, type BrowserWindow } from 'electron';
import type { SimulatorPageStatus, SimulatorState, SimulatorViewBridge, ViewBounds } from '../shared/simulator.js';
import { CONTROL_SCRIPTS, simulatorViewPreferences, SIMULATOR_PARTITION } from './simulator-view-guard.js';

export interface SimulatorViewShell extends SimulatorViewBridge {
  /** The engine's 'simulator:changed': load the new run, or take the view away when it stopped. */
  follow(state: SimulatorState): void;
}

export function createSimulatorView(window: () => BrowserWindow | undefined, current: () => Promise<SimulatorState>): SimulatorViewShell {
  const partition = session.fromPartition(SIMULATOR_PARTITION);
  partition.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  partition.setPermissionCheckHandler(() => false);
  let view: WebContentsView | null = null;
  let loaded: string | null = null;
  let bounds: ViewBounds | null = null;

  const remove = (): void => {
    const win = window();
    if (view && win && !win.isDestroyed()) win.contentView.removeChildView(view);
    view?.webContents.close();
    view = null;
    loaded = null;
  };

  const place = (state: SimulatorState): void => {
    const win = window();
    if (!win || win.isDestroyed() || !bounds || state.status !== 'running' || !state.url) return remove();
    if (!view) {
      view = new WebContentsView({ webPreferences: simulatorViewPreferences() });
      win.contentView.addChildView(view);
    }
    view.setBounds(bounds);
    if (loaded !== state.url) {
      loaded = state.url;
      void view.webContents.loadURL(state.url);
    }
  };

  return {
    async show(next) {
      bounds = next;
      place(await current());
    },
    async control(action) {
      if (!view) return null;
      return (await view.webContents.executeJavaScript(CONTROL_SCRIPTS[action])) as SimulatorPageStatus;
    },
    follow(state) {
      place(state);
    },
  };
}
