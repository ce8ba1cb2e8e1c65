import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../api/fake-client.js';
import { connectStores, createStores, loadAll } from './stores.js';
import { MAX_LOG_LINES } from './tools-store.js';

describe('preferences store', () => {
  it('keeps what the engine stored', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    await loadAll(stores);
    expect(await stores.preferences.getState().set({ wechatDevtoolsPath: '/opt/wechat', language: 'en' })).toBe(true);
    expect(stores.preferences.getState().prefs).toMatchObject({ wechatDevtoolsPath: '/opt/wechat', language: 'en' });
  });

  it('shows the engine’s message when a preference is refused', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    api.failNext('setPreferences', 'PREFERENCES_INVALID', 'language must be zh-CN or en');
    expect(await stores.preferences.getState().set({ language: 'en' })).toBe(false);
    expect(stores.preferences.getState().error).toMatch(/zh-CN or en/);
  });
});

describe('tools store', () => {
  it('streams tool:log lines into the log, oldest dropped past the cap', () => {
    const api = createFakeClient();
    const stores = createStores(api);
    const disconnect = connectStores(api, stores);
    for (let i = 0; i < MAX_LOG_LINES + 5; i += 1) api.emit('tool:log', { line: `line ${i}`, stream: 'stdout' });
    const { lines } = stores.tools.getState();
    expect(lines).toHaveLength(MAX_LOG_LINES);
    expect(lines[0]?.line).toBe('line 5');
    disconnect();
    api.emit('tool:log', { line: 'after', stream: 'stdout' });
    expect(stores.tools.getState().lines.at(-1)?.line).toBe(`line ${MAX_LOG_LINES + 4}`);
  });

  it('reports a missing tool path as the no-path failure', async () => {
    const api = createFakeClient();
    api.toolResult = { action: 'play', ok: false, failure: 'no-path', message: 'No WeChat DevTools path', qrDataUrl: null, qrPath: null, lastLines: [] };
    const stores = createStores(api);
    const result = await stores.tools.getState().run('play');
    expect(result?.failure).toBe('no-path');
    expect(stores.tools.getState().running).toBeNull();
    expect(stores.tools.getState().result?.failure).toBe('no-path');
  });

  it('passes the upload version and description to the engine', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    await stores.tools.getState().run('upload', { version: '1.2.3', description: 'first' });
    expect(api.calls.find((c) => c.method === 'runTool')?.params).toEqual({ action: 'upload', version: '1.2.3', description: 'first' });
  });
});
