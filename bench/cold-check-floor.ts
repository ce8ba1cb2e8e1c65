/**
 * The least a cold process must do before it may say what a rebuild has to write, when nothing
 * told it what changed (no watcher, no resident engine): start Node, read the previous build's
 * record (its build cache), and stat every source file and every file in OUT and OUT-res. Timed
 * as a child process the way P2-cli times the CLI, with nothing else loaded: Node's own start,
 * synchronous calls on one thread, no checks, no writes. P2-cli is reported beside it, since no
 * command that starts cold and looks at the disk can be faster.
 *
 *   npx tsx bench/cold-check-floor.ts DIR [--runs N]     DIR: a project built with the bench's flags
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ms, type Figure } from './figure.js';
import { median, settleDisk, timeRuns } from './measure.js';

// Inline CommonJS, so the child loads no file of the studio's: argv[1] is the project, OUT is build/wechatgame.
const CHECK = `
const { lstatSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[1];
const build = join(dir, 'build');
JSON.parse(readFileSync(join(build, '.wechatgame.minigame-studio', 'cache.json'), 'utf8'));
let files = 0;
function walk(folder, skipTop) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (skipTop && entry.name === 'build') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, false);
    else { lstatSync(path); files++; }
  }
}
walk(dir, true);
walk(join(build, 'wechatgame'), false);
walk(join(build, 'wechatgame-res'), false);
if (files === 0) throw new Error('no files under ' + dir);
`;

export interface ColdCheckFloor {
  /** Bare `node -e 0`. */
  readonly nodeMs: number;
  /** Node started, the build cache parsed, every source and output file stat'ed. */
  readonly checkMs: number;
}

export async function coldCheckFloor(dir: string, runs: number): Promise<ColdCheckFloor> {
  const nodes: number[] = [];
  const checks: number[] = [];
  for (let i = 0; i < runs; i++) {
    await settleDisk();
    nodes.push(...(await timeRuns(1, async () => void execFileSync(process.execPath, ['-e', '0']))));
    checks.push(...(await timeRuns(1, async () => void execFileSync(process.execPath, ['-e', CHECK, dir], { stdio: ['ignore', 'ignore', 'pipe'] }))));
  }
  return { nodeMs: median(nodes), checkMs: median(checks) };
}

/** P2-floor: the cold check against the full CLI build, as P2-cli's percentage is. */
export async function coldCheckFigure(dir: string, runs: number, fullMs: number): Promise<Figure> {
  const floor = await coldCheckFloor(dir, runs);
  return {
    id: 'P2-floor',
    label: 'least a cold process does before a rebuild: start Node, read the build cache, stat every file',
    target: "reported: P2-cli's 5 % cannot go below it",
    measured: `${ms(floor.checkMs)} (node -e 0: ${ms(floor.nodeMs)})`,
    ratio: `${((floor.checkMs / fullMs) * 100).toFixed(1)} %`,
    pass: null,
    raw: { ...floor, fullMs, runs },
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
  const dir = positionals[0];
  if (!dir) throw new Error('usage: cold-check-floor.ts DIR [--runs N] (DIR: a project built with the bench flags)');
  const floor = await coldCheckFloor(join(dir), Number(values.runs));
  process.stdout.write(`node -e 0: ${floor.nodeMs.toFixed(0)} ms; start + read the build cache + stat every source and output file: ${floor.checkMs.toFixed(0)} ms\n`);
}
