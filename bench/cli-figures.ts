/**
 * The figures of issue 13, measured the way users run the studio: `minigame-studio` as a child
 * process (the bundle in dist/cli, rebuilt first so it is current), against the same work done
 * by the shell's own tools, alternating run by run with the disk settled before each.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { ms, type Figure } from './figure.js';
import { floorRuns, median, settleDisk, timeRuns } from './measure.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'minigame-studio.mjs');
const BUILD_FLAGS = ['--platform', 'wechat', '--md5-cache', '--remote-url', 'https://cdn.example.com/game/'];

/** Runs the CLI to the end; exit 0 or 3 (built) is a run, anything else stops the bench. */
function cli(args: readonly string[]): void {
  try {
    execFileSync(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 3) throw new Error(`bench: minigame-studio ${args.join(' ')} failed (exit ${status}): ${String((error as { stderr?: Buffer }).stderr ?? '')}`);
  }
}

const timeCommand = (command: () => void): Promise<number[]> => timeRuns(1, async () => command());

/** Startup: `--help` (answered before the engine loads) against bare `node -e 0`. */
export async function cliStartup(runs: number): Promise<Figure> {
  await buildCli();
  const nodes: number[] = [];
  const helps: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodes.push(...(await timeCommand(() => execFileSync(process.execPath, ['-e', '0']))));
    helps.push(...(await timeCommand(() => cli(['--help']))));
  }
  const node = median(nodes);
  const help = median(helps);
  return {
    id: 'P6',
    label: 'CLI startup: --help against node -e 0',
    target: 'near node -e 0',
    measured: `${ms(help)} (node -e 0: ${ms(node)})`,
    ratio: `${(help / node).toFixed(2)}×`,
    pass: help / node <= 1.5,
    raw: { helpMs: help, nodeMs: node, runs },
  };
}

/** P1-cli: a full CLI build from nothing (no OUT, no cache) against cp -r + sha1sum of the same tree. */
export async function cliFullBuild(dir: string, name: string, work: string, runs: number): Promise<{ figure: Figure; ms: number }> {
  const floorCopy = join(work, 'floor-copy-cli');
  const floors: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(join(dir, 'build'), { recursive: true, force: true });
    settleDisk();
    floors.push(...(await floorRuns(1, dir, floorCopy)));
    await rm(floorCopy, { recursive: true, force: true });
    settleDisk();
    builds.push(...(await timeCommand(() => cli(['build', dir, ...BUILD_FLAGS]))));
  }
  const floor = median(floors);
  const full = median(builds);
  return {
    ms: full,
    figure: {
      id: 'P1-cli',
      label: `full CLI build, MD5 Cache + Remote URL (${name})`,
      target: '≤ 1.0× floor',
      measured: `${ms(full)} (floor ${ms(floor)})`,
      ratio: `${(full / floor).toFixed(2)}×`,
      pass: full / floor <= 1.0,
      raw: { fullMs: full, floorMs: floor, runs, ...Object.fromEntries(builds.map((b, i) => [`run${i + 1}Ratio`, b / (floors[i] ?? b)])) },
    },
  };
}

/** P2-cli: one asset changes, then a CLI build from a cold process. */
export async function cliRebuild(dir: string, assets: readonly string[], runs: number, fullMs: number): Promise<Figure> {
  cli(['build', dir, ...BUILD_FLAGS]);
  let n = 0;
  const times: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < runs; i++) {
    await appendFile(join(dir, assets[(n++ * 89) % assets.length] ?? 'game.js'), `change ${n}\n`);
    settleDisk();
    times.push(...(await timeCommand(() => cli(['build', dir, ...BUILD_FLAGS]))));
    settleDisk();
    unchanged.push(...(await timeCommand(() => cli(['build', dir, ...BUILD_FLAGS]))));
  }
  const rebuildMs = median(times);
  return {
    id: 'P2-cli',
    label: 'CLI rebuild after one file changes (cold process)',
    target: '≤ 5 % of full CLI build',
    measured: `${ms(rebuildMs)} (nothing changed: ${ms(median(unchanged))})`,
    ratio: `${((rebuildMs / fullMs) * 100).toFixed(1)} %`,
    pass: rebuildMs / fullMs <= 0.05,
    raw: { rebuildMs, unchangedMs: median(unchanged), fullMs, runs },
  };
}
