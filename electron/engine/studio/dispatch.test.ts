import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../../shared/api.js';
import { API_METHOD_NAMES } from '../../../shared/api-names.js';
import { StudioError } from '../errors.js';
import { dispatch, handleRequest } from './dispatch.js';

/** Records the params each method receives; updateProject refuses a bad Remote URL like the studio does. */
function recordingApi(calls: [string, unknown][]): StudioApi {
  return Object.fromEntries(
    API_METHOD_NAMES.map((method) => [
      method,
      async (params: unknown) => {
        calls.push([method, params]);
        if (method === 'updateProject') throw new StudioError('Remote URL must be http(s)', { code: 'REMOTE_URL_INVALID', field: 'remoteUrl' });
        return { answered: method };
      },
    ]),
  ) as unknown as StudioApi;
}

describe('dispatch', () => {
  it('runs a known method with validated params', async () => {
    const calls: [string, unknown][] = [];
    expect(await dispatch(recordingApi(calls), 'openProject', { dir: '/games/a' })).toEqual({ answered: 'openProject' });
    expect(calls).toEqual([['openProject', { dir: '/games/a' }]]);
  });

  it('refuses bad params, naming the field, and never reaches the engine', async () => {
    const calls: [string, unknown][] = [];
    const api = recordingApi(calls);
    await expect(dispatch(api, 'openProject', { dir: 42 })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('dir') });
    await expect(dispatch(api, 'updateProject', { patch: { md5Cache: 'yes' } })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      options: { field: 'patch.md5Cache' },
    });
    await expect(dispatch(api, 'runTool', { action: 'format-disk' })).rejects.toMatchObject({ options: { field: 'action' } });
    expect(calls).toEqual([]);
  });

  it('passes budgets through to the engine, which judges them with the whole project file and names the budget it refuses', async () => {
    const calls: [string, unknown][] = [];
    await expect(dispatch(recordingApi(calls), 'updateProject', { patch: { budgets: { total: '12 MIB' } } })).rejects.toMatchObject({ code: 'REMOTE_URL_INVALID' });
    expect(calls).toEqual([['updateProject', { patch: { budgets: { total: '12 MIB' } } }]]);
    await expect(dispatch(recordingApi([]), 'updateProject', { patch: { budgets: ['3.5 MiB'] } })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('refuses unknown methods, including names inherited from Object', async () => {
    const calls: [string, unknown][] = [];
    const api = recordingApi(calls);
    for (const method of ['deleteEverything', 'constructor', '__proto__', 'toString', 42]) {
      await expect(dispatch(api, method, {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    }
    expect(calls).toEqual([]);
  });
});

describe('handleRequest', () => {
  it('answers with the result, or with the error code and field the renderer shows inline', async () => {
    const api = recordingApi([]);
    expect(await handleRequest(api, { id: 1, method: 'getPreferences', params: {} })).toEqual({ id: 1, ok: true, result: { answered: 'getPreferences' } });
    expect(await handleRequest(api, { id: 2, method: 'updateProject', params: { patch: { remoteUrl: 'ftp://x' } } })).toEqual({
      id: 2,
      ok: false,
      error: { code: 'REMOTE_URL_INVALID', message: 'Remote URL must be http(s)', field: 'remoteUrl' },
    });
    expect(await handleRequest(api, { method: 'getPreferences' })).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
