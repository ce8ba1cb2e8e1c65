/**
 * An in-memory StudioClient for store tests and UI work without an engine: it keeps a project
 * file and preferences, answers like the engine would in shape (not in rules), and lets a test
 * push events with `emit`. `failNext` makes the next call of a method reject like the engine does.
 */
import type { BuildResult, Preferences, ProjectState, StudioEventName, StudioEvents, ToolResult } from '../../../shared/api.js';
import type { ProjectFile } from '../../../shared/project-file.js';
import { DEVICES, type SimulatorState } from '../../../shared/simulator.js';
import { StudioCallError, type StudioClient } from './client.js';

export interface FakeClient extends StudioClient {
  emit<E extends StudioEventName>(event: E, payload: StudioEvents[E]): void;
  failNext(method: string, code: string, message: string, field?: string): void;
  readonly calls: { method: string; params: unknown }[];
  projectFile(): ProjectFile;
  toolResult: ToolResult;
}

export function fakeProjectState(dir: string, projectFile: ProjectFile = {}): ProjectState {
  const platform = projectFile.platform ?? 'wechat';
  return {
    dir,
    name: dir.split('/').pop() ?? dir,
    isSample: false,
    projectFile,
    effective: {
      platform,
      appid: projectFile[platform]?.appid ?? '',
      orientation: projectFile.orientation ?? 'portrait',
      profile: projectFile.profile ?? `${platform}-current`,
      md5Cache: projectFile.md5Cache ?? false,
      remoteUrl: projectFile.remoteUrl ?? '',
      keepInPackage: projectFile.keepInPackage ?? [],
      exclude: projectFile.exclude ?? [],
      outDir: `${dir}/build/${platform === 'wechat' ? 'wechatgame' : 'alipay'}`,
      subpackages: (projectFile.subpackages ?? []).map((s) => ({ name: s.name, root: s.root, independent: s.independent === true })),
      openDataContext: projectFile.openDataContext || null,
    },
    folders: [],
    report: null,
    error: null,
    tree: [],
  };
}

/** A simulator state of the shape the engine sends (stopped, or running on a made-up origin). */
export function fakeSimulatorState(status: SimulatorState['status'] = 'stopped', run = 0): SimulatorState {
  const device = DEVICES[0] as SimulatorState['device'];
  const origin = status === 'running' ? 'http://127.0.0.1:9100' : null;
  return {
    status,
    url: origin ? `${origin}/?run=${run}` : null,
    origin,
    run,
    platform: 'wechat',
    device,
    gameOrientation: 'portrait',
    screen: { width: device.width, height: device.height, orientation: 'portrait' },
    rotated: false,
    network: 'wifi',
    message: '',
    buildMs: null,
  };
}

export function createFakeClient(dir = '/games/demo'): FakeClient {
  let file: ProjectFile = {};
  let prefs: Preferences = { wechatDevtoolsPath: '', alipayIdePath: '', uploadKeys: {}, recentProjects: [] };
  let currentDir = dir;
  let job = 0;
  let simulator = fakeSimulatorState();
  const failures = new Map<string, StudioCallError>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { method: string; params: unknown }[] = [];

  const answer = async <T>(method: string, params: unknown, run: () => T): Promise<T> => {
    calls.push({ method, params });
    await Promise.resolve();
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      throw failure;
    }
    return run();
  };

  const client: FakeClient = {
    mode: 'fake',
    calls,
    toolResult: { action: 'play', ok: true, failure: null, message: 'Opened', qrDataUrl: null, qrPath: null, lastLines: [] },
    pathForFile: () => null,
    projectFile: () => file,
    emit(event, payload) {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
    failNext(method, code, message, field) {
      failures.set(method, new StudioCallError(code, message, field));
    },
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb as (payload: unknown) => void);
      return () => set.delete(cb as (payload: unknown) => void);
    },
    openProject: (p) =>
      answer('openProject', p, () => {
        currentDir = p.dir;
        file = {};
        prefs = { ...prefs, recentProjects: [p.dir, ...prefs.recentProjects.filter((d) => d !== p.dir)] };
        return fakeProjectState(currentDir, file);
      }),
    getProject: (p) => answer('getProject', p, () => fakeProjectState(currentDir, file)),
    updateProject: (p) =>
      answer('updateProject', p, () => {
        file = { ...file, ...p.patch };
        return fakeProjectState(currentDir, file);
      }),
    startBuild: (p) => answer('startBuild', p, () => ({ jobId: p.jobId ?? `job-${++job}` })),
    cancelBuild: (p) =>
      answer('cancelBuild', p, () => {
        const result: BuildResult = { jobId: p.jobId, status: 'cancelled', exitCode: 1, outDir: '', message: 'Cancelled', report: null };
        queueMicrotask(() => client.emit('build:done', result));
      }),
    revealOutput: (p) => answer('revealOutput', p, () => ({ outDir: `${currentDir}/build/wechatgame` })),
    getPreferences: (p) => answer('getPreferences', p, () => prefs),
    setPreferences: (p) =>
      answer('setPreferences', p, () => {
        const uploadKeys = Object.fromEntries(Object.entries({ ...prefs.uploadKeys, ...p.patch.uploadKeys }).filter(([, path]) => path !== ''));
        prefs = { ...prefs, ...p.patch, uploadKeys };
        return prefs;
      }),
    locateTools: (p) => answer('locateTools', p, () => []),
    runTool: (p) => answer('runTool', p, () => ({ ...client.toolResult, action: p.action })),
    cancelTool: (p) => answer('cancelTool', p, () => undefined),
    setServeRemote: (p) => answer('setServeRemote', p, () => ({ enabled: p.enabled, url: p.enabled ? 'http://127.0.0.1:9000/' : null })),
    getHistory: (p) => answer('getHistory', p, () => ({ platform: 'wechat' as const, points: [], skipped: [] })),
    diffHistory: (p) =>
      answer('diffHistory', p, () => {
        throw new Error(`No build ${p.before} in the fake history`);
      }),
    startSimulator: (p) => answer('startSimulator', p, () => (simulator = fakeSimulatorState('running', simulator.run + 1))),
    restartSimulator: (p) => answer('restartSimulator', p, () => (simulator = fakeSimulatorState('running', simulator.run + 1))),
    stopSimulator: (p) =>
      answer('stopSimulator', p, () => {
        simulator = fakeSimulatorState('stopped', simulator.run);
      }),
    getSimulator: (p) => answer('getSimulator', p, () => simulator),
    getFit: (p) =>
      answer('getFit', p, () => ({
        answer: { platform: 'wechat', current: { packages: [], total: { bytes: 0, limitBytes: 0, budgetBytes: null, status: 'ok' as const }, remoteBytes: 0 }, pressed: false, summary: [], plans: [], left: null },
        applied: null,
      })),
    applyFit: (p) =>
      answer('applyFit', p, () => {
        throw new Error(`No plan ${p.id} in the fake studio`);
      }),
    undoFit: (p) => answer('undoFit', p, () => fakeProjectState(currentDir, file)),
    previewImage: (p) =>
      answer('previewImage', p, () => {
        throw new Error(`No preview of ${p.path} in the fake client`);
      }),
  };
  return client;
}
