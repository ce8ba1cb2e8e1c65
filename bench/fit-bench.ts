/**
 * F1: the fit planner on the 10,000-file project, which is over the main package's limit (100 MB
 * of assets, no Remote URL). Times planFit alone, after the analysis it plans from, as the app
 * calls it on its live report: the first plan (the text files read, the movable files hashed for
 * the Remote URL's layout) and the next ones (everything cached, as after each change).
 * Alone: `npx tsx bench/fit-bench.ts [DIR]` (writes bench/results-fit.json; DIR from `npx tsx bench/one-build.ts generate DIR medium`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { planFit } from '../electron/engine/fit/planner.js';
import { analyseProject, createHashCache } from '../electron/engine/index.js';
import { ms, type Figure } from './figure.js';
import { generateProject } from './generate.js';
import { median } from './measure.js';
import { SHAPES } from './shapes.js';

export async function fitFigure(dir: string, name: string, runs: number): Promise<Figure> {
  const hashes = createHashCache();
  const t0 = performance.now();
  const analysis = await analyseProject(dir, {}, { hashes });
  const analysisMs = performance.now() - t0;
  const t1 = performance.now();
  const first = await planFit(analysis, { hashes });
  const firstMs = performance.now() - t1;
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await planFit(analysis, { hashes });
    again.push(performance.now() - t);
  }
  const warm = median(again);
  if (!first.pressed || first.plans.length === 0) throw new Error(`bench: the fit planner made no plan for ${dir}`);
  return {
    id: 'F1',
    label: `fit planner, ${first.plans.length} plans (${name})`,
    target: '< 1 s',
    measured: `${ms(warm)} (first: ${ms(firstMs)}; its analysis ${ms(analysisMs)})`,
    ratio: `${(warm / 1000).toFixed(2)}× of time budget`,
    pass: warm < 1000,
    raw: { warmMs: warm, firstMs, analysisMs, plans: first.plans.length, fitting: first.plans.filter((p) => p.fits).length, runs },
  };
}

/** Alone: generates the 10,000-file project (or uses DIR), measures, writes bench/results-fit.json. */
async function main(): Promise<void> {
  const given = process.argv[2];
  const work = given ? null : await mkdtemp(join(tmpdir(), 'mgs-fit-bench-'));
  const dir = given ?? join(work as string, 'medium');
  try {
    if (!given) await generateProject(dir, SHAPES.full.medium, 7);
    const loadBefore = loadavg()[0] ?? 0;
    const figure = await fitFigure(dir, SHAPES.full.medium.name, 5);
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version, loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? 0 } },
      figures: [figure],
    };
    await writeFile(join(import.meta.dirname, 'results-fit.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`${figure.id} ${figure.label}: ${figure.measured} (target ${figure.target})`);
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
