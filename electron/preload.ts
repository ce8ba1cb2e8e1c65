/**
 * The sandboxed preload (built as CommonJS: a sandboxed preload cannot be ESM). It exposes
 * `window.studio`: one function per StudioApi method, `call` limited to those names, event
 * subscription limited to the StudioEvents names, the dropped-file path, and the OS pickers.
 * Never ipcRenderer itself and never a generic invoke(channel): the page can reach exactly these.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiMethod, RpcEvent, RpcResponse, StudioApi, StudioBridge } from '../shared/api.js';
import { API_METHOD_NAMES, BRIDGE_GLOBAL, isApiMethodName, isStudioEventName } from '../shared/api-names.js';
import { CALL_CHANNEL, CHOOSE_CHANNEL, EVENT_CHANNEL, SIMULATOR_VIEW_CHANNEL } from './ipc-channels.js';

async function call(method: ApiMethod, params: unknown): Promise<RpcResponse> {
  if (!isApiMethodName(method)) {
    return { id: 0, ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}.` } };
  }
  return (await ipcRenderer.invoke(CALL_CHANNEL, method, params ?? {})) as RpcResponse;
}

function method(name: ApiMethod) {
  return async (params: unknown): Promise<unknown> => {
    const response = await call(name, params);
    if (response.ok) return response.result;
    throw new Error(response.error.message);
  };
}

const methods = Object.fromEntries(API_METHOD_NAMES.map((name) => [name, method(name)])) as unknown as StudioApi;

const choosePath = async (kind: 'file' | 'folder'): Promise<string | null> =>
  (await ipcRenderer.invoke(CHOOSE_CHANNEL, kind === 'folder' ? 'folder' : 'file')) as string | null;

const bridge: StudioBridge = {
  ...methods,
  call,
  on(event, listener) {
    if (!isStudioEventName(event)) return () => undefined;
    const forward = (_event: IpcRendererEvent, message: RpcEvent): void => {
      if (message?.event === event) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
  chooseFolder: () => choosePath('folder'),
  chooseFile: () => choosePath('file'),
  choosePath,
  // The shell loads the URL the engine gave it: the page only says where the view goes.
  simulatorView: {
    show: async (bounds) => {
      await ipcRenderer.invoke(SIMULATOR_VIEW_CHANNEL, 'show', bounds ?? null);
    },
    control: async (action) => (await ipcRenderer.invoke(SIMULATOR_VIEW_CHANNEL, 'control', action)) as Awaited<ReturnType<StudioBridge['simulatorView']['control']>>,
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
