import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../shared/api.js';
import { createFakeClient } from '../api/fake-client.js';
import { connectStores, createStores } from './stores.js';

const done = (jobId: string, status: BuildResult['status']): BuildResult => ({
  jobId,
  status,
  exitCode: status === 'built' ? 0 : 1,
  outDir: '/games/demo/build/wechatgame',
  message: status,
  report: null,
});

describe('build store', () => {
  it('runs, shows progress, and ends with the result', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    connectStores(api, stores);
    await stores.build.getState().start();
    const { jobId } = stores.build.getState();
    expect(api.calls.find((c) => c.method === 'startBuild')?.params).toEqual({ jobId });
    expect(stores.build.getState().running).toBe(true);

    api.emit('build:progress', { jobId: jobId!, phase: 'write', files: 3, totalFiles: 10, bytes: 300, totalBytes: 1000 });
    expect(stores.build.getState().progress?.files).toBe(3);
    api.emit('build:done', done('other', 'built'));
    expect(stores.build.getState().running).toBe(true);
    api.emit('build:done', done(jobId!, 'built'));
    expect(stores.build.getState().running).toBe(false);
    expect(stores.build.getState().result?.status).toBe('built');
  });

  it('ignores progress from another job', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    connectStores(api, stores);
    await stores.build.getState().start();
    api.emit('build:progress', { jobId: 'other', phase: 'write', files: 9, totalFiles: 10, bytes: 900, totalBytes: 1000 });
    expect(stores.build.getState().progress).toBeNull();
  });

  it('cancels the running job by its id', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    connectStores(api, stores);
    await stores.build.getState().start();
    const { jobId } = stores.build.getState();
    await stores.build.getState().cancel();
    expect(api.calls.find((c) => c.method === 'cancelBuild')?.params).toEqual({ jobId });
    await expect.poll(() => stores.build.getState().result?.status).toBe('cancelled');
    expect(stores.build.getState().running).toBe(false);
  });

  it('sends a Cancel pressed while the build is still starting at once, without waiting for the reply', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    connectStores(api, stores);
    const starting = stores.build.getState().start();
    const { jobId } = stores.build.getState();
    await stores.build.getState().cancel();
    expect(api.calls.find((c) => c.method === 'cancelBuild')?.params).toEqual({ jobId });
    await starting;
    await expect.poll(() => stores.build.getState().result?.status).toBe('cancelled');
  });

  it('saves text edits still waiting for their debounce before it starts', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    await stores.project.getState().load();
    stores.project.getState().schedule({ remoteUrl: 'https://cdn.example.com/' }, 60_000);
    await stores.build.getState().start();
    const methods = api.calls.map((c) => c.method);
    expect(methods.indexOf('updateProject')).toBeGreaterThan(-1);
    expect(methods.indexOf('updateProject')).toBeLessThan(methods.indexOf('startBuild'));
  });

  it('says why a build could not start', async () => {
    const api = createFakeClient();
    const stores = createStores(api);
    api.failNext('startBuild', 'BUILD_RUNNING', 'A build is already running');
    await stores.build.getState().start();
    expect(stores.build.getState().running).toBe(false);
    expect(stores.build.getState().error).toMatch(/already running/);
  });
});
