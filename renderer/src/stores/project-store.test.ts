import { describe, expect, it } from 'vitest';
import { createFakeClient, fakeProjectState } from '../api/fake-client.js';
import { createProjectStore } from './project-store.js';

describe('project store', () => {
  it('shows the project the engine opened on load', async () => {
    const api = createFakeClient('/games/space');
    const store = createProjectStore(api);
    await store.getState().load();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().project?.dir).toBe('/games/space');
  });

  it('shows the saved settings after an accepted change and clears an earlier error for that field', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    api.failNext('updateProject', 'REMOTE_URL_INVALID', 'Remote URL "nope" is not an absolute URL');
    expect(await store.getState().update({ remoteUrl: 'nope' })).toBe(false);
    expect(store.getState().fieldErrors['remoteUrl']).toMatch(/not an absolute URL/);

    expect(await store.getState().update({ remoteUrl: 'https://cdn.example.com/' })).toBe(true);
    expect(store.getState().project?.effective.remoteUrl).toBe('https://cdn.example.com/');
    expect(store.getState().fieldErrors['remoteUrl']).toBeUndefined();
  });

  it('keeps the last saved value when the engine refuses a change', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    await store.getState().update({ remoteUrl: 'https://ok.example.com/' });
    api.failNext('updateProject', 'REMOTE_URL_INVALID', 'bad');
    await store.getState().update({ remoteUrl: 'ftp://x' });
    expect(store.getState().project?.effective.remoteUrl).toBe('https://ok.example.com/');
    expect(api.projectFile().remoteUrl).toBe('https://ok.example.com/');
  });

  it('puts a refusal on the field the engine names, not on the rest of a merged patch', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    api.failNext('updateProject', 'APPID_INVALID', 'AppID "wx1" is not a WeChat AppID', 'wechat.appid');
    await store.getState().update({ wechat: { appid: 'wx1' }, exclude: ['docs/**'] });
    expect(store.getState().fieldErrors).toEqual({ wechat: 'AppID "wx1" is not a WeChat AppID', 'wechat.appid': 'AppID "wx1" is not a WeChat AppID' });
  });

  it('keeps a refusal inside budgets on the one budget it names, and clears it once budgets are saved', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    api.failNext('updateProject', 'PROJECT_FILE_INVALID', '"budgets.total" has the unit "MIB"', 'budgets.total');
    expect(await store.getState().update({ budgets: { total: '12 MIB' } })).toBe(false);
    expect(store.getState().fieldErrors['budgets.total']).toMatch(/MIB/);

    expect(await store.getState().update({ budgets: { total: '12 MiB' } })).toBe(true);
    expect(store.getState().fieldErrors).toEqual({});
  });

  it('sends quick text edits as one merged update', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    store.getState().schedule({ remoteUrl: 'https://a' }, 10_000);
    store.getState().schedule({ remoteUrl: 'https://ab/' }, 10_000);
    store.getState().schedule({ exclude: ['docs/**'] }, 10_000);
    await store.getState().flush();
    const updates = api.calls.filter((c) => c.method === 'updateProject');
    expect(updates).toEqual([{ method: 'updateProject', params: { patch: { remoteUrl: 'https://ab/', exclude: ['docs/**'] } } }]);
    expect(store.getState().pending).toEqual({});
  });

  it('sends a scheduled edit by itself once the typing stops', async () => {
    const api = createFakeClient();
    const store = createProjectStore(api);
    await store.getState().load();
    store.getState().schedule({ orientation: 'landscape' }, 1);
    await expect.poll(() => api.projectFile().orientation).toBe('landscape');
  });

  it('follows project:changed for the open project and ignores a late one from the previous project', async () => {
    const api = createFakeClient('/games/a');
    const store = createProjectStore(api);
    await store.getState().load();
    store.getState().applyChanged(fakeProjectState('/games/a', { md5Cache: true }));
    expect(store.getState().project?.effective.md5Cache).toBe(true);
    store.getState().applyChanged(fakeProjectState('/games/old', {}));
    expect(store.getState().project?.dir).toBe('/games/a');
  });

  it('keeps the open project and says why when another cannot be opened', async () => {
    const api = createFakeClient('/games/a');
    const store = createProjectStore(api);
    await store.getState().load();
    api.failNext('openProject', 'DIR_MISSING', 'Folder /nope does not exist');
    expect(await store.getState().open('/nope')).toBe(false);
    expect(store.getState().project?.dir).toBe('/games/a');
    expect(store.getState().openError).toMatch(/does not exist/);
    expect(await store.getState().open('  /games/b  ')).toBe(true);
    expect(store.getState().project?.dir).toBe('/games/b');
    expect(store.getState().openError).toBeNull();
  });
});
