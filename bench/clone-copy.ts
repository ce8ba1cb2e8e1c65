/**
 * What COPYFILE_FICLONE gives on a file system: copies every file of a tree the way the build does
 * (fs.copyFile, 32 at a time), with and without the clone flag, alternating, the disk settled
 * before each run. Prints the medians.
 *
 *   npx tsx bench/clone-copy.ts SRC WORK [RUNS]     (WORK on the file system to measure)
 */
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { mapLimit } from '../electron/engine/output/concurrency.js';
import { median } from './measure.js';

const [src, work, runsArg] = process.argv.slice(2);
if (!src || !work) throw new Error('usage: clone-copy.ts SRC WORK [RUNS]');
const runs = Number(runsArg ?? 3);

const files = (await readdir(src, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => relative(src, join(entry.parentPath, entry.name)));
const dirs = [...new Set(files.map((file) => dirname(file)))];

async function copyTree(dest: string, mode: number): Promise<number> {
  await rm(dest, { recursive: true, force: true });
  for (const dir of dirs) await mkdir(join(dest, dir), { recursive: true });
  execFileSync('sync');
  const start = performance.now();
  await mapLimit(files, 32, (file) => copyFile(join(src as string, file), join(dest, file), mode));
  execFileSync('sync');
  return performance.now() - start;
}

function shell(command: string, dest: string): number {
  execFileSync('rm', ['-rf', dest]);
  execFileSync('sync');
  const start = performance.now();
  execFileSync('bash', ['-c', `${command} "$0" "$1" && sync`, src as string, dest]);
  return performance.now() - start;
}

const times: Record<string, number[]> = { clone: [], copy: [], 'cp -r': [], 'cp -r --reflink=never': [] };
for (let i = 0; i < runs; i++) {
  times.clone!.push(await copyTree(join(work, 'clone'), constants.COPYFILE_FICLONE));
  times.copy!.push(await copyTree(join(work, 'copy'), 0));
  times['cp -r']!.push(shell('cp -r', join(work, 'cp')));
  times['cp -r --reflink=never']!.push(shell('cp -r --reflink=never', join(work, 'cpn')));
}
for (const dest of ['clone', 'copy', 'cp', 'cpn']) await rm(join(work, dest), { recursive: true, force: true });
console.log(`${files.length} files, medians of ${runs} (each until sync returns):`);
for (const [name, values] of Object.entries(times)) console.log(`  ${name.padEnd(24)} ${median(values).toFixed(0)} ms  (${values.map((v) => v.toFixed(0)).join(', ')})`);
