/**
 * `npx tsx bench/edit-to-play-run.ts [--quick]`: E1 alone (the full bench runs it too), on a freshly
 * generated 10,000-file project (1,000 with --quick), written to bench/results-edit-to-play.json
 * (bench/results-edit-to-play-quick.json with --quick) with the machine and its load.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { editToPlay } from './edit-to-play.js';
import { generateProject } from './generate.js';
import { SHAPES } from './shapes.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, samples: { type: 'string' } } });
const quick = values.quick ?? false;
const shape = SHAPES[quick ? 'quick' : 'full'].medium;
const work = await mkdtemp(join(tmpdir(), 'mgs-bench-e1-'));
try {
  const loadBefore = loadavg()[0] ?? 0;
  process.stderr.write(`generating ${shape.name}…\n`);
  const dir = join(work, 'medium');
  await generateProject(dir, shape, 7);
  process.stderr.write('E1 edit-to-play loop…\n');
  const figure = await editToPlay(dir, shape.name, Number(values.samples ?? (quick ? 3 : 10)));
  console.log(`${figure.id} ${figure.label}\n  target ${figure.target}\n  ${figure.measured}\n  ${figure.pass ? 'pass' : 'MISS'}`);
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryBytes: totalmem(), kernel: release(), node: process.version, loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? 0 } },
    figures: [figure],
  };
  const file = quick ? 'results-edit-to-play-quick.json' : 'results-edit-to-play.json';
  await writeFile(join(import.meta.dirname, file), JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`wrote bench/${file}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
