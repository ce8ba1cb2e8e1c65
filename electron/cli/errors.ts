/** How the command line shows a failure: the message on stderr; with --json, an error object on stdout. */
import { isStudioError } from '../engine/errors.js';
import type { Io } from './args.js';

export function reportFailure(error: unknown, io: Io, json: boolean): number {
  if (isStudioError(error)) {
    io.stderr.write(`error: ${error.message}\n`);
    if (json) {
      const { code, path, field } = error.options;
      io.stdout.write(`${JSON.stringify({ error: { code, message: error.message, path: path ?? null, field: field ?? null } }, null, 2)}\n`);
    }
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`error: the studio failed unexpectedly; nothing was built. Please report this:\n${detail}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message: String(error), path: null, field: null } }, null, 2)}\n`);
  return 1;
}
