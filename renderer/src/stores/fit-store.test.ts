import { describe, expect, it } from 'vitest';
import type { FitPlan } from '../../../shared/fit.js';
import { createFakeClient } from '../api/fake-client.js';
import { createFitStore } from './fit-store.js';

describe('fit store', () => {
  it('asks the engine once more when the project changes during a call, never piling calls up', async () => {
    const api = createFakeClient();
    const store = createFitStore(api, () => undefined);
    await Promise.all([store.getState().load(), store.getState().load(), store.getState().load()]);
    expect(api.calls.filter((c) => c.method === 'getFit')).toHaveLength(2);
    expect(store.getState().fit?.answer.pressed).toBe(false);
  });

  it('sends the plan by id and title with the Remote URL typed for it, and shows a refusal', async () => {
    const api = createFakeClient();
    const store = createFitStore(api, () => undefined);
    const plan = { id: 2, title: 'Serve images from a Remote URL' } as FitPlan;
    store.getState().setRemoteUrl(2, ' https://cdn.example.com/g/ ');
    api.failNext('applyFit', 'FIT_PLAN_GONE', 'The plan is no longer offered');
    await store.getState().apply(plan);
    expect(api.calls.find((c) => c.method === 'applyFit')?.params).toEqual({ id: 2, title: plan.title, remoteUrl: 'https://cdn.example.com/g/' });
    expect(store.getState().error).toMatch(/no longer offered/);
    expect(store.getState().busy).toBe(false);
  });
});
