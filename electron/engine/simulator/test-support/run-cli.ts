/** Runs `minigame-studio simulate` as a user does (node bin/minigame-studio.mjs) on a temp copy of a project. */
import { execa } from 'execa';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../cli.js';
import { writeTree } from '../../output/plan-fixture.js';

const BIN = fileURLToPath(new URL('../../../../bin/minigame-studio.mjs', import.meta.url));
export const SAMPLE_GAME = fileURLToPath(new URL('../../../../resources/sample-game', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

const made: string[] = [];

export async function copyProject(from: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mgs-sim-'));
  made.push(dir);
  await cp(from, dir, { recursive: true });
  return dir;
}

export async function writeProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mgs-sim-'));
  made.push(dir);
  await writeTree(dir, files);
  return dir;
}

export async function removeProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface SimulateJson {
  ok: boolean;
  firstFrameMs: number | null;
  frames: number;
  errors: { message: string; stack: string }[];
  unsupported: string[];
  requests: { path: string; source: string; status: number }[];
  missing: { path: string; reason: string }[];
  console: string[];
  consoleLines: { level: string; text: string; where: string | null }[];
}

/** In-process (runCli with captured streams) unless viaBin: that starts node on bin/ as a user does. */
export async function simulate(
  dir: string,
  args: readonly string[],
  options: { viaBin?: boolean; env?: Record<string, string> } = {},
): Promise<{ exitCode: number; json: SimulateJson; stderr: string }> {
  const argv = ['simulate', dir, '--json', ...args];
  const result = options.viaBin ? await execa('node', [BIN, ...argv], { reject: false, env: { FORCE_COLOR: '0', ...options.env } }) : await inProcess(argv);
  let json: SimulateJson;
  try {
    json = JSON.parse(result.stdout) as SimulateJson;
  } catch {
    throw new Error(`simulate printed no JSON (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
  return { exitCode: result.exitCode ?? -1, json, stderr: result.stderr };
}

async function inProcess(argv: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const collect = (): { stream: PassThrough; text: () => string } => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = collect();
  const err = collect();
  const exitCode = await runCli(argv, { stdout: out.stream, stderr: err.stream, cwd: tmpdir() });
  return { exitCode, stdout: out.text(), stderr: err.text() };
}
