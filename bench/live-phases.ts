/**
 * Where the live report's time goes on one project (for docs/benchmarks.md and profiling):
 * write-to-event latencies with the watcher, then the cost of each stage of one re-analysis.
 *   tsx bench/live-phases.ts DIR      (DIR from `tsx bench/one-build.ts generate DIR medium`)
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHashCache } from '../electron/engine/hash-cache.js';
import { createLiveProject } from '../electron/engine/live/index.js';
import { layoutOutput } from '../electron/engine/output/layout.js';
import { planProject } from '../electron/engine/plan.js';
import { buildReport } from '../electron/engine/report.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: live-phases.ts DIR');
const probe = join(dir, 'assets/live-probe.bin');
await writeFile(probe, Buffer.alloc(1000));
let notify: (() => void) | null = null;
const live = await createLiveProject(dir, { onChange: () => notify?.() });
const latencies: number[] = [];
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    notify = resolve;
    void appendFile(probe, 'x');
  });
  latencies.push(performance.now() - start);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.stdout.write(`write → report event (ms): ${latencies.map((ms) => ms.toFixed(0)).join(' ')}\n`);
const { settings, inventory } = live.current();
const hashes = createHashCache();
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const plan = await planProject(settings, inventory);
  const t1 = performance.now();
  const layout = await layoutOutput(plan, hashes, { tolerateUnreadable: true });
  const t2 = performance.now();
  buildReport(plan, layout);
  const t3 = performance.now();
  process.stdout.write(`plan ${(t1 - t0).toFixed(0)} ms, layout ${(t2 - t1).toFixed(0)} ms, report ${(t3 - t2).toFixed(0)} ms\n`);
}
await live.close();
