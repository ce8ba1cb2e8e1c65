/** `serve-remote`: build with the Remote URL on this computer and serve OUT-res until stopped. */
import { REMOTE_CHECK_HINT, serveRemote } from '../engine/remote/serve-remote.js';
import type { Command, Io } from './args.js';
import { reportFailure } from './errors.js';
import { shortPath } from './format.js';
import { progressPrinter } from './progress.js';
import { summarise } from './summary.js';
import { untilSignal } from './until-signal.js';

export async function runServeRemote(command: Command, io: Io, stopped: Promise<void> = untilSignal()): Promise<number> {
  let server;
  try {
    server = await serveRemote({ projectDir: command.dir ?? io.cwd, port: command.port, onProgress: progressPrinter(io) });
  } catch (error) {
    return reportFailure(error, io, false);
  }
  const { outcome, url } = server;
  io.stdout.write(summarise(outcome.analysis.report, outcome.exitCode, outcome.built, io.cwd));
  if (!outcome.built) {
    await server.close();
    return outcome.exitCode;
  }
  const remoteDir = outcome.analysis.layout.remoteDir;
  io.stdout.write(
    [
      '',
      `Serving ${remoteDir ? shortPath(remoteDir, io.cwd) : '(nothing is remote)'} at ${url}  (read-only; Ctrl+C to stop)`,
      `The build uses this Remote URL. In WeChat DevTools, open Details → Local Settings and tick`,
      `  "${REMOTE_CHECK_HINT.zh}"`,
      `  ("${REMOTE_CHECK_HINT.en}"),`,
      'so the game may download from this http:// address. A phone must be on the same network.',
      '',
    ].join('\n'),
  );
  await stopped;
  await server.close();
  return outcome.exitCode;
}
