/** `build` and `report`: one pass of the engine, the report as JSON or as a summary. */
import { analyseProject, buildFromAnalysis, buildProject } from '../engine/index.js';
import { createHashCache } from '../engine/hash-cache.js';
import type { Analysis, SettingsOverrides } from '../engine/types.js';
import { exitCodeFor } from '../../shared/problems.js';
import type { Command, Io } from './args.js';
import { emitCiFailure, emitCiOutput } from './ci-output.js';
import { reportFailure } from './errors.js';
import { progressPrinter } from './progress.js';
import { oneLine, summarise } from './summary.js';

export function overridesOf(command: Command): SettingsOverrides {
  return {
    ...(command.platform && { platform: command.platform }),
    ...(command.out && { outDir: command.out }),
    ...(command.appid && { appid: command.appid }),
    ...(command.md5Cache !== undefined && { md5Cache: command.md5Cache }),
    ...(command.remoteUrl !== undefined && { remoteUrl: command.remoteUrl }),
  };
}

export async function runBuild(command: Command, io: Io): Promise<number> {
  const dir = command.dir ?? io.cwd;
  const hashes = createHashCache();
  const overrides = overridesOf(command);
  let signal: AbortSignal | undefined;
  /** A build from the disk, or (a watch's rebuild) from the live analysis of what changed. */
  const once = async (analysis: Analysis | null = null): Promise<number> => {
    const started = Date.now();
    try {
      const options = { hashes, signal, onProgress: progressPrinter(io) };
      const outcome = await (analysis ? buildFromAnalysis(analysis, { ...options, dir, overrides }) : buildProject(dir, overrides, options));
      const { report } = outcome.analysis;
      for (const warning of outcome.history?.warnings ?? []) io.stderr.write(`warning: ${warning}\n`);
      await emitCiOutput(command, io, report, outcome.analysis.settings);
      if (command.watch) {
        io.stderr.write(oneLine(report, outcome.exitCode, outcome.built, Date.now() - started));
        if (command.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      } else if (command.json) {
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        io.stderr.write(oneLine(report, outcome.exitCode, outcome.built, Date.now() - started));
      } else {
        io.stdout.write(summarise(report, outcome.exitCode, outcome.built, io.cwd));
      }
      return outcome.exitCode;
    } catch (error) {
      await emitCiFailure(command, io, error);
      return reportFailure(error, io, command.json);
    }
  };
  if (!command.watch) return withCancelOnSignal(() => once());
  // The watcher (chokidar, through the live project) is loaded only in watch mode.
  const { watchAndRebuild } = await import('./watch.js');
  try {
    return await watchAndRebuild(dir, { overrides, hashes, rebuild: once, onError: (error) => void reportFailure(error, io, command.json) }, io);
  } catch (error) {
    // The project could not be read at the start (the live project's first analysis): as for `build`.
    return reportFailure(error, io, command.json);
  }

  /** Ctrl+C during a build cancels it cleanly: temporary folders removed, the previous output kept. */
  async function withCancelOnSignal(run: () => Promise<number>): Promise<number> {
    const controller = new AbortController();
    signal = controller.signal;
    const cancel = (): void => controller.abort();
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    try {
      return await run();
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    }
  }
}

export async function runReport(command: Command, io: Io): Promise<number> {
  try {
    const analysis = await analyseProject(command.dir ?? io.cwd, overridesOf(command));
    const exitCode = exitCodeFor(analysis.report.problems);
    await emitCiOutput(command, io, analysis.report, analysis.settings);
    if (command.json) io.stdout.write(`${JSON.stringify(analysis.report, null, 2)}\n`);
    else io.stdout.write(summarise(analysis.report, exitCode, false, io.cwd).replace(/^Not built: /, 'Report (nothing written): '));
    return exitCode;
  } catch (error) {
    await emitCiFailure(command, io, error);
    return reportFailure(error, io, command.json);
  }
}
