/**
 * Play, Preview, Upload and Login with a developer tool: find the tool, rebuild OUT when it is
 * stale, run the tool's command line, and turn what happened into a ToolResult with its way out.
 * Shared by the app (StudioApi.runTool) and the command line (play|preview|upload).
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolAction, ToolResult } from '../../../shared/api.js';
import { APPID_HINTS, APPID_PATTERNS, type Platform } from '../../../shared/platforms.js';
import type { Report } from '../../../shared/report.js';
import { reportPathFor } from '../build.js';
import { isStudioError } from '../errors.js';
import { buildProject } from '../index.js';
import { stateDirFor } from '../output/locations.js';
import { resolveSettings } from '../settings.js';
import type { BuildOutcome, SettingsOverrides } from '../types.js';
import { spawnPlan, toolArguments } from './commands.js';
import { announcesPortClosed, classifyRun, failureMessage, lastLines, type FailureKind, type RunOutcome } from './failures.js';
import { envVar, nodeHost, type Host } from './host.js';
import { locateTool, type LocatedTool } from './locate.js';
import { minidevLoginPlan, MINIDEV_LOGIN_IN_TERMINAL } from './minidev-login.js';
import { minidevResult } from './minidev-output.js';
import { CI_IGNORES, ciFailureKind, ciFailureMessage, projectSetting, runCiJob, type CiJob } from './miniprogram-ci.js';
import { readQrDataUrl, watchQr } from './qr.js';
import { parseReportedSizes, withReportedSizes, type ReportedSizes } from './reported-sizes.js';
import { runProcess } from './run-process.js';
import { staleReason } from './stale.js';
import { uploadKeyProblem, type KeySource } from './upload-key.js';

export type LogStream = 'stdout' | 'stderr' | 'studio';

export interface RunToolOptions {
  readonly action: ToolAction;
  readonly platform: Platform;
  /** The project: OUT and the AppID come from its settings, and OUT is rebuilt when stale. */
  readonly projectDir?: string;
  readonly overrides?: SettingsOverrides;
  /** Without a project: the built package to open, and its AppID. */
  readonly outDir?: string;
  readonly appid?: string;
  /** Preferences: WeChat DevTools (install folder, .app or cli) or the Alipay IDE (or minidev). */
  readonly toolPath?: string;
  /** Folders whose node_modules/.bin may hold minidev (the project is added when given). */
  readonly dependencyDirs?: readonly string[];
  readonly version?: string;
  readonly description?: string;
  /** WeChat: the upload key. Preview and upload then run through miniprogram-ci, without DevTools. */
  readonly privateKeyPath?: string;
  /** miniprogram-ci's robot (1–30): which CI identity the preview or upload is made by. */
  readonly robot?: number;
  /** Alipay: minidev's identity key (tool ID + private key, JSON): preview and upload need no login. */
  readonly identityKeyPath?: string;
  /** Where the key path came from, named when the key can't be used (default: a command-line flag). */
  readonly keySource?: KeySource;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string, stream: LogStream) => void;
  /** The QR as soon as it exists (login waits for the scan, so it comes before the result). */
  readonly onQr?: (qr: { readonly dataUrl: string; readonly path: string }) => void;
  readonly timeoutMs?: number;
  /** Extra environment for the tool process. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly host?: Host;
  /** The rebuild step (default: the engine's buildProject); false never rebuilds. */
  readonly build?: false | ((dir: string, overrides: SettingsOverrides, options: { signal?: AbortSignal }) => Promise<BuildOutcome>);
}

export interface RunToolResult extends ToolResult {
  readonly reportedSizes: ReportedSizes | null;
  readonly report: Report | null;
  readonly outDir: string | null;
  readonly infoPath: string | null;
}

/** Generous: a first launch of DevTools, a compile and an upload can each take minutes. */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<ToolAction, number>> = {
  play: 120_000,
  preview: 300_000,
  upload: 600_000,
  login: 300_000,
};

const SAMPLE_APPID = 'wx0000000000000000';

export async function runDeveloperTool(options: RunToolOptions): Promise<RunToolResult> {
  const { action, platform } = options;
  const host = options.host ?? nodeHost();
  const log = (line: string) => options.onLine?.(line, 'studio');
  const fail = (failure: FailureKind, message: string, extra: Partial<RunToolResult> = {}): RunToolResult => {
    log(message);
    return { ...emptyResult(action), failure, message, ...extra };
  };

  const headless = platform === 'wechat' && !!options.privateKeyPath && (action === 'preview' || action === 'upload');
  const tool = headless ? { problem: null, cli: 'miniprogram-ci', ide: undefined, message: 'Using miniprogram-ci with the upload key: no DevTools needed.' } : await locateTool(platform, {
    [platform === 'wechat' ? 'wechatDevtoolsPath' : 'alipayIdePath']: options.toolPath ?? '',
    dependencyDirs: [...(options.projectDir ? [options.projectDir] : []), ...(options.dependencyDirs ?? [])],
    host,
  });
  if (tool.problem || !tool.cli) return fail(tool.problem ?? 'not-found', tool.message);
  log(tool.message);

  let outDir = options.outDir ?? null;
  let appid = options.appid ?? '';
  if (options.projectDir && action !== 'login') {
    try {
      const prepared = await prepareOutput(options, log);
      if ('failure' in prepared) return fail('build-failed', prepared.failure);
      ({ outDir, appid } = prepared);
    } catch (error) {
      if (options.signal?.aborted) return fail('cancelled', 'Cancelled while building; the tool was not started.');
      if (isStudioError(error)) return fail('build-failed', error.message);
      throw error;
    }
  }
  if (action !== 'login' && (!outDir || !(await isDirectory(outDir)))) {
    return fail('build-failed', `There is no built package${outDir ? ` at ${outDir}` : ''}: build the project first.`);
  }
  if ((action === 'preview' || action === 'upload') && !validAppid(platform, appid)) {
    return fail('no-appid', `${action === 'preview' ? 'Preview' : 'Upload'} needs the game's own AppID (${APPID_HINTS[platform]}); ` +
      `${appid ? `"${appid}" is not one` : 'none is set'}. Set it in the Build panel (minigame-studio.json "${platform}.appid"), then try again.`);
  }

  const keyPath = headless ? options.privateKeyPath : action === 'preview' || action === 'upload' ? options.identityKeyPath : undefined;
  if (keyPath) {
    const problem = await uploadKeyProblem(keyPath, platform, appid, options.keySource ?? 'flag');
    if (problem) return fail('key', problem, { outDir });
  }

  // The tool's QR image and size report go into the studio's own folder beside OUT, never beside
  // OUT itself, where a file of the user's could have the same name.
  const scratch = outDir ? stateDirFor(outDir) : tmpdir();
  await mkdir(scratch, { recursive: true });
  const base = outDir ? join(scratch, action) : join(scratch, `minigame-studio-${platform}-${action}`);
  const qrPath = `${base}-qr.png`;
  const infoPath = `${base}-info.json`;
  await Promise.all([rm(qrPath, { force: true }), rm(infoPath, { force: true })]);

  if (headless) {
    const ran = await runHeadless(options, { outDir: outDir ?? '', appid, qrPath: `${base}-qr.jpg` });
    if (ran.failure) return fail(ran.failure, ran.message, ran);
    log(ran.message);
    return { ...emptyResult(action), ...ran };
  }

  let plan;
  let env = options.env;
  if (platform === 'alipay' && action === 'login') {
    // `minidev login` draws its QR as terminal blocks only: log in through its JS API instead.
    const login = await minidevLoginPlan(tool.cli);
    if (!login) return fail('exit', MINIDEV_LOGIN_IN_TERMINAL);
    plan = { file: login.file, args: login.args, windowsVerbatimArguments: false };
    env = { ...options.env, ...login.env };
    log(`$ node -e <minidev.login> ${showArg(login.args.at(-1) ?? '')}`);
  } else {
    try {
      const args = toolArguments({ action, platform, outDir: outDir ?? '', appid, version: options.version, description: options.description, qrPath, infoPath, idePath: tool.ide, identityKeyPath: keyPath });
      plan = spawnPlan(tool.cli, args, host.os, envVar(host, 'ComSpec'));
      log(`$ ${[tool.cli, ...args].map(showArg).join(' ')}`);
    } catch (error) {
      if (isStudioError(error)) return fail('bad-argument', error.message);
      throw error;
    }
  }

  const qr = watchQr(platform, action, qrPath, options.onQr);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS_MS[action];
  let seen: FailureKind | null = null;
  const ran = await runProcess(plan, {
    cwd: outDir ?? undefined,
    env,
    timeoutMs,
    signal: options.signal,
    onLine: (line, stream) => {
      options.onLine?.(line, stream);
      qr.line(line);
    },
    // DevTools with the service port off asks "Enable IDE Service (y/N)" and would wait forever.
    stopOn: (line) => {
      if (platform === 'wechat' && announcesPortClosed(line)) seen = 'port-closed';
      return seen !== null;
    },
  }).catch(async (error: unknown) => {
    await qr.finish();
    throw error;
  });
  const qrDataUrl = await qr.finish(ran.exitCode === 0 ? ran.lines : []);
  const outcome: RunOutcome = { ...ran, seen, timeoutMs };
  const needsQr = action === 'preview' || (action === 'login' && platform === 'wechat');
  const failure = classifyRun(platform, outcome, !needsQr || qrDataUrl !== null);
  const lines = lastLines(ran.lines, 20);

  const reportedSizes = await readReportedSizes(infoPath);
  const report = outDir && reportedSizes ? await readReport(outDir).then((r) => (r ? withReportedSizes(r, reportedSizes) : null)) : null;
  const extra = { qrDataUrl, qrPath: qrDataUrl ? qrPath : null, lastLines: lines, reportedSizes, report, outDir, infoPath: reportedSizes ? infoPath : null };
  if (failure) {
    const message = failure === 'exit' && ran.exitCode === 0
      ? noQrMessage(platform, ran.lines, lines)
      : failureMessage(failure, { platform, action, cli: tool.cli, outcome, keyPath });
    return fail(failure, message, extra);
  }
  const message = successMessage(action, platform, outDir, qrDataUrl ? qrPath : null, options.version);
  log(message);
  return { ...emptyResult(action), ...extra, ok: true, failure: null, message };
}

async function runHeadless(options: RunToolOptions, at: { outDir: string; appid: string; qrPath: string }): Promise<RunToolResult> {
  const { action } = options;
  const job: CiJob = {
    action: action as CiJob['action'],
    appid: at.appid,
    projectPath: at.outDir,
    privateKeyPath: options.privateKeyPath as string,
    ignores: CI_IGNORES,
    setting: await projectSetting(at.outDir),
    version: options.version,
    desc: options.description,
    robot: options.robot,
    ...(action === 'preview' && { qrcodeOutputDest: at.qrPath }),
  };
  await rm(at.qrPath, { force: true });
  options.onLine?.(`$ node miniprogram-ci ${action} ${at.outDir}`, 'studio');
  const ran = await runCiJob(job, { env: options.env, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUTS_MS[action], signal: options.signal, onLine: options.onLine });
  const result = ran.result;
  const lines = lastLines(ran.lines, 20);
  const base = { ...emptyResult(action), lastLines: lines, outDir: at.outDir };
  if (ran.cancelled) return { ...base, failure: 'cancelled', message: 'Cancelled: miniprogram-ci was stopped.' };
  if (ran.timedOut) return { ...base, failure: 'timeout', message: `miniprogram-ci did not finish in time and was stopped.` };
  if (!result) return { ...base, failure: 'exit', message: `miniprogram-ci ended without a result (exit code ${ran.exitCode}).` };
  if (!result.ok) {
    const kind = ciFailureKind(result);
    return { ...base, failure: kind, message: ciFailureMessage(kind, result, job.privateKeyPath) };
  }
  const reportedSizes = parseReportedSizes(JSON.stringify({ subPackageInfo: result.subPackageInfo }));
  const report = reportedSizes ? await readReport(at.outDir).then((r) => (r ? withReportedSizes(r, reportedSizes) : null)) : null;
  const qrDataUrl = action === 'preview' ? await readQrDataUrl(at.qrPath) : null;
  if (action === 'preview' && !qrDataUrl) return { ...base, failure: 'exit', message: 'miniprogram-ci finished the preview but wrote no QR image.' };
  const message = action === 'preview'
    ? `Preview QR code saved to ${at.qrPath}: scan it with WeChat.`
    : `Uploaded version ${options.version} as a development version (miniprogram-ci).`;
  return { ...base, ok: true, failure: null, message, qrDataUrl, qrPath: qrDataUrl ? at.qrPath : null, reportedSizes, report };
}

async function prepareOutput(options: RunToolOptions, log: (line: string) => void): Promise<{ outDir: string; appid: string } | { failure: string }> {
  const dir = options.projectDir as string;
  const overrides: SettingsOverrides = { ...options.overrides, platform: options.platform };
  const settings = await resolveSettings(dir, overrides);
  const build = options.build === undefined ? buildProject : options.build;
  if (build === false) return { outDir: settings.outDir, appid: settings.appid };
  // Flags that are not in any file (an --appid for this run) always rebuild: the report can't tell.
  const runOnly = Object.entries(options.overrides ?? {}).some(([k, v]) => k !== 'platform' && v !== undefined);
  const reason = runOnly ? 'this run overrides settings' : await staleReason(settings, options.signal);
  if (reason === null) {
    log(`The build in ${settings.outDir} is up to date.`);
    return { outDir: settings.outDir, appid: settings.appid };
  }
  log(`Building first: ${reason}…`);
  const outcome = await build(dir, overrides, { signal: options.signal });
  if (!outcome.built) {
    const blocking = outcome.analysis.report.problems.filter((p) => p.severity === 'error').map((p) => `  ${p.code}: ${p.message}`);
    return { failure: `The project can't be built, so the tool was not started:\n${blocking.join('\n')}` };
  }
  if (outcome.exitCode !== 0) log('Built, but the report has errors: the platform may reject this package (see the report).');
  return { outDir: outcome.analysis.settings.outDir, appid: outcome.analysis.settings.appid };
}

/** A run that succeeded without a QR; minidev may have named a QR image that could not be downloaded. */
function noQrMessage(platform: Platform, allLines: readonly string[], lines: readonly string[]): string {
  const image = platform === 'alipay' ? minidevResult(allLines)?.qrcodeUrl : null;
  if (image) return `minidev made the preview, but its QR image could not be downloaded: open ${image} in a browser and scan it with Alipay.`;
  return `${platform === 'wechat' ? 'WeChat DevTools' : 'minidev'} finished but gave no QR code.${lines.length ? `\nLast lines:\n${lastLines(lines, 5).map((l) => `  ${l}`).join('\n')}` : ''}`;
}

function validAppid(platform: Platform, appid: string): boolean {
  return APPID_PATTERNS[platform].test(appid) && appid !== SAMPLE_APPID;
}

async function readReportedSizes(infoPath: string): Promise<ReportedSizes | null> {
  try {
    return parseReportedSizes(await readFile(infoPath, 'utf8'));
  } catch {
    return null;
  }
}

async function readReport(outDir: string): Promise<Report | null> {
  try {
    return JSON.parse(await readFile(reportPathFor(outDir), 'utf8')) as Report;
  } catch {
    return null;
  }
}

function successMessage(action: ToolAction, platform: Platform, outDir: string | null, qrPath: string | null, version?: string): string {
  const tool = platform === 'wechat' ? 'WeChat DevTools' : 'Alipay Mini Program Studio';
  switch (action) {
    case 'play':
      return `Opened ${outDir} in ${tool}.`;
    case 'preview':
      // minidev pushes the preview to the phone by itself (--auto-push) and may print no QR URL.
      return qrPath
        ? `Preview QR code saved to ${qrPath}: scan it with ${platform === 'wechat' ? 'WeChat' : 'Alipay'}.`
        : 'minidev finished the preview but printed no QR code; it may have pushed it to your Alipay app already (see the log).';
    case 'upload':
      return `Uploaded version ${version} as a development version.`;
    case 'login':
      return `${tool} is logged in.`;
  }
}

function emptyResult(action: ToolAction): RunToolResult {
  return { action, ok: false, failure: null, message: '', qrDataUrl: null, qrPath: null, lastLines: [], reportedSizes: null, report: null, outDir: null, infoPath: null };
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

function showArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

export type { LocatedTool };
