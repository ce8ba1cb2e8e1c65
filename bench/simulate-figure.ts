/**
 * S1: cold start to first frame of the sample game in `simulate`, run the way a user runs it:
 * `minigame-studio simulate` as a child process (the bundle in dist/cli, rebuilt first so it is
 * current) on a copy of resources/sample-game that is already built, so each run's build step is
 * the incremental check. Reported: the page's own first frame (from navigation start, as the
 * simulator's firstFrameMs counts it: the platform script, the main package's download on the wifi
 * profile and game.js), and the whole command, from spawn to exit (the build check, Chromium's
 * launch, one second of play, the screenshot). `npx tsx bench/simulate-figure.ts [--quick]` runs it
 * alone and puts it into bench/results.json (results-quick.json with --quick).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildCli } from '../scripts/build-cli.mjs';
import { ms, type Figure } from './figure.js';
import { median } from './measure.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'minigame-studio.mjs');
const SAMPLE = join(import.meta.dirname, '..', 'resources', 'sample-game');

async function simulateOnce(dir: string): Promise<{ firstFrameMs: number; wallMs: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [BIN, 'simulate', dir, '--platform', 'wechat', '--seconds', '1', '--json'], { maxBuffer: 16 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const result = JSON.parse(stdout) as { ok: boolean; firstFrameMs: number | null; errors: unknown[] };
  if (!result.ok || result.firstFrameMs === null) throw new Error(`bench: the sample game did not start in simulate: ${stdout.slice(0, 2000)}`);
  return { firstFrameMs: result.firstFrameMs, wallMs };
}

export async function simulateColdStart(runs: number): Promise<Figure> {
  await buildCli();
  const dir = await mkdtemp(join(tmpdir(), 'mgs-bench-sim-'));
  try {
    await cp(SAMPLE, dir, { recursive: true });
    // The first run builds OUT; it is not counted.
    await simulateOnce(dir);
    const samples: { firstFrameMs: number; wallMs: number }[] = [];
    for (let i = 0; i < runs; i++) samples.push(await simulateOnce(dir));
    const firstFrame = median(samples.map((s) => s.firstFrameMs));
    const wall = median(samples.map((s) => s.wallMs));
    return {
      id: 'S1',
      label: 'simulate: cold start to first frame, sample game (CLI child process)',
      target: 'reported',
      measured: `first frame ${ms(firstFrame)} after navigation; whole command ${ms(wall)} (1 s of play)`,
      ratio: '',
      pass: null,
      raw: { firstFrameMs: firstFrame, wallMs: wall, runs, ...Object.fromEntries(samples.map((s, i) => [`run${i + 1}FirstFrameMs`, s.firstFrameMs])) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const loadBefore = loadavg()[0] ?? 0;
  const figure = await simulateColdStart(quick ? 3 : 7);
  console.log(`${figure.id} ${figure.label}: ${figure.measured}`);
  const file = join(import.meta.dirname, quick ? 'results-quick.json' : 'results.json');
  const results = JSON.parse(await readFile(file, 'utf8').catch(() => '{"figures":[]}')) as { figures: Figure[]; simulateLoadAverage1m?: unknown };
  results.figures = [...results.figures.filter((f) => f.id !== 'S1'), figure];
  results.simulateLoadAverage1m = { before: loadBefore, after: loadavg()[0] ?? 0, date: new Date().toISOString() };
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`wrote S1 into bench/${quick ? 'results-quick.json' : 'results.json'}\n`);
}
