/**
 * `simulate`: bring OUT up to date (the engine's incremental build: unchanged files are linked,
 * not rewritten), run it headless in the simulator for N seconds, save a PNG of the screen, and
 * say whether the game started, drew and threw nothing. With --json, only the result on stdout.
 */
import { join } from 'node:path';
import { buildProject } from '../engine/index.js';
import { stateDirFor } from '../engine/output/locations.js';
import { runHeadless, type SimulationResult } from '../engine/simulator/index.js';
import { projectRunOptions } from '../engine/simulator/run-options.js';
import { EXIT } from '../../shared/problems.js';
import { PLATFORM_LABELS } from '../../shared/platforms.js';
import type { Command, Io } from './args.js';
import { overridesOf } from './build-command.js';
import { reportFailure } from './errors.js';
import { shortPath } from './format.js';
import { progressPrinter } from './progress.js';
import { summarise } from './summary.js';

export const DEFAULT_SECONDS = 10;

export async function runSimulate(command: Command, io: Io): Promise<number> {
  const dir = command.dir ?? io.cwd;
  try {
    const outcome = await buildProject(dir, overridesOf(command), { onProgress: progressPrinter(io) });
    const { settings, report } = outcome.analysis;
    if (!outcome.built) {
      io.stderr.write(summarise(report, outcome.exitCode, false, io.cwd));
      io.stderr.write('Nothing to simulate: the build was refused (see the problems above).\n');
      if (command.json) io.stdout.write(`${JSON.stringify({ error: { code: 'NOT_BUILT', message: 'the build was refused', path: settings.outDir, field: null } }, null, 2)}\n`);
      return EXIT.notBuilt;
    }
    const project = await projectRunOptions(settings, { fakes: command.fakes, subpackage: command.subpackage });
    const seconds = command.seconds ?? DEFAULT_SECONDS;
    // By default in the studio's own folder beside OUT: never over a file of the user's.
    const screenshot = command.screenshot ?? join(stateDirFor(settings.outDir), 'simulate.png');
    io.stderr.write(`Simulating ${PLATFORM_LABELS[settings.platform]} → ${shortPath(settings.outDir, io.cwd)} for ${seconds} s…\n`);
    const result = await runHeadless({
      outDir: settings.outDir,
      platform: settings.platform,
      seconds,
      device: command.device,
      network: command.network,
      storageQuotaBytes: command.storageQuota,
      taps: command.taps,
      screenshot,
      project,
    });
    if (command.json) io.stdout.write(`${JSON.stringify(jsonOf(result), null, 2)}\n`);
    else io.stdout.write(describe(result, io.cwd));
    return result.ok ? EXIT.ok : EXIT.builtWithErrors;
  } catch (error) {
    return reportFailure(error, io, command.json);
  }
}

/** The machine form: the fields DESIGN names, then `consoleLines` (the console lines with their call site). */
export function jsonOf(result: SimulationResult): Record<string, unknown> {
  const { ok, firstFrameMs, frames, errors, unsupported, requests, missing, console, consoleLines } = result;
  return { ok, firstFrameMs, frames, errors, unsupported, requests, missing, console, consoleLines };
}

function describe(result: SimulationResult, cwd: string): string {
  const d = result.device;
  const lines = [
    `Device ${d.model}, ${d.width}×${d.height} at ${d.pixelRatio}x. ` +
      (result.firstFrameMs === null ? 'No frame that is not blank was drawn.' : `First frame at ${result.firstFrameMs} ms; ${result.frames} frames.`),
  ];
  for (const entry of result.timeline.slice(0, 12)) lines.push(`  ${String(entry.at).padStart(6)} ms  ${entry.kind.padEnd(11)} ${entry.detail}`);
  for (const error of result.errors) lines.push(`  uncaught ${error.stack || error.message}`.split('\n').slice(0, 4).join('\n'));
  for (const file of result.missing) lines.push(`  missing  ${file.reason}`);
  if (result.unsupported.length) lines.push(`  not simulated: ${result.unsupported.join(', ')}`);
  const failed = result.requests.filter((r) => r.status !== 200 && r.source !== 'cache' && r.source !== 'temp');
  lines.push(`Files: ${result.requests.length} read or downloaded, ${failed.length} failed.`);
  if (result.screenshot) lines.push(`Screenshot: ${shortPath(result.screenshot, cwd)}`);
  lines.push('', result.ok ? 'Exit 0: the game started, drew and threw nothing' : `Exit 3: ${result.firstFrameMs === null ? 'the game drew nothing that is not blank' : 'the game threw an uncaught error'}`, '');
  return `${lines.join('\n')}\n`;
}
