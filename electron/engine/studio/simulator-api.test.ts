/**
 * The StudioApi's simulator calls over real builds of the sample game, through dispatch as both
 * transports call them: start builds and serves the game on the simulator's own origin, a save in
 * the project rebuilds and loads a new run, stop and switching project close the server, and
 * params outside the device and network tables are refused.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatorLog, SimulatorState } from '../../../shared/simulator.js';
import { type Studio, type StudioOptions } from './create-studio.js';
import { dispatch } from './dispatch.js';
import { eventRecorder, makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;
let events: ReturnType<typeof eventRecorder>;

function open(extra: Partial<StudioOptions> = {}): Studio {
  return studioFor(work, { emit: events.emit, ...extra });
}

beforeEach(async () => {
  work = await makeWorkspace();
  events = eventRecorder();
  studio = open();
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

const start = async (params: unknown = {}): Promise<SimulatorState> => (await dispatch(studio, 'startSimulator', params)) as SimulatorState;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', () => done()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

describe('startSimulator', () => {
  it('builds the project and serves the game on a loopback origin of its own, with nothing of the studio in its URL', async () => {
    await studio.openProject({ dir: work.project });
    const state = await start();
    expect(state).toMatchObject({ status: 'running', run: 1, platform: 'wechat', network: 'wifi', gameOrientation: 'portrait', rotated: false });
    expect(state.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?run=1$/);
    expect(state.url).not.toMatch(/token/i);
    expect(state.screen).toEqual({ width: 375, height: 667, orientation: 'portrait' });
    expect(await dispatch(studio, 'getSimulator', {})).toEqual(state);

    const page = await fetch(state.url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Mini game simulator (wechat, iPhone 6/7/8)');
    // The build's files are there, and each read is in the log pushed to the renderer.
    const logged = events.next('simulator:log', (log) => log.requests.some((r) => r.path === 'game.js' && r.source === 'package' && r.status === 200));
    expect((await fetch(`${state.origin}/pkg/game.js`)).status).toBe(200);
    expect((await logged).run).toBe(1);
  });

  it('names a file the build left out, with the reason, and maps package addresses to file:line', async () => {
    // Written before the project opens: a write after it would reach the watcher later and start a new run (a save).
    await writeFile(join(work.project, 'images/notes.psd'), 'layers');
    await studio.openProject({ dir: work.project });
    const state = await start();
    const logged = events.next('simulator:log', (log: SimulatorLog) => log.requests.some((r) => r.path === 'images/notes.psd'));
    expect((await fetch(`${state.origin}/pkg/images/notes.psd`)).status).toBe(404);
    const log = await logged;
    const entry = log.requests.find((r) => r.path === 'images/notes.psd');
    expect(entry).toMatchObject({ source: 'package', status: 404 });
    expect(entry?.missing).toMatch(/\.psd is not on the WeChat Mini Game upload whitelist, so the build left it out/);
    expect(log.storage.quotaBytes).toBe(200 * 1024 * 1024);
  });

  it('takes the device, the turn and the network, and keeps them for the next start', async () => {
    await studio.openProject({ dir: work.project });
    const state = await start({ device: 'ipad', rotated: true, network: '3g' });
    expect(state).toMatchObject({ rotated: true, network: '3g', device: { name: 'ipad', width: 768, height: 1024 } });
    expect(state.screen).toEqual({ width: 1024, height: 768, orientation: 'landscape' });
    const html = await (await fetch(state.url as string)).text();
    expect(html).toContain('"width":1024,"height":768');
    const again = await start({ rotated: false });
    expect(again).toMatchObject({ run: 2, network: '3g', device: { name: 'ipad' }, screen: { width: 768, height: 1024 } });
  });

  it('refuses a device or network profile it does not have, and a turn that is not true or false', async () => {
    await studio.openProject({ dir: work.project });
    await expect(start({ device: 'nokia-3310' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', options: { field: 'device' } });
    await expect(start({ network: '5g' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', options: { field: 'network' } });
    await expect(start({ rotated: 'yes' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', options: { field: 'rotated' } });
    expect(((await dispatch(studio, 'getSimulator', {})) as SimulatorState).status).toBe('stopped');
  });

  it('says why when the build is refused, and serves nothing', async () => {
    await studio.openProject({ dir: work.project });
    // Over the 4 MiB main package limit: the report has an error, the build still writes (exit 3).
    // A missing entry is refused outright (exit 1).
    await writeFile(join(work.project, 'minigame-studio.json'), JSON.stringify({ entry: 'missing.js' }));
    await events.next('project:changed', (p) => p.effective !== undefined);
    const state = await start();
    expect(state.status).toBe('failed');
    expect(state.url).toBeNull();
    expect(state.message).toMatch(/The build was refused, so there is nothing to run: .*missing\.js/);
  });
});

describe('reload after a save', () => {
  it('rebuilds when a file changes in the game folder and loads a new run with the new file', async () => {
    await studio.openProject({ dir: work.project });
    const first = await start();
    expect((await fetch(`${first.origin}/pkg/levels2.js`)).status).toBe(404);
    const reloaded = events.next('simulator:changed', (s) => s.status === 'running' && s.run > first.run);
    await writeFile(join(work.project, 'levels2.js'), 'module.exports = 2;\n');
    const next = await reloaded;
    expect(next.url).toBe(`${first.origin}/?run=${next.run}`);
    expect(next.buildMs).toBeGreaterThanOrEqual(0);
    expect((await fetch(`${next.origin}/pkg/levels2.js`)).status).toBe(200);
    // A fresh log for the new run: the earlier 404 is not in it.
    const log = await events.next('simulator:log', (l) => l.run === next.run && l.requests.some((r) => r.path === 'levels2.js'));
    expect(log.requests.filter((r) => r.path === 'levels2.js').map((r) => r.status)).toEqual([200]);
  });

  it("serves the new build's bytes after a save, and a file the save removed answers 404 with its reason", async () => {
    await studio.openProject({ dir: work.project });
    const first = await start();
    const before = await (await fetch(`${first.origin}/pkg/levels.js`)).text();
    expect((await fetch(`${first.origin}/pkg/audio/pop.wav`)).status).toBe(200);
    const reloaded = events.next('simulator:changed', (s) => s.status === 'running' && s.run > first.run);
    const edited = `${before}\nmodule.exports.edited = 'after the save';\n`;
    await writeFile(join(work.project, 'levels.js'), edited);
    await rm(join(work.project, 'audio/pop.wav'));
    let next = await reloaded;
    // The two changes may reach the watcher as two saves: wait for the run that has both (the
    // latest one already published, else the next; checked and awaited in one step, so none slips by).
    const running = (): SimulatorState | undefined => events.of('simulator:changed').filter((s) => s.status === 'running').at(-1);
    while ((await fetch(`${next.origin}/pkg/audio/pop.wav`)).status !== 404) {
      const seen = running();
      next = seen && seen.run > next.run ? seen : await events.next('simulator:changed', (s) => s.status === 'running' && s.run > next.run);
    }
    expect(next.origin).toBe(first.origin);
    const served = await fetch(`${next.origin}/pkg/levels.js`);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.toString('utf8')).toBe(edited);
    const settings = (await dispatch(studio, 'getProject', {})) as { effective?: { outDir?: string } };
    expect(bytes.equals(await readFile(resolve(work.project, settings.effective?.outDir as string, 'levels.js')))).toBe(true);
    // The page of the new run lists the new build: no pop.wav.
    expect(await (await fetch(next.url as string)).text()).not.toContain('audio/pop.wav');
    // Any run from here on lacks it, and its log says why. A late re-check of the save may publish
    // one more run, whose log starts afresh: a request made as it is published is in neither, so
    // ask again in the newest run until one run's log has it.
    const has404 = (l: SimulatorLog): boolean => l.requests.some((r) => r.path === 'audio/pop.wav' && r.status === 404);
    let log: SimulatorLog | null = null;
    while (!log) {
      const current = running()!.run;
      const logged = events.next('simulator:log', (l) => l.run >= current && has404(l));
      const rerun = events.next('simulator:changed', (s) => s.status === 'running' && s.run > current).then(() => null);
      expect((await fetch(`${next.origin}/pkg/audio/pop.wav`)).status).toBe(404);
      log = await Promise.race([logged, rerun]);
    }
    expect(log.requests.find((r) => r.path === 'audio/pop.wav')).toMatchObject({ status: 404, missing: 'audio/pop.wav was requested, but it is not in the project' });
  });

  it("keeps a replaced page's late events out of the new run's log", async () => {
    await studio.openProject({ dir: work.project });
    const first = await start();
    const runOf = async (url: string): Promise<string> => /data-run="(\d+)"/.exec(await (await fetch(url)).text())?.[1] ?? 'none';
    const oldRun = await runOf(first.url as string);
    // A new run on the same server (a restart, as a save's reload does it, without the watcher's timing).
    const next = (await dispatch(studio, 'restartSimulator', {})) as SimulatorState;
    expect(next.origin).toBe(first.origin);
    const newRun = await runOf(next.url as string);
    expect(newRun).not.toBe(oldRun);
    const post = (run: string, text: string) =>
      fetch(`${next.origin}/__sim/events?run=${run}`, { method: 'POST', headers: { origin: next.origin as string }, body: JSON.stringify([{ type: 'console', level: 'log', text }]) });
    expect((await post(oldRun, 'from the old page')).status).toBe(204);
    expect((await post(newRun, 'from the new page')).status).toBe(204);
    const log = await events.next('simulator:log', (l) => l.run === next.run && l.console.some((c) => c.text === 'from the new page'));
    expect(log.console.map((c) => c.text)).not.toContain('from the old page');
  });

  it('restarts on the same port, and the Build button loads the new build too', async () => {
    const port = await freePort();
    await studio.close();
    studio = open({ simulator: { port, hostOrigins: () => ['http://127.0.0.1:4000'] } });
    await studio.openProject({ dir: work.project });
    const first = await start();
    expect(first.origin).toBe(`http://127.0.0.1:${port}`);
    // The page may be framed by the studio's page only.
    const page = await fetch(first.url as string);
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors http://127.0.0.1:4000');
    expect(await page.text()).toContain('"hostOrigins":["http://127.0.0.1:4000"]');

    const restarted = (await dispatch(studio, 'restartSimulator', {})) as SimulatorState;
    expect(restarted).toMatchObject({ status: 'running', run: 2, origin: `http://127.0.0.1:${port}` });

    const reloaded = events.next('simulator:changed', (s) => s.status === 'running' && s.run === 3);
    const done = events.next('build:done');
    await studio.startBuild({});
    expect(await done).toMatchObject({ status: 'built' });
    expect((await reloaded).origin).toBe(`http://127.0.0.1:${port}`);
  });
});

describe('stopSimulator', () => {
  it('closes the server, and switching project stops it too', async () => {
    await studio.openProject({ dir: work.project });
    const state = await start();
    await dispatch(studio, 'stopSimulator', {});
    expect(((await dispatch(studio, 'getSimulator', {})) as SimulatorState)).toMatchObject({ status: 'stopped', url: null });
    await expect(fetch(state.url as string)).rejects.toThrow();
    await expect(dispatch(studio, 'restartSimulator', {})).rejects.toMatchObject({ code: 'SIMULATOR_STOPPED' });

    const again = await start();
    const other = join(work.root, 'other');
    await mkdir(other);
    await writeFile(join(other, 'game.js'), 'console.log(1);\n');
    const stopped = events.next('simulator:changed', (s) => s.status === 'stopped');
    await studio.openProject({ dir: other });
    await stopped;
    await expect(fetch(again.url as string)).rejects.toThrow();
  });
});
