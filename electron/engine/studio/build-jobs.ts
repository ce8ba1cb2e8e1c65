/**
 * Builds as jobs: one at a time, each with its own AbortController, its progress pushed as
 * 'build:progress' events at most every `intervalMs` (the write loop reports far more often than a
 * progress bar can show), and one 'build:done' with the outcome. The build itself (owner B's
 * buildProject) writes into temporary folders, so a cancel leaves the previous output intact.
 */
import { randomUUID } from 'node:crypto';
import type { BuildProgress, BuildResult, StudioEvents } from '../../../shared/api.js';
import { isBlocking } from '../../../shared/problems.js';
import type { Report } from '../../../shared/report.js';
import { isStudioError, StudioError } from '../errors.js';
import type { BuildProgressInfo } from '../types.js';

export interface BuildTaskOutcome {
  readonly exitCode: number;
  readonly built: boolean;
  readonly report: Report | null;
}

export interface BuildTask {
  readonly outDir: string;
  run(signal: AbortSignal, onProgress: (progress: BuildProgressInfo) => void): Promise<BuildTaskOutcome>;
}

export type EmitBuildEvent = <E extends 'build:progress' | 'build:done'>(event: E, payload: StudioEvents[E]) => void;

export interface BuildJobs {
  /** Runs the task under `jobId` (the caller's name for it) or a new one. */
  start(task: BuildTask, jobId?: string): { jobId: string };
  /** Cancels that job; a cancel that arrives before its start (the start still waiting for the project) is kept for it. */
  cancel(jobId: string): void;
  /** Cancels whatever is running (closing the project or the app). */
  cancelAll(): void;
  /** Settles when the running build (if any) has finished and reported. */
  idle(): Promise<void>;
}

/** How many early cancels are kept: a renderer names one build at a time, so a few is plenty. */
const EARLY_CANCELS_KEPT = 16;

export function createBuildJobs(emit: EmitBuildEvent, intervalMs = 100): BuildJobs {
  let current: { jobId: string; controller: AbortController; done: Promise<void> } | null = null;
  const cancelledEarly = new Set<string>();

  return {
    start(task, jobId = randomUUID()) {
      if (current) {
        throw new StudioError('A build is already running: wait for it to finish, or cancel it, then build again.', { code: 'BUILD_RUNNING' });
      }
      const controller = new AbortController();
      if (cancelledEarly.delete(jobId)) controller.abort();
      const done = runJob(jobId, task, controller.signal, emit, intervalMs).finally(() => {
        current = null;
      });
      current = { jobId, controller, done };
      return { jobId };
    },
    cancel(jobId) {
      if (current?.jobId === jobId) {
        current.controller.abort();
        return;
      }
      cancelledEarly.add(jobId);
      if (cancelledEarly.size > EARLY_CANCELS_KEPT) cancelledEarly.delete(cancelledEarly.values().next().value as string);
    },
    cancelAll() {
      current?.controller.abort();
    },
    idle: async () => {
      await current?.done;
    },
  };
}

async function runJob(jobId: string, task: BuildTask, signal: AbortSignal, emit: EmitBuildEvent, intervalMs: number): Promise<void> {
  const progress = throttled((info: BuildProgressInfo) => emit('build:progress', { jobId, ...info } satisfies BuildProgress), intervalMs);
  let result: BuildResult;
  try {
    const outcome = await task.run(signal, progress.push);
    result = resultOf(jobId, task.outDir, outcome);
  } catch (error) {
    const wasCancelled = signal.aborted || (isStudioError(error) && error.code === 'CANCELLED');
    result = {
      jobId,
      status: wasCancelled ? 'cancelled' : 'failed',
      exitCode: 1,
      outDir: task.outDir,
      message: wasCancelled ? 'The build was cancelled; the previous output is untouched.' : error instanceof Error ? error.message : String(error),
      report: null,
    };
  }
  progress.flush();
  emit('build:done', result);
}

function resultOf(jobId: string, outDir: string, outcome: BuildTaskOutcome): BuildResult {
  const problems = outcome.report?.problems ?? [];
  if (!outcome.built) {
    const blocking = problems.filter(isBlocking);
    const reasons = blocking.slice(0, 3).map((p) => p.message);
    return {
      jobId,
      status: 'failed',
      exitCode: outcome.exitCode || 1,
      outDir,
      message: `Nothing was built${reasons.length ? `: ${reasons.join(' ')}` : '.'} The previous output is untouched.`,
      report: outcome.report,
    };
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    jobId,
    status: outcome.exitCode === 0 ? 'built' : 'built-with-errors',
    exitCode: outcome.exitCode,
    outDir,
    message:
      outcome.exitCode === 0
        ? `Built into ${outDir}.`
        : `Built into ${outDir}, but the platform would reject it: ${errors} problem${errors === 1 ? '' : 's'} in the report.`,
    report: outcome.report,
  };
}

/** Passes on the first value at once, then at most one per interval (the latest); flush sends what is held back. */
function throttled<T>(send: (value: T) => void, intervalMs: number): { push(value: T): void; flush(): void } {
  let last = 0;
  let held: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sendHeld = (): void => {
    timer = null;
    if (!held) return;
    const { value } = held;
    held = null;
    last = Date.now();
    send(value);
  };
  return {
    push(value) {
      held = { value };
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) sendHeld();
      else timer ??= setTimeout(sendHeld, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      sendHeld();
    },
  };
}
