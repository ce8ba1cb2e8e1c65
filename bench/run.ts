/**
 * `npm run bench [-- --quick]`: builds deterministic synthetic projects in a temp folder and measures
 * the studio against the physical floor measured in the same run (cp -r + sha1sum). Prints a table
 * and writes bench/results.json (bench/results-quick.json with --quick). Targets are ratios or
 * bounds from issue 7 (P) and issue 10 (R, the runtime under storage pressure); they are reported,
 * never asserted in `npm test`. A missed target does not
 * fail the command (the machines are shared and noisy); a scenario that can't run (a build that
 * writes nothing, a crash) does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateProject } from './generate.js';
import { SHAPES } from './shapes.js';
import { runScenarios, type Figure } from './scenarios.js';
import { runtimePressureFigures } from './runtime-pressure.js';
import { optimizeFigures } from './optimize.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick ?? false;

const shapes = SHAPES[quick ? 'quick' : 'full'];

const work = await mkdtemp(join(tmpdir(), 'mgs-bench-'));
try {
  const started = performance.now();
  // The machine may be shared: its load before and after says how far to trust the figures.
  const loadBefore = loadavg()[0] ?? 0;
  const dirs = { large: join(work, 'large'), medium: join(work, 'medium'), many: join(work, 'many') };
  const paths: Record<keyof typeof shapes, string[]> = { large: [], medium: [], many: [] };
  for (const key of Object.keys(shapes) as (keyof typeof shapes)[]) {
    process.stderr.write(`generating ${shapes[key].name}…\n`);
    paths[key] = await generateProject(dirs[key], shapes[key], 7);
  }
  const figures = await runScenarios({ work, dirs, shapes, paths, quick });
  process.stderr.write('R runtime under storage pressure…\n');
  figures.push(...(await runtimePressureFigures(quick)));
  process.stderr.write('O image compression, cold and warm…\n');
  figures.push(...(await optimizeFigures(work, quick)));
  printTable(figures);
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      memoryBytes: totalmem(),
      freeBytes: freemem(),
      kernel: release(),
      node: process.version,
      loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? 0 },
    },
    seconds: Math.round((performance.now() - started) / 1000),
    figures,
  };
  // The quick run (CI) keeps its own file, so it never overwrites the full run's recorded figures.
  const file = quick ? 'results-quick.json' : 'results.json';
  await writeFile(join(import.meta.dirname, file), JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`wrote bench/${file} (${results.seconds} s in all)\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}

function printTable(figures: readonly Figure[]): void {
  const rows = [['figure', 'target', 'measured', 'ratio', 'result'], ...figures.map((f) => [f.id + ' ' + f.label, f.target, f.measured, f.ratio, f.pass === null ? 'info' : f.pass ? 'pass' : 'MISS'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}
