import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../shared/api.js';
import { API_METHOD_NAMES } from '../shared/api-names.js';
import { guardedCall } from './ipc-guard.js';
import { APP_ORIGIN } from './security.js';

function countingApi(): { api: StudioApi; calls: string[] } {
  const calls: string[] = [];
  const api = Object.fromEntries(API_METHOD_NAMES.map((m) => [m, async () => (calls.push(m), { from: m })])) as unknown as StudioApi;
  return { api, calls };
}

describe('the IPC sender check', () => {
  it('answers our own page through dispatch', async () => {
    const { api, calls } = countingApi();
    expect(await guardedCall(api, `${APP_ORIGIN}/index.html`, undefined, 'getPreferences', {})).toEqual({ id: 0, ok: true, result: { from: 'getPreferences' } });
    expect(await guardedCall(api, `${APP_ORIGIN}/index.html`, undefined, 'openProject', { dir: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(calls).toEqual(['getPreferences']);
  });

  it('refuses a destroyed frame, a foreign page and the dev server once built, without reaching the engine', async () => {
    const { api, calls } = countingApi();
    for (const url of [null, undefined, 'https://evil.example/', 'file:///tmp/x.html', 'http://localhost:5173/']) {
      expect(await guardedCall(api, url, undefined, 'getPreferences', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
    expect(calls).toEqual([]);
  });
});
