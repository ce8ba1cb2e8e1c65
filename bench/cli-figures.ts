/**
 * The figures of issue 13, measured the way users run the studio: `minigame-studio` as a child
 * process (the bundle in dist/cli, rebuilt first so it is current), against the same work done
 * by the shell's own tools, alternating run by run with the disk settled before each.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli } from '../scripts/build-cli.mjs';
import { ms, type Figure } from './figure.js';
import { generateProject } from './generate.js';
import { floorRuns, median, settleDisk, timeRuns } from './measure.js';
import { SHAPES } from './shapes.js';

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

/**
 * CPU time (user + system, ms) of the children this process has waited for, all threads and
 * grandchildren included (Linux: /proc/self/stat's cutime + cstime; elsewhere NaN). On a shared
 * machine it says what a run cost, where the wall time also says how busy the others were.
 */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", cutime and cstime are the 14th and 15th fields, in clock ticks (100 Hz on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Runs `run`, giving its wall time and the CPU time of the children it waited for. */
async function timed(run: () => Promise<number[]>): Promise<{ wall: number; cpu: number }> {
  const before = childrenCpuMs();
  const [wall] = await run();
  return { wall: wall ?? Number.NaN, cpu: childrenCpuMs() - before };
}

/** P1-cli: a full CLI build from nothing (no OUT, no cache) against cp -r + sha1sum of the same tree. */
export async function cliFullBuild(dir: string, name: string, work: string, runs: number): Promise<{ figure: Figure; ms: number }> {
  const floorCopy = join(work, 'floor-copy-cli');
  const floors: number[] = [];
  const builds: number[] = [];
  const floorCpu: number[] = [];
  const buildCpu: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(join(dir, 'build'), { recursive: true, force: true });
    await settleDisk();
    loads.push(loadavg()[0] ?? 0);
    const floorRun = await timed(() => floorRuns(1, dir, floorCopy));
    floors.push(floorRun.wall);
    floorCpu.push(floorRun.cpu);
    await rm(floorCopy, { recursive: true, force: true });
    await settleDisk();
    const buildRun = await timed(() => timeCommand(() => cli(['build', dir, ...BUILD_FLAGS])));
    builds.push(buildRun.wall);
    buildCpu.push(buildRun.cpu);
  }
  const floor = median(floors);
  const full = median(builds);
  const runRatios = builds.map((b, i) => [`run${i + 1}Ratio`, b / (floors[i] ?? b)]);
  return {
    ms: full,
    figure: {
      id: 'P1-cli',
      label: `full CLI build, MD5 Cache + Remote URL (${name})`,
      target: '≤ 1.0× floor',
      measured: `${ms(full)} (floor ${ms(floor)})`,
      ratio: `${(full / floor).toFixed(2)}×`,
      pass: full / floor <= 1.0,
      raw: {
        fullMs: full,
        floorMs: floor,
        runs,
        ...Object.fromEntries(runRatios),
        fullCpuMs: median(buildCpu),
        floorCpuMs: median(floorCpu),
        loadAverage1m: median(loads),
      },
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
    await settleDisk();
    times.push(...(await timeCommand(() => cli(['build', dir, ...BUILD_FLAGS]))));
    await settleDisk();
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

/**
 * P1-cli alone: `npx tsx bench/cli-figures.ts [--runs 3] [--dir DIR]`. DIR holds the bench's
 * 5,000-file / 500 MB project (`tsx bench/one-build.ts generate DIR large`), else one is generated
 * in a temporary folder and removed after. Prints each run (wall and CPU, build and floor) and the
 * figure as JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, dir: { type: 'string' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a whole number of runs, at least 1 (got ${values.runs})`);
  await buildCli();
  const work = await mkdtemp(join(tmpdir(), 'mgs-p1-cli-'));
  try {
    const dir = values.dir ?? join(work, 'large');
    if (!values.dir) await generateProject(dir, SHAPES.full.large, 7);
    const { figure } = await cliFullBuild(dir, SHAPES.full.large.name, work, runs);
    process.stdout.write(`${JSON.stringify(figure, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
