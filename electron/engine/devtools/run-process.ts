/**
 * Runs one developer-tool process through execa: never with a shell, stdin closed (a tool that
 * asks a question gets end-of-input instead of waiting forever), each output line streamed as it
 * comes, with a timeout and a cancel signal that both end the process.
 */
import { stripVTControlCharacters } from 'node:util';
import { execa } from 'execa';
import type { SpawnPlan } from './commands.js';

export type LineStream = 'stdout' | 'stderr';

export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string, stream: LineStream) => void;
  /** Called on each line; returning true stops the process (e.g. a prompt that would wait forever). */
  readonly stopOn?: (line: string) => boolean;
}

export interface ProcessOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly stopped: boolean;
  readonly startError: string | null;
  readonly lines: readonly string[];
  readonly pid: number | null;
}

const KEEP_LINES = 200;
const EXIT_GRACE_MS = 300;

export async function runProcess(plan: SpawnPlan, options: ProcessOptions): Promise<ProcessOutcome> {
  const lines: string[] = [];
  const stop = new AbortController();
  const cancel = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let stopped = false;

  const subprocess = execa(plan.file, [...plan.args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    windowsVerbatimArguments: plan.windowsVerbatimArguments,
    windowsHide: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    timeout: options.timeoutMs,
    cancelSignal: cancel,
    forceKillAfterDelay: 3000,
  });

  const emit = (raw: string, name: LineStream) => {
    // Spinners redraw with \r and colour with escapes: the log and the classifier want the text.
    const line = stripVTControlCharacters(raw).split('\r').filter((part) => part.trim() !== '').pop();
    if (line === undefined) return;
    lines.push(line);
    if (lines.length > KEEP_LINES) lines.shift();
    options.onLine?.(line, name);
    if (!stopped && options.stopOn?.(line)) {
      stopped = true;
      stop.abort();
    }
  };
  // Split on \n only (readline would also split on a spinner's \r).
  const read = (stream: NodeJS.ReadableStream | null, name: LineStream) =>
    new Promise<void>((resolve) => {
      if (!stream) return resolve();
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (pending + chunk).split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts) emit(part, name);
      });
      stream.on('end', () => {
        if (pending) emit(pending, name);
        resolve();
      });
      stream.on('error', () => resolve());
      stream.on('close', () => resolve());
    });

  const reading = Promise.all([read(subprocess.stdout, 'stdout'), read(subprocess.stderr, 'stderr')]);
  const untree = process.platform === 'win32' ? killTreeOnWindows(subprocess.pid, cancel, options.timeoutMs) : null;
  // A tool that starts the IDE may hand it its stdout: once the tool itself has exited, its output
  // is over, whoever still holds the pipe.
  subprocess.once('exit', () => {
    setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, EXIT_GRACE_MS).unref();
  });
  const result = await subprocess;
  untree?.();
  await reading;
  const startError = result.failed && result.exitCode === undefined && !result.signal && !result.isCanceled && !result.timedOut
    ? errorCode(result) ?? 'ENOENT'
    : null;
  return {
    exitCode: result.exitCode ?? null,
    timedOut: result.timedOut,
    cancelled: result.isCanceled && !stopped,
    stopped,
    startError,
    lines,
    pid: subprocess.pid ?? null,
  };
}

/**
 * On Windows a .bat runs under cmd.exe, and ending cmd.exe leaves the tool it started running:
 * taskkill /T ends the whole tree on cancel or timeout.
 */
function killTreeOnWindows(pid: number | undefined, cancel: AbortSignal, timeoutMs: number): () => void {
  if (pid === undefined) return () => {};
  const kill = () => void execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, windowsHide: true });
  cancel.addEventListener('abort', kill, { once: true });
  const timer = setTimeout(kill, timeoutMs);
  return () => {
    cancel.removeEventListener('abort', kill);
    clearTimeout(timer);
  };
}

function errorCode(result: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = result;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
