/**
 * Subpackages in `simulate`: preDownloadSubpackage (a task with progress, no code run), a cold
 * start into an independent subpackage (--subpackage NAME: only its files until __GAME__), and the
 * cold start's main-package download on the timeline at the network profile's speed.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../index.js';
import { findNetworkProfile } from './network-profiles.js';
import { runHeadless } from './run-headless.js';
import { copyProject, FIXTURES, removeProjects, simulate } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

describe('simulate: subpackages', () => {
  it('preDownloadSubpackage reports progress to the subpackage bytes, runs nothing, and loadSubpackage then runs the entry', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const { analysis } = await buildProject(dir, { platform: 'wechat' });
    const stageBytes = analysis.report.packages.find((p) => p.name === 'stage')?.bytes;
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--network', '3g']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] main: game.js ran; util util',
        `[log] preDownload stage: preDownloadSubpackage:ok; several progress events, last {"progress":100,"totalBytesWritten":${stageBytes},"totalBytesExpectedToWrite":${stageBytes}}`,
        '[log] stage entry before load: undefined',
        '[log] load stage: entry ran',
        '[log] preDownload nope: preDownloadSubpackage:fail subpackage nope not found',
      ]),
    );
  });

  it('offline, a subpackage fails to download and to load, and the game goes on', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--network', 'offline']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] preDownload stage failed: preDownloadSubpackage:fail network error (simulated: offline)',
        '[log] load stage failed: loadSubpackage:fail network error (simulated: offline)',
      ]),
    );
    expect(run.json.requests).not.toContainEqual(expect.objectContaining({ path: 'stage/game.js', status: 200 }));
  });

    it('--subpackage starts in the independent subpackage: the main package is refused until __GAME__ loads it', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--subpackage', 'share']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const lines = run.json.console;
    expect(lines).toContain('[log] share: started; main file refused (1300002); main script not defined; mainRan undefined');
    expect(lines).toContain('[log] share: __GAME__ loadSubpackage:ok; mainRan true; main file { "level": 1 }');
    expect(lines.indexOf('[log] main: game.js ran; util util')).toBeGreaterThan(lines.indexOf('[log] share: started; main file refused (1300002); main script not defined; mainRan undefined'));
    expect(run.json.requests).toEqual(
      expect.arrayContaining([
        { path: 'share/game.js', source: 'subpackage', status: 200 },
        { path: 'data/main.json', source: 'package', status: 403 },
        { path: 'data/main.json', source: 'package', status: 200 },
      ]),
    );
  });

  it('--subpackage names only an independent subpackage', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--subpackage', 'stage']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--subpackage stage: only an independent subpackage can be started on its own; the independent subpackages are share.');
  });

  it('the cold start downloads the main package at the profile speed before game.js runs, on the timeline', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'independent'));
    const { analysis } = await buildProject(dir, { platform: 'wechat' });
    const mainBytes = analysis.report.packages.find((p) => p.name === '__GAME__')?.bytes ?? 0;
    const result = await runHeadless({ outDir: analysis.settings.outDir, platform: 'wechat', seconds: 0.5, network: '3g' });
    const download = result.timeline.find((t) => t.kind === 'download');
    const match = /^__GAME__: (\d+) bytes in (\d+) ms$/.exec(download?.detail ?? '');
    expect(Number(match?.[1])).toBe(mainBytes);
    // At least the time 3g gives those bytes (the wait is a timer: it cannot be shorter).
    const g3 = findNetworkProfile('3g')!;
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(Math.floor(g3.latencyMs + (mainBytes / g3.bytesPerSecond) * 1000) - 2);
    const kinds = result.timeline.map((t) => t.kind);
    expect(kinds.indexOf('download')).toBeLessThan(kinds.indexOf('first-frame'));
    expect(kinds[0]).toBe('start');
  });
});
