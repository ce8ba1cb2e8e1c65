/**
 * The cost of saving the build cache after a rebuild that changed one file, as CPU time of the
 * process (main thread and the thread pool), on a project built before:
 *
 *   npx tsx bench/cache-write.ts DIR [--writes N]
 *
 * DIR is a project made by `npx tsx bench/one-build.ts generate DIR large` and built once (any
 * build: `npx tsx bench/p2-run.ts --only app --runs 1 --dir DIR`). Each write changes one file's
 * hash and output records, as a rebuild after one change does; every other output record is the
 * same object, as the build keeps it. Prints the median, and the 10th and 90th percentiles (the
 * 90th includes the writes that fold the log into cache.json).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBuildCache, writeBuildCache, type BuildCache } from '../electron/engine/output/build-cache.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { writes: { type: 'string', default: '40' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: cache-write.ts DIR [--writes N]');
const writes = Number(values.writes);
const outDir = join(dir, 'build', 'wechatgame');
let cache = await readBuildCache(dir, outDir);
if (!cache || cache.outputs.length === 0) throw new Error(`bench: ${outDir} has no build cache; build the project first`);

const cpu: number[] = [];
for (let i = 0; i < writes; i++) {
  const changed = (i * 61) % cache.outputs.length;
  const next: BuildCache = {
    hashes: cache.hashes.map((record, j) => ({ ...record, ...(j === changed ? { size: record.size + 1 } : {}) })),
    outputs: cache.outputs.map((record, j) => (j === changed ? { ...record, written: { ...record.written, size: record.written.size + 1 } } : record)),
  };
  const before = process.cpuUsage();
  await writeBuildCache(dir, outDir, next);
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
  cache = next;
}
const sorted = [...cpu].sort((a, b) => a - b);
const at = (share: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number).toFixed(1);
process.stdout.write(`writeBuildCache after one change, ${cache.outputs.length} outputs, ${writes} writes: CPU median ${at(0.5)} ms (p10 ${at(0.1)}, p90 ${at(0.9)})\n`);
