/**
 * An error the user can act on: it names the file, field or path, and says what to do.
 * The CLI prints `message` as it is and exits with `exitCode`; the app shows it inline.
 */
export class StudioError extends Error {
  override readonly name = 'StudioError';
  constructor(
    message: string,
    readonly options: {
      /** A problem code from shared/problems.ts, or another stable kind ('DIR_MISSING', 'DISK_FULL', …). */
      readonly code: string;
      readonly path?: string;
      readonly field?: string;
      /** 1: nothing was built (default); 2: usage. */
      readonly exitCode?: number;
      readonly cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
  }
  get code(): string {
    return this.options.code;
  }
  get exitCode(): number {
    return this.options.exitCode ?? 1;
  }
}

export function isStudioError(error: unknown): error is StudioError {
  return error instanceof StudioError;
}
