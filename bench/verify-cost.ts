/**
 * What checking each copy costs (electron/engine/output/verify.ts), on a 2,000-file / 200 MB
 * project with MD5 Cache and a Remote URL (every file hashed):
 *
 *   npx tsx bench/verify-cost.ts [files] [MB]
 *
 * - "stat": the project's files were saved long ago, so one stat of each source after its copy
 *   proves the copy is the bytes that were hashed (what a real project's build does).
 * - "re-hash": the same files stamped in the future, so no stat vouches for them and every copy
 *   is hashed again (what a build would do if it re-hashed everything it wrote).
 * Clean builds, alternating, `sync` before each, 3 of each; then the two checks alone over the
 * written OUT, and a rebuild where nothing changed.
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashCache } from '../electron/engine/hash-cache.js';
import { analyseProject, buildProject } from '../electron/engine/index.js';
import { mapLimit } from '../electron/engine/output/concurrency.js';
import { createVerifier, type CopyVerifier } from '../electron/engine/output/verify.js';
import { generateProject } from './generate.js';
import { median, settleDisk } from './measure.js';

const files = Number(process.argv[2] ?? 2_000);
const megabytes = Number(process.argv[3] ?? 200);
const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/game/' } as const;
const RUNS = 3;

const root = await mkdtemp(join(tmpdir(), 'mgs-verify-cost-'));
try {
  const paths = await generateProject(root, { name: 'verify-cost', files, totalBytes: megabytes * 1024 * 1024, subpackages: 4 }, 11);
  const stampAll = async (at: Date): Promise<void> => {
    await mapLimit(paths, 32, (path) => utimes(join(root, path), at, at));
  };
  const cleanBuild = async (): Promise<number> => {
    await rm(join(root, 'build'), { recursive: true, force: true });
    await settleDisk();
    const start = performance.now();
    const outcome = await buildProject(root, REMOTE);
    if (!outcome.built) throw new Error('the build wrote nothing');
    return performance.now() - start;
  };
  const past = new Date(Date.now() - 3_600_000);
  const future = new Date(Date.now() + 3_600_000);
  const times = { stat: [] as number[], rehash: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    await stampAll(past);
    times.stat.push(await cleanBuild());
    await stampAll(future);
    times.rehash.push(await cleanBuild());
  }

  // The check alone, both ways, over every copied file of the last OUT (in the page cache, as
  // right after its copy): wall time and CPU time (the main thread and the hashing workers).
  await stampAll(past);
  const hashes = createHashCache();
  const analysis = await analyseProject(root, REMOTE, { hashes });
  const outDir = analysis.plan.settings.outDir;
  const copied = analysis.layout.files.filter((file) => file.content === null && file.source !== null);
  const checkAll = async (verifier: CopyVerifier): Promise<{ wall: number; cpu: number }> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await mapLimit(copied, 32, async (file) => {
      const copy = join(file.remote ? `${outDir}-res` : outDir, file.out);
      const check = await verifier.check(file, join(root, file.source ?? ''), copy, Date.now());
      if (check.changed) throw new Error(`${file.out} does not match`);
    });
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  };
  // The stat check trusts the hashes the analysis read; without a hash cache every copy is re-hashed.
  const checks = { stat: [] as { wall: number; cpu: number }[], rehash: [] as { wall: number; cpu: number }[] };
  for (let run = 0; run < RUNS; run++) {
    checks.stat.push(await checkAll(createVerifier(analysis.plan, hashes)));
    checks.rehash.push(await checkAll(createVerifier(analysis.plan, undefined)));
  }

  await buildProject(root, REMOTE);
  const rebuilds: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await buildProject(root, REMOTE);
    rebuilds.push(performance.now() - start);
  }

  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  const bytes = copied.filter((file) => file.remote).reduce((sum, file) => sum + file.bytes, 0);
  process.stdout.write(
    [
      `${files} files, ${(bytes / 1048576).toFixed(0)} MB in OUT-res; ${RUNS} runs each, medians; load average ${loadavg()[0]?.toFixed(1)}`,
      `clean build, stat check:    ${ms(median(times.stat))}  (${times.stat.map(ms).join(', ')})`,
      `clean build, re-hash check: ${ms(median(times.rehash))}  (${times.rehash.map(ms).join(', ')})`,
      `the check alone, stat:      ${ms(median(checks.stat.map((c) => c.wall)))} wall, ${ms(median(checks.stat.map((c) => c.cpu)))} CPU (${copied.length} files)`,
      `the check alone, re-hash:   ${ms(median(checks.rehash.map((c) => c.wall)))} wall, ${ms(median(checks.rehash.map((c) => c.cpu)))} CPU`,
      `rebuild, nothing changed:   ${ms(median(rebuilds))}  (${rebuilds.map(ms).join(', ')})`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
