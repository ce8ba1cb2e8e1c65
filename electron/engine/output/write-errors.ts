/** Turns file-system failures during a build into messages that say what happened and what to do. */
import { StudioError } from '../errors.js';

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export function writeFailure(error: unknown, target: string): StudioError {
  if (error instanceof StudioError) return error;
  if (codeOf(error) === 'ENOSPC') {
    return new StudioError(`The disk is full while writing ${target}; free space and build again; the previous output is untouched.`, {
      code: 'DISK_FULL',
      path: target,
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StudioError(
    `Could not write ${target} (${reason}); check that the output folder is writable and build again; the previous output is untouched.`,
    { code: 'OUTPUT_WRITE_FAILED', path: target, cause: error },
  );
}

export function cancelled(): StudioError {
  return new StudioError('The build was cancelled; the previous output is untouched.', { code: 'CANCELLED' });
}

export function sourceUnreadable(path: string, error: unknown): StudioError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StudioError(
    `Could not read ${path} (${reason}); check that the file exists and is readable, then build again; the previous output is untouched.`,
    { code: 'FILE_UNREADABLE', path, cause: error },
  );
}
