/**
 * P2-cli and P2-app alone, on the 5,000-file / 500 MB project (the full bench's `large`):
 *
 *   npx tsx bench/p2-run.ts [--only cli|app] [--runs N] [--full-ms MS] [--dir DIR]
 *
 * The ratio is against the full CLI build: `--full-ms`, else P1-cli of the last full run in
 * bench/results.json (measuring P1-cli again takes minutes). `--dir` reuses a project made by
 * `npx tsx bench/one-build.ts generate DIR large` (else one is generated in a temp folder and
 * removed afterwards). Prints each figure with the load average before and after.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRebuild } from './app-figures.js';
import { cliRebuild } from './cli-figures.js';
import { generateProject } from './generate.js';
import { SHAPES } from './shapes.js';
import { buildCli } from '../scripts/build-cli.mjs';

const { values } = parseArgs({
  options: { only: { type: 'string' }, runs: { type: 'string', default: '5' }, 'full-ms': { type: 'string' }, dir: { type: 'string' } },
});
if (values.only !== undefined && values.only !== 'cli' && values.only !== 'app') throw new Error('bench: --only takes cli or app');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('bench: --runs takes a whole number of runs, 1 or more');

async function recordedFullMs(): Promise<number> {
  const results = JSON.parse(await readFile(join(import.meta.dirname, 'results.json'), 'utf8')) as { figures: { id: string; raw?: { fullMs?: number } }[] };
  const fullMs = results.figures.find((figure) => figure.id === 'P1-cli')?.raw?.fullMs;
  if (!fullMs) throw new Error('bench: bench/results.json has no P1-cli; pass --full-ms');
  return fullMs;
}

const fullMs = values['full-ms'] ? Number(values['full-ms']) : await recordedFullMs();
const work = values.dir ? null : await mkdtemp(join(tmpdir(), 'mgs-p2-'));
const dir = values.dir ?? join(work as string, 'large');
try {
  const shape = SHAPES.full.large;
  // The same paths as the full bench's (same seed); generating again over DIR writes the same bytes.
  const paths = await generateProject(dir, shape, 7);
  const assets = paths.filter((path) => path.startsWith('assets/') && !path.endsWith('.js'));
  const load = (): string => (loadavg()[0] ?? 0).toFixed(1);
  if (values.only !== 'app') {
    await buildCli();
    const before = load();
    const figure = await cliRebuild(dir, assets, runs, fullMs);
    process.stdout.write(`${figure.id}: ${figure.measured}, ${figure.ratio} of ${fullMs.toFixed(0)} ms (load ${before} → ${load()}, ${runs} runs)\n`);
  }
  if (values.only !== 'cli') {
    const before = load();
    for (const figure of await appRebuild(dir, assets, runs, fullMs)) {
      process.stdout.write(`${figure.id}: ${figure.measured}, ${figure.ratio} of ${fullMs.toFixed(0)} ms (load ${before} → ${load()}, ${runs} runs)\n`);
    }
  }
} finally {
  if (work) await rm(work, { recursive: true, force: true });
}
