/**
 * Binds the StudioApi to Electron IPC. Every message is checked twice: the sender must be our own
 * page (event.senderFrame's URL on the app:// origin; a null frame, one that navigated away or was
 * destroyed, is never trusted), then `dispatch` validates the method name and its params with zod.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { RpcEvent, StudioEventName } from '../shared/api.js';
import type { SimulatorViewBridge } from '../shared/simulator.js';
import type { Studio } from './engine/studio/create-studio.js';
import { CALL_CHANNEL, CHOOSE_CHANNEL, EVENT_CHANNEL, SIMULATOR_VIEW_CHANNEL } from './ipc-channels.js';
import { guardedCall } from './ipc-guard.js';
import { isTrustedSenderUrl } from './security.js';
import { parseViewRequest } from './simulator-view-guard.js';

export interface IpcOptions {
  readonly studio: Studio;
  /** The Vite dev server's origin while developing; undefined in a built app. */
  readonly devServerOrigin?: string;
  /** The simulator's sandboxed view (main.ts). */
  readonly simulatorView?: SimulatorViewBridge;
}

function trusted(event: IpcMainInvokeEvent, devServerOrigin: string | undefined): boolean {
  return isTrustedSenderUrl(event.senderFrame?.url ?? null, devServerOrigin);
}

export function registerIpc({ studio, devServerOrigin, simulatorView }: IpcOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, params: unknown) =>
    guardedCall(studio, event.senderFrame?.url ?? null, devServerOrigin, method, params),
  );

  ipcMain.handle(CHOOSE_CHANNEL, async (event, kind: unknown) => {
    if (!trusted(event, devServerOrigin)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const properties: ('openDirectory' | 'openFile')[] = kind === 'folder' ? ['openDirectory'] : ['openFile'];
    const result = window ? await dialog.showOpenDialog(window, { properties }) : await dialog.showOpenDialog({ properties });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  ipcMain.handle(SIMULATOR_VIEW_CHANNEL, async (event, kind: unknown, payload: unknown) => {
    const request = parseViewRequest(event.senderFrame?.url ?? null, devServerOrigin, kind, payload);
    if (!request || !simulatorView) return null;
    if (request.kind === 'show') return void (await simulatorView.show(request.bounds));
    return simulatorView.control(request.action);
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(CHOOSE_CHANNEL);
    ipcMain.removeHandler(SIMULATOR_VIEW_CHANNEL);
  };
}

/** Pushes an engine event to every window (there is one; a second would get the same live state). */
export function sendToWindows(event: StudioEventName, payload: unknown): void {
  const message: RpcEvent = { event, payload };
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, message);
  }
}
