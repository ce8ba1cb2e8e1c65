/** The five figures of issue 7, each measured against its target in the same run. */
import { execFileSync } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildProject } from '../electron/engine/index.js';
import { ms, type Figure } from './figure.js';
import type { ProjectShape } from './generate.js';
import { appRebuild } from './app-figures.js';
import { cliFullBuild, cliRebuild, cliStartup } from './cli-figures.js';
import { coldCheckFigure } from './cold-check-floor.js';
import { fitFigure } from './fit-bench.js';
import { liveLatency } from './live-latency.js';
import { editToPlay } from './edit-to-play.js';
import { simulateColdStart } from './simulate-figure.js';
import { floorRuns, median, settleDisk, timeRuns } from './measure.js';
import { measureRuntime } from './runtime-bench.js';

export type { Figure } from './figure.js';

type Key = 'large' | 'medium' | 'many';

interface Context {
  readonly work: string;
  readonly dirs: Readonly<Record<Key, string>>;
  readonly shapes: Readonly<Record<Key, ProjectShape>>;
  /** Logical paths of each project's files, as generated. */
  readonly paths: Readonly<Record<Key, readonly string[]>>;
  readonly quick: boolean;
}

const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/game/' } as const;

/** A build that the bench can trust: it must have written OUT. */
async function build(dir: string): Promise<void> {
  const outcome = await buildProject(dir, REMOTE);
  if (!outcome.built) {
    const codes = outcome.analysis.report.problems.map((p) => p.code).join(', ');
    throw new Error(`bench: the build of ${dir} wrote nothing (exit ${outcome.exitCode}: ${codes})`);
  }
}

export async function runScenarios(ctx: Context): Promise<Figure[]> {
  const runs = ctx.quick ? 3 : 5;
  const largeRuns = 3;
  const figures: Figure[] = [];

  process.stderr.write('P1 full build…\n');
  const full = await fullBuild(ctx, largeRuns);
  figures.push(full.figure);

  process.stderr.write('P2 rebuild after one change…\n');
  figures.push(await rebuild(ctx, runs, full.ms));

  process.stderr.write('P6 CLI startup…\n');
  figures.push(await cliStartup(ctx.quick ? 5 : 10));

  process.stderr.write('P1-cli full CLI build…\n');
  const cliFull = await cliFullBuild(ctx.dirs.large, ctx.shapes.large.name, ctx.work, largeRuns);
  figures.push(cliFull.figure);

  process.stderr.write('P2-cli CLI rebuild after one change…\n');
  figures.push(await cliRebuild(ctx.dirs.large, assetsOf(ctx), largeRuns, cliFull.ms));
  figures.push(await coldCheckFigure(ctx.dirs.large, runs, cliFull.ms));

  process.stderr.write('P2-app rebuild from the live analysis…\n');
  figures.push(...(await appRebuild(ctx.dirs.large, assetsOf(ctx), largeRuns, cliFull.ms)));

  process.stderr.write('P3 live report latency…\n');
  figures.push(await liveLatency(ctx.dirs.medium, ctx.shapes.medium.name, ctx.quick ? 10 : 30));

  process.stderr.write('F1 fit planner…\n');
  figures.push(await fitFigure(ctx.dirs.medium, ctx.shapes.medium.name, runs));

  process.stderr.write('P4 scan…\n');
  figures.push(scanFigure(ctx, runs));

  process.stderr.write('P5 runtime…\n');
  figures.push(...(await runtimeFigures(ctx)));

  process.stderr.write('E1 edit-to-play loop…\n');
  figures.push(await editToPlay(ctx.dirs.medium, ctx.shapes.medium.name, ctx.quick ? 3 : 10));
  process.stderr.write('S1 simulate cold start…\n');
  figures.push(await simulateColdStart(ctx.quick ? 3 : 7));
  return figures;
}

/**
 * P1: a build from nothing (no output, no cache) against cp -r + sha1sum of the same tree. The two
 * alternate, run by run, so a burst of load from elsewhere on the machine hits both alike, and each
 * starts with the disk's write-back settled.
 */
async function fullBuild(ctx: Context, runs: number): Promise<{ figure: Figure; ms: number }> {
  const buildDir = join(ctx.dirs.large, 'build');
  const floorCopy = join(ctx.work, 'floor-copy');
  const floors: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(buildDir, { recursive: true, force: true });
    await settleDisk();
    floors.push(...(await floorRuns(1, ctx.dirs.large, floorCopy)));
    await rm(floorCopy, { recursive: true, force: true });
    await settleDisk();
    builds.push(...(await timeRuns(1, () => build(ctx.dirs.large))));
  }
  const floor = median(floors);
  const full = median(builds);
  return {
    ms: full,
    figure: {
      id: 'P1',
      label: `full build, MD5 Cache + Remote URL (${ctx.shapes.large.name})`,
      target: '≤ 1.3× floor',
      measured: `${ms(full)} (floor ${ms(floor)})`,
      ratio: `${(full / floor).toFixed(2)}×`,
      pass: full / floor <= 1.3,
      raw: { fullMs: full, floorMs: floor, runs, ...Object.fromEntries(builds.map((b, i) => [`run${i + 1}Ratio`, b / (floors[i] ?? b)])) },
    },
  };
}

/**
 * P2: one asset changes, then a build as the command line runs it (a fresh engine: nothing kept
 * in memory between builds, so only what the build keeps on disk can help).
 */
async function rebuild(ctx: Context, runs: number, fullMs: number): Promise<Figure> {
  await build(ctx.dirs.large);
  const assets = assetsOf(ctx);
  let n = 0;
  const times = await timeRuns(
    runs,
    () => build(ctx.dirs.large),
    () => appendFile(join(ctx.dirs.large, assets[(n++ * 97) % assets.length] ?? 'game.js'), `change ${n}\n`),
  );
  const unchanged = median(await timeRuns(runs, () => build(ctx.dirs.large)));
  const rebuildMs = median(times);
  return {
    id: 'P2',
    label: 'rebuild after one file changes',
    target: '≤ 2 % of full build',
    measured: `${ms(rebuildMs)} (nothing changed: ${ms(unchanged)})`,
    ratio: `${((rebuildMs / fullMs) * 100).toFixed(1)} %`,
    pass: rebuildMs / fullMs <= 0.02,
    raw: { rebuildMs, unchangedMs: unchanged, fullMs, runs },
  };
}

/** The large project's non-script assets: the files a rebuild scenario changes. */
function assetsOf(ctx: Context): string[] {
  return ctx.paths.large.filter((path) => path.startsWith('assets/') && !path.endsWith('.js'));
}

/** P4: the scan in a process of its own, so its time and peak RSS are the engine's alone. */
function scanFigure(ctx: Context, runs: number): Figure {
  const scans = Array.from({ length: runs }, () => scanInChild(ctx.dirs.many));
  const scanMs = median(scans.map((s) => s.ms));
  const rss = median(scans.map((s) => s.peakRssBytes));
  const baseline = median(scans.map((s) => s.baselineRssBytes));
  return {
    id: 'P4',
    label: `scan of ${ctx.shapes.many.name} (${scans[0]?.files ?? 0} found)`,
    target: '≤ 1.5 s, peak RSS ≤ 200 MB',
    measured: `${ms(scanMs)}, peak RSS ${(rss / 1e6).toFixed(0)} MB (process at start ${(baseline / 1e6).toFixed(0)} MB)`,
    ratio: `${(scanMs / 1500).toFixed(2)}× of time budget`,
    pass: scanMs <= 1500 && rss <= 200e6,
    raw: { scanMs, peakRssBytes: rss, baselineRssBytes: baseline, files: scans[0]?.files ?? 0, runs },
  };
}

function scanInChild(dir: string): { ms: number; files: number; peakRssBytes: number; baselineRssBytes: number } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'scan-child.ts'), dir], { encoding: 'utf8' });
  return JSON.parse(output) as { ms: number; files: number; peakRssBytes: number; baselineRssBytes: number };
}

async function runtimeFigures(ctx: Context): Promise<Figure[]> {
  const runtime = await measureRuntime(ctx.quick ? 50 : 200);
  return [
    {
      id: 'P5',
      label: 'runtime: repeated loads, shared downloads',
      target: '0 extra requests; 30 loads → 1 request',
      measured: `${runtime.repeatRequests} extra, ${runtime.concurrentRequests} request(s)`,
      ratio: '—',
      pass: runtime.repeatRequests === 0 && runtime.concurrentRequests === 1,
      raw: { repeatRequests: runtime.repeatRequests, concurrentRequests: runtime.concurrentRequests },
    },
    {
      id: 'P5b',
      label: `runtime: ${runtime.files} small remote files, first load`,
      target: 'reported',
      measured: `${runtime.filesPerSecond.toFixed(0)} files/s (${ms(runtime.seconds * 1000)})`,
      ratio: '—',
      pass: null,
      raw: { filesPerSecond: runtime.filesPerSecond, files: runtime.files, ms: runtime.seconds * 1000 },
    },
  ];
}
