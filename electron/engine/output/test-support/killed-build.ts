/**
 * Test support, run as a child process: builds a game and SIGKILLs itself at a chosen point, so
 * the kill tests see what a real kill leaves on disk.
 *
 *   node --import tsx killed-build.ts DIR POINT
 *
 * POINT is `<operation>:<n>`: `before-rename:n` (the n-th rename of the swap is about to run),
 * `rename:n` (it has just run), `copy:n` (the n-th file copy has just finished, staged or not), `write:n` (the
 * n-th generated file has just been written). A point never reached lets the build finish.
 */
import { linkSync } from 'node:fs';
import { copyFile, rename, writeFile } from 'node:fs/promises';
import type { FsOps } from '../../build.js';
import { buildProject } from '../../index.js';

const [dir, point] = process.argv.slice(2);
if (!dir || !point) throw new Error('usage: killed-build.ts DIR POINT');
const [operation, nth] = point.split(':');
const at = Number(nth);
const counts: Record<string, number> = {};

function reached(name: string): boolean {
  counts[name] = (counts[name] ?? 0) + 1;
  return operation === name && counts[name] === at;
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

const fsOps: FsOps = {
  async copyFile(src, dest, mode) {
    await copyFile(src, dest, mode);
    if (reached('copy')) die();
  },
  async writeFile(path, data) {
    await writeFile(path, data);
    if (reached('write')) die();
  },
  linkSync,
  async rename(from, to) {
    if (operation === 'before-rename' && (counts['before-rename'] ?? 0) + 1 === at) die();
    counts['before-rename'] = (counts['before-rename'] ?? 0) + 1;
    await rename(from, to);
    if (reached('rename')) die();
  },
};

// As the CLI builds: the copies start while the layout hashes (output/stage.ts), so `copy:n` may be one of those.
await buildProject(dir, {}, { fsOps });
process.stdout.write(`finished after ${counts['before-rename'] ?? 0} renames\n`);
