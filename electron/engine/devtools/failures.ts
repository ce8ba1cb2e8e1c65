/**
 * Turning a tool run into one failure kind with a message that says what to do. The kinds are
 * ToolResult['failure'] (shared/api.ts); the UI turns each into its way out (Preferences, the login
 * QR, the DevTools setting to turn on).
 */
import type { ToolAction, ToolResult } from '../../../shared/api.js';
import type { Platform } from '../../../shared/platforms.js';
import { minidevFailure, minidevFailureInText, minidevResult, NETWORK_ERROR } from './minidev-output.js';

export type FailureKind = NonNullable<ToolResult['failure']>;

/**
 * WeChat DevTools still starting: its cli gave up waiting for the IDE's port (`#initialize-error:
 * wait IDE port timeout`), or found an IDE that may be starting on it (`IDE may already started at
 * port …`). The port is on; the IDE is just not answering yet. Read before PORT_CLOSED.
 */
const STILL_STARTING = /wait IDE port timeout|IDE may already started at port/i;
/** Read in the output of a failed run: any mention of the service port. */
const PORT_CLOSED = /服务端口|service port|IDE service (port )?(is )?disabled|enable IDE service|端口已关闭|port (is )?(closed|disabled)/i;
/**
 * Read while the tool runs, to stop it: only the words DevTools prints when the port is off and
 * it is about to wait for a "y" (narrow, so a healthy run that mentions its port goes on).
 */
const PORT_CLOSED_NOW = /IDE service (port )?(is )?disabled|enable IDE service|服务端口已关闭|端口已关闭/i;
/** Both tools when the login expired or never happened. */
const NOT_LOGGED_IN = /工具还未完成授权|需要重新登录|重新登录|请先登录|未登录|登录已过期|not log(ged )?in|need(s)? to log ?in|please log ?in|login (is )?required|login expired|minidev login/i;

export const SERVICE_PORT_STEP =
  'turn on DevTools → Settings → Security → Service port (设置 → 安全设置 → 服务端口), then try again';

/** Whether a line says, while the tool runs, that the service port is off (the run can stop now). */
export function announcesPortClosed(line: string): boolean {
  return PORT_CLOSED_NOW.test(line);
}

/** The failure a line of a failed run's output points at, when it points at one. */
export function failureInLine(line: string, platform: Platform): FailureKind | null {
  if (platform === 'wechat' && STILL_STARTING.test(line)) return 'tool-starting';
  if (platform === 'wechat' && PORT_CLOSED.test(line)) return 'port-closed';
  if (platform === 'alipay') {
    const coded = minidevFailureInText(line);
    if (coded) return coded;
  }
  if (NOT_LOGGED_IN.test(line)) return 'not-logged-in';
  if (NETWORK_ERROR.test(line)) return 'network';
  return null;
}

export interface RunOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** The spawn error code (ENOENT, EACCES, …), when the tool could not start at all. */
  readonly startError: string | null;
  /** A failure recognised in the output while the tool ran (the run was stopped for it). */
  readonly seen: FailureKind | null;
  readonly lines: readonly string[];
  readonly timeoutMs: number;
}

const TOOL_NAMES: Readonly<Record<Platform, string>> = { wechat: 'WeChat DevTools', alipay: 'minidev' };

/**
 * The failure of a run, or null when it succeeded. `expectedFile` is a file the action must
 * produce (the QR image): exit 0 without it is a failure too, read from the output.
 */
export function classifyRun(platform: Platform, outcome: RunOutcome, expectedFileWritten = true): FailureKind | null {
  if (outcome.cancelled) return 'cancelled';
  if (outcome.startError === 'ENOENT') return 'not-found';
  if (outcome.startError === 'EACCES' || outcome.startError === 'EPERM') return 'not-executable';
  if (outcome.seen) return outcome.seen;
  if (outcome.timedOut) return 'timeout';
  if (outcome.exitCode === 0 && expectedFileWritten && outcome.startError === null) return null;
  // minidev's own verdict (--machine-output) comes before any guess from its text.
  const told = platform === 'alipay' ? minidevFailure(minidevResult(outcome.lines)) : null;
  if (told) return told;
  for (const line of outcome.lines) {
    const kind = failureInLine(line, platform);
    if (kind) return kind;
  }
  return 'exit';
}

export interface FailureContext {
  readonly platform: Platform;
  readonly action: ToolAction;
  readonly cli: string;
  readonly outcome: RunOutcome;
  /** The upload key the tool was given (Alipay: --identity-key-path), named when it was refused. */
  readonly keyPath?: string;
}

export function failureMessage(kind: FailureKind, context: FailureContext): string {
  const { platform, cli, outcome } = context;
  const tool = TOOL_NAMES[platform];
  // minidev's own message says it best; stack frames never help.
  const said = platform === 'alipay' ? minidevResult(outcome.lines) : null;
  const tail = lastLines(outcome.lines.filter((l) => !STACK_FRAME.test(l) && !(said && l.trim().startsWith('{'))), 5);
  const shown = said?.message
    ? `\nminidev says: ${said.message}`
    : tail.length > 0 ? `\nLast lines:\n${tail.map((l) => `  ${l}`).join('\n')}` : '';
  switch (kind) {
    case 'port-closed':
      return `The ${tool} service port is off, so the studio can't drive it: ${SERVICE_PORT_STEP}.`;
    case 'tool-starting':
      return (
        `${tool} is still starting (or an earlier window still holds its port), so it did not take the command. ` +
        `Wait a moment and try again, or run \`${cli} quit\` to close it, then try again.` +
        shown
      );
    case 'not-logged-in':
      return platform === 'wechat'
        ? `${tool} is not logged in. Click Log in and scan the QR code with WeChat (or log in inside DevTools), then try again.`
        : 'minidev is not logged in. Click Log in and scan the QR code with Alipay (or run `minidev login`), then try again.';
    case 'timeout':
      return (
        `${tool} did not finish within ${Math.round(outcome.timeoutMs / 1000)} s and was stopped. ` +
        'If it is waiting for you (first launch, a login, a "trust this project" prompt), answer it in the tool, then try again.' +
        shown
      );
    case 'cancelled':
      return `Cancelled: ${tool} was stopped.`;
    case 'not-found':
      // minidev ran, but found no Mini Program Studio to open.
      if (said?.errorCode === 'InstallationNotFound') {
        return `minidev found no Mini Program Studio (小程序开发者工具) installed. Install it, or choose its folder in Preferences → Alipay IDE, then try again.${shown}`;
      }
      return `${cli} could not be started (not found). Check the ${tool} path in Preferences.`;
    case 'network':
      return `${tool} could not reach its servers. Check this computer's internet connection (a proxy or firewall may be in the way), then try again.${shown}`;
    case 'bad-argument':
      return `${tool} refused the ${context.action === 'upload' ? 'version or description' : 'arguments'}: fix them and try again.${shown}`;
    case 'not-executable':
      return `${cli} is not executable. Make it executable (chmod +x) or reinstall ${tool}, or choose another path in Preferences.`;
    case 'key':
      return (
        `minidev refused the identity key ${context.keyPath ?? ''}: it must be the JSON file {"alipay":{"authentication":{"toolId":"…","privateKey":"…"}}} ` +
        `holding the tool ID and private key of a tool key made on the Alipay Open Platform (open.alipay.com). Make it again, then choose it in Preferences → Upload key (or --identity-key-path FILE).${shown}`
      );
    case 'exit':
      return `${tool} failed${outcome.exitCode === null ? '' : ` (exit code ${outcome.exitCode})`}.${shown || ' It printed nothing.'}`;
    default:
      return `${tool} failed (${kind}).${shown}`;
  }
}

/** `    at fn (file:line:col)`: a JavaScript stack frame in a tool's output. */
const STACK_FRAME = /^\s+at\s/;

export function lastLines(lines: readonly string[], count: number): string[] {
  return lines.filter((l) => l.trim() !== '').slice(-count);
}
