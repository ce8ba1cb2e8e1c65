/**
 * WeChat preview and upload without DevTools, through WeChat's `miniprogram-ci` package, run in a
 * child Node process (miniprogram-ci-runner.cjs): its failures leave an unhandled rejection that
 * would end the studio's own process. Its error codes become the studio's failure kinds.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stateDirFor } from '../output/locations.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { FailureKind } from './failures.js';
import { runProcess, type LineStream, type ProcessOutcome } from './run-process.js';

/** The runner's result line on stdout, after miniprogram-ci's own log lines. */
export const CI_RESULT_PREFIX = 'MINIGAME_STUDIO_CI_RESULT ';
/** Names a stand-in for the 'miniprogram-ci' module (tests capture the options it is given). */
export const CI_MODULE_ENV = 'MINIGAME_STUDIO_MINIPROGRAM_CI';

/** The runner script: beside the app's resources when packaged (outside asar), else in resources/. */
export function ciRunnerPath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  return packaged && !packaged.includes('node_modules') ? join(packaged, 'miniprogram-ci', 'runner.cjs') : join(PACKAGE_ROOT, 'resources', 'miniprogram-ci', 'runner.cjs');
}

/**
 * The module the runner loads, resolved here (from the studio's own dependencies) so the runner
 * finds it wherever the runner itself lives; the env var wins (a stand-in in tests).
 */
export function ciModulePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env[CI_MODULE_ENV] || createRequire(import.meta.url).resolve('miniprogram-ci');
}

export interface CiJob {
  readonly action: 'preview' | 'upload';
  readonly appid: string;
  readonly projectPath: string;
  readonly privateKeyPath: string;
  readonly ignores: readonly string[];
  readonly setting: Readonly<Record<string, unknown>>;
  readonly version?: string;
  readonly desc?: string;
  readonly robot?: number;
  readonly qrcodeOutputDest?: string;
}

export type CiResult =
  | { readonly ok: true; readonly subPackageInfo: readonly { name: string; size: number }[] }
  | { readonly ok: false; readonly code: number | string | null; readonly message: string };

/** What the studio never uploads: tool folders (miniprogram-ci's own default, too). */
export const CI_IGNORES = ['node_modules/**/*', '**/.DS_Store'];

export interface CiRun extends ProcessOutcome {
  /** The runner's result line, or null when it died before printing one. */
  readonly result: CiResult | null;
}

/**
 * Runs one job through the runner in a child Node process (in Electron, execPath is the app:
 * ELECTRON_RUN_AS_NODE makes it a plain Node), in the studio's folder beside OUT: miniprogram-ci
 * leaves a folder of its own in its working directory. The result line stays out of onLine.
 */
export async function runCiJob(
  job: CiJob,
  options: { readonly env?: Readonly<Record<string, string | undefined>>; readonly timeoutMs: number; readonly signal?: AbortSignal; readonly onLine?: (line: string, stream: LineStream) => void },
): Promise<CiRun> {
  await mkdir(stateDirFor(job.projectPath), { recursive: true });
  const env = { ...options.env, ELECTRON_RUN_AS_NODE: '1', [CI_MODULE_ENV]: ciModulePath({ ...process.env, ...options.env }) };
  const ran = await runProcess(
    { file: process.execPath, args: [ciRunnerPath(), JSON.stringify(job)], windowsVerbatimArguments: false },
    { cwd: stateDirFor(job.projectPath), env, timeoutMs: options.timeoutMs, signal: options.signal, onLine: (line, stream) => { if (!line.includes(CI_RESULT_PREFIX)) options.onLine?.(line, stream); } },
  );
  return { ...ran, result: ciResultIn(ran.lines), lines: ran.lines.filter((l) => !l.includes(CI_RESULT_PREFIX)) };
}

/** The compile settings WeChat DevTools would use: OUT/project.config.json's `setting`. */
export async function projectSetting(outDir: string): Promise<Record<string, unknown>> {
  try {
    const config = JSON.parse(await readFile(`${outDir}/project.config.json`, 'utf8')) as { setting?: unknown };
    return config.setting && typeof config.setting === 'object' ? (config.setting as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The runner's result, from the lines it printed; null when it died before printing one. */
export function ciResultIn(lines: readonly string[]): CiResult | null {
  for (const line of [...lines].reverse()) {
    const at = line.indexOf(CI_RESULT_PREFIX);
    if (at < 0) continue;
    try {
      return JSON.parse(line.slice(at + CI_RESULT_PREFIX.length)) as CiResult;
    } catch {
      return null;
    }
  }
  return null;
}

/** The server's answer when this machine's IP is not on the upload whitelist (WeChat's wording: `invalid ip …, not in whitelist`; miniprogram-ci has no text of its own for it). */
const IP_NOT_ALLOWED = /invalid ip|not in whitelist|40164|白名单/i;
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up|network/i;
const KEY_FILE = /privateKey|private key|ENOENT|EACCES|EISDIR/i;

/**
 * miniprogram-ci 2.1.42's codes (dist/config/config.js), as fixtures/miniprogram-ci/ holds them:
 * 10000 PARAM_ERROR (a missing key file, `ENOENT … open '<key>'`; a missing version,
 * `function: "upload" lack of parameter: "version"`, both before any network), 20001
 * GET_SIGNATURE_RAND_STRING_ERR (the first request, getrandstr: offline `getaddrinfo ENOTFOUND
 * servicewechat.com`, or WeChat's refusal wrapped as `errCode: -10008; errMsg: invalid ip: …`),
 * 20002 GENERATE_LOCAL_SIGNATURE_ERR (`generate local signature fail …`: the key is not a key),
 * 20003 UPLOAD_CGI_ERR (the upload itself refused: the server's answer as it is).
 */
export function ciFailureKind(result: Extract<CiResult, { ok: false }>): FailureKind {
  const { code, message } = result;
  if (IP_NOT_ALLOWED.test(message)) return 'key';
  if (code === 20002) return 'key';
  if (code === 10000) return KEY_FILE.test(message) ? 'key' : 'bad-argument';
  if (NETWORK.test(message)) return 'network';
  if (/version|desc/i.test(message) && code === 20003) return 'bad-argument';
  return 'exit';
}

const KEY_STEP = 'download the upload key from mp.weixin.qq.com → 开发 → 开发设置 → 小程序代码上传, then give it with --private-key FILE';

export function ciFailureMessage(kind: FailureKind, result: Extract<CiResult, { ok: false }>, keyPath: string): string {
  const said = `\nminiprogram-ci says (code ${result.code ?? 'none'}): ${result.message}`;
  switch (kind) {
    case 'key':
      if (IP_NOT_ALLOWED.test(result.message)) {
        return `WeChat refused this machine's IP address: it is not on the upload IP whitelist. Add it at mp.weixin.qq.com → 开发 → 开发设置 → 小程序代码上传 → IP白名单 (or turn the whitelist off), then try again.${said}`;
      }
      if (result.code === 20002) {
        return `The upload key ${keyPath} is not a valid key: miniprogram-ci could not sign with it (a damaged file, or not the key itself). ${KEY_STEP.charAt(0).toUpperCase()}${KEY_STEP.slice(1)} again.${said}`;
      }
      return `The upload key ${keyPath} is missing or not a valid key: ${KEY_STEP}.${said}`;
    case 'network':
      return `miniprogram-ci could not reach WeChat's servers (servicewechat.com). Check this computer's internet connection (a proxy or firewall may be in the way), then try again.${said}`;
    case 'bad-argument':
      return `miniprogram-ci refused the version or description: give a version like 1.0.0 and a short description, then try again.${said}`;
    default:
      return `miniprogram-ci failed.${said}`;
  }
}
