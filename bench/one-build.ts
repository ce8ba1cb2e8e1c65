/**
 * One scenario alone, for profiling (`node --import tsx --cpu-prof bench/one-build.ts …`):
 *   generate DIR large|medium|many   writes the bench's project into DIR
 *   full DIR                          removes DIR/build, then builds
 *   rebuild DIR                       changes one asset, then builds
 * Prints the time in milliseconds.
 */
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildProject } from '../electron/engine/index.js';
import { generateProject } from './generate.js';
import { SHAPES } from './shapes.js';

const [command, dir, shape] = process.argv.slice(2);
if (!command || !dir) throw new Error('usage: one-build.ts generate|full|rebuild DIR [large|medium|many]');
const REMOTE = { md5Cache: true, remoteUrl: 'https://cdn.example.com/game/' } as const;

const start = performance.now();
if (command === 'generate') {
  const key = (shape ?? 'large') as keyof typeof SHAPES.full;
  await generateProject(dir, SHAPES.full[key], 7);
} else {
  if (command === 'full') await rm(join(dir, 'build'), { recursive: true, force: true });
  if (command === 'rebuild') await appendFile(join(dir, 'assets/set0/probe.png'), 'x');
  const t = performance.now();
  const outcome = await buildProject(dir, REMOTE);
  process.stdout.write(`${command}: ${(performance.now() - t).toFixed(0)} ms, exit ${outcome.exitCode}, built ${outcome.built}\n`);
}
process.stdout.write(`total ${(performance.now() - start).toFixed(0)} ms\n`);
