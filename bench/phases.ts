/**
 * Where a build's time goes, stage by stage (for docs/benchmarks.md and for profiling):
 *   tsx bench/phases.ts DIR full      from nothing (removes DIR/build first)
 *   tsx bench/phases.ts DIR rebuild   after one asset changes
 * DIR is a project made by `tsx bench/one-build.ts generate DIR large`.
 */
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openOutput, stageCopies, writeOutput } from '../electron/engine/build.js';
import { createHashCache } from '../electron/engine/hash-cache.js';
import { readBuildCache } from '../electron/engine/output/build-cache.js';
import { layoutOutput } from '../electron/engine/output/layout.js';
import { planProject } from '../electron/engine/plan.js';
import { buildReport } from '../electron/engine/report.js';
import { scan } from '../electron/engine/scan.js';
import { resolveSettings } from '../electron/engine/settings.js';

const [dir, mode = 'rebuild'] = process.argv.slice(2);
if (!dir) throw new Error('usage: phases.ts DIR full|rebuild');
if (mode === 'full') await rm(join(dir, 'build'), { recursive: true, force: true });
else await appendFile(join(dir, 'assets/set0/probe.png'), 'x');

const laps: string[] = [];
const start = performance.now();
let last = start;
// CPU time of every thread (main, workers, libuv's pool), beside the wall time: on a shared
// machine the wall time says more about the other processes than about the stage.
let lastCpu = process.cpuUsage();
const lap = (name: string): void => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  laps.push(`${name} ${(now - last).toFixed(0)} (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)})`);
  last = now;
  lastCpu = process.cpuUsage();
};
const settings = await resolveSettings(dir, { md5Cache: true, remoteUrl: 'https://cdn.example.com/game/' });
lap('settings');
const inventory = await scan(settings.sourceDir);
lap('scan');
const hashes = createHashCache();
const saved = await readBuildCache(settings.sourceDir, settings.outDir);
hashes.remember(saved?.hashes ?? []);
lap('read-cache');
const plan = await planProject(settings, inventory);
lap('plan');
// The ownership checks, the lock, the recovery of a killed build, the temporary folder.
const session = await openOutput(settings, { saved });
// As buildProject does: the copies run while the layout hashes, so 'write' is what is left of them.
stageCopies(session, plan);
lap('open-output');
const layout = await layoutOutput(plan, hashes);
lap('layout+hash');
const report = buildReport(plan, layout);
lap('report');
try {
  await writeOutput(plan, layout, report, { hashes, session });
} finally {
  await session.close();
}
lap('write');
const cpu = process.cpuUsage();
process.stdout.write(`${mode}: ${laps.join(', ')}; total ${(performance.now() - start).toFixed(0)} ms (cpu user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}); files read for hashing ${hashes.reads}\n`);
