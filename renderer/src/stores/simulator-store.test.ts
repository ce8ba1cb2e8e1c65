/** The simulator view's store: it shows the engine's session and the current run's log, nothing older. */
import { describe, expect, it } from 'vitest';
import type { SimulatorLog } from '../../../shared/simulator.js';
import { createFakeClient, fakeSimulatorState } from '../api/fake-client.js';
import { connectStores, createStores } from './stores.js';

const logOf = (run: number, path: string): SimulatorLog => ({
  run,
  requests: [{ path, source: 'package', status: 200, count: 1 }],
  missing: [],
  console: [],
  errors: [],
  unsupported: [],
  timeline: [],
  firstFrameMs: null,
  storage: { usedBytes: null, quotaBytes: 100 },
});

describe('simulator store', () => {
  it('opens the view on Run in studio and closes it (stopping the engine’s session) on close', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    await stores.simulator.getState().start({ device: 'ipad' });
    expect(stores.simulator.getState()).toMatchObject({ open: true, state: { status: 'running', run: 1 } });
    expect(api.calls.filter((c) => c.method === 'startSimulator').map((c) => c.params)).toEqual([{ device: 'ipad' }]);
    await stores.simulator.getState().stop();
    expect(stores.simulator.getState().open).toBe(false);
    expect(api.calls.at(-1)?.method).toBe('stopSimulator');
  });

  it('follows the engine’s runs from events, never going back, and drops the log of an earlier run', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    const disconnect = connectStores(api, stores);
    api.emit('simulator:changed', fakeSimulatorState('running', 2));
    api.emit('simulator:log', logOf(2, 'game.js'));
    expect(stores.simulator.getState().log?.requests[0]?.path).toBe('game.js');
    api.emit('simulator:changed', fakeSimulatorState('running', 1));
    expect(stores.simulator.getState().state?.run).toBe(2);
    api.emit('simulator:changed', fakeSimulatorState('running', 3));
    // A new run starts with no log; the previous run's late log is not shown as this one's.
    expect(stores.simulator.getState().log).toBeNull();
    api.emit('simulator:log', logOf(2, 'late.js'));
    expect(stores.simulator.getState().log).toBeNull();
    api.emit('simulator:log', logOf(3, 'levels.js'));
    expect(stores.simulator.getState().log?.requests[0]?.path).toBe('levels.js');
    disconnect();
  });

  it('shows the engine’s refusal when Run in studio cannot start', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    api.failNext('startSimulator', 'PORT_IN_USE', 'The simulator’s port 4100 is taken by another program');
    await stores.simulator.getState().start();
    expect(stores.simulator.getState()).toMatchObject({ open: true, error: expect.stringContaining('port 4100 is taken') });
  });
});
