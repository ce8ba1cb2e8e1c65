/**
 * The preload with a stand-in for Electron's renderer modules (the real package cannot load in
 * Node): what the page gets on window.studio, and that it reaches nothing but the named calls.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RpcEvent, StudioBridge } from '../shared/api.js';
import { API_METHOD_NAMES } from '../shared/api-names.js';
import { CALL_CHANNEL, CHOOSE_CHANNEL, EVENT_CHANNEL, SIMULATOR_VIEW_CHANNEL } from './ipc-channels.js';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(event: unknown, message: RpcEvent) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      if (args[0] === CHOOSE_CHANNEL) return '/picked';
      return args[1] === 'updateProject'
        ? { id: 0, ok: false, error: { code: 'REMOTE_URL_INVALID', message: 'Remote URL is not http(s)', field: 'remoteUrl' } }
        : { id: 0, ok: true, result: { method: args[1] } };
    },
    on: (channel: string, listener: (event: unknown, message: RpcEvent) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, message: RpcEvent) => void) => listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: () => '/dropped/game' },
}));

let bridge: StudioBridge;
beforeAll(async () => {
  await import('./preload.js');
  bridge = exposed.studio as StudioBridge;
});

const push = (message: RpcEvent): void => {
  for (const listener of listeners.get(EVENT_CHANNEL) ?? []) listener({}, message);
};

describe('preload bridge', () => {
  it('exposes one function per StudioApi method and the shell helpers, and nothing like ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual([...API_METHOD_NAMES, 'call', 'on', 'pathForFile', 'chooseFolder', 'chooseFile', 'choosePath', 'simulatorView'].sort());
    for (const [key, value] of Object.entries(bridge)) if (key !== 'simulatorView') expect(typeof value).toBe('function');
    // The simulator view: where it goes and the listed controls, on one channel of its own; never a URL.
    expect(Object.keys(bridge.simulatorView).sort()).toEqual(['control', 'show']);
  });

  it('sends the simulator view its bounds and controls on its own channel', async () => {
    await bridge.simulatorView.show({ x: 1, y: 2, width: 3, height: 4 });
    expect(invoked.at(-1)).toEqual([SIMULATOR_VIEW_CHANNEL, 'show', { x: 1, y: 2, width: 3, height: 4 }]);
    await bridge.simulatorView.control('pause');
    expect(invoked.at(-1)).toEqual([SIMULATOR_VIEW_CHANNEL, 'control', 'pause']);
  });

  it('forwards named calls on the one call channel and unwraps the answer', async () => {
    expect(await bridge.getPreferences({})).toEqual({ method: 'getPreferences' });
    expect(invoked.at(-1)).toEqual([CALL_CHANNEL, 'getPreferences', {}]);
    await expect(bridge.updateProject({ patch: { remoteUrl: 'x' } })).rejects.toThrow('Remote URL is not http(s)');
    // `call` keeps the envelope, so the renderer sees the code and the field.
    expect(await bridge.call('updateProject', { patch: {} })).toMatchObject({ ok: false, error: { code: 'REMOTE_URL_INVALID', field: 'remoteUrl' } });
  });

  it('refuses method names outside the contract without touching IPC', async () => {
    const before = invoked.length;
    expect(await bridge.call('deleteEverything' as never, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(invoked.length).toBe(before);
  });

  it('delivers only the subscribed event, and stops after unsubscribe', () => {
    const got: unknown[] = [];
    const off = bridge.on('build:done', (payload) => got.push(payload));
    expect(bridge.on('not:an-event' as never, () => got.push('bad'))).toBeTypeOf('function');
    push({ event: 'build:progress', payload: 1 });
    push({ event: 'build:done', payload: 2 });
    off();
    push({ event: 'build:done', payload: 3 });
    expect(got).toEqual([2]);
  });

  it('gives dropped-file paths and picker results', async () => {
    expect(bridge.pathForFile(new Blob([]))).toBe('/dropped/game');
    expect(await bridge.chooseFolder()).toBe('/picked');
    expect(invoked.at(-1)).toEqual([CHOOSE_CHANNEL, 'folder']);
  });
});
