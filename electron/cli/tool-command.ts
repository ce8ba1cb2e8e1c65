/**
 * `minigame-studio play|preview|upload [DIR]`: the developer tools from the command line, with the
 * app's messages. The tool's output goes to stderr as it comes; stdout gets the one result a
 * script wants (the QR image's path for preview), or the result as JSON with --json.
 * Exit codes: 0 done, 1 the tool or the build failed, 2 usage.
 */
import type { ToolAction } from '../../shared/api.js';
import type { Platform } from '../../shared/platforms.js';
import type { ReportedSizes } from '../../shared/report.js';
import { runDeveloperTool, type RunToolResult } from '../engine/devtools/index.js';
import { createPreferencesStore, defaultUserDataDir } from '../engine/preferences.js';

export interface ToolCommandArgs {
  readonly dir: string;
  readonly platform: Platform;
  readonly tool?: string;
  readonly version?: string;
  readonly desc?: string;
  /** WeChat's upload key: preview and upload run through miniprogram-ci, without DevTools. */
  readonly privateKey?: string;
  /** Alipay's identity key (tool ID + private key, JSON): minidev runs with --identity-key-path, no login needed. */
  readonly identityKeyPath?: string;
  readonly robot?: number;
  readonly json?: boolean;
}

export interface ToolCommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Environment variables that name a tool for CI machines, between --tool and Preferences. */
export const TOOL_ENV: Readonly<Record<Platform, string>> = {
  wechat: 'MINIGAME_STUDIO_WECHAT_DEVTOOLS',
  alipay: 'MINIGAME_STUDIO_ALIPAY_IDE',
};

const DEFAULT_DESCRIPTION = 'Uploaded with Minigame Studio';

export async function runToolCommand(
  action: Exclude<ToolAction, 'login'>,
  args: ToolCommandArgs,
  io: ToolCommandIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (action === 'upload' && !args.version) {
    io.stderr.write('error: upload needs --version (e.g. --version 1.0.0), and takes --desc "what changed".\n');
    return 2;
  }
  const toolPath = args.tool ?? env[TOOL_ENV[args.platform]] ?? (await preferencePath(args.platform, env));
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let result: RunToolResult;
  try {
    result = await runDeveloperTool({
      action,
      platform: args.platform,
      projectDir: args.dir,
      toolPath,
      version: args.version,
      privateKeyPath: args.privateKey,
      identityKeyPath: args.identityKeyPath,
      robot: args.robot,
      description: action === 'upload' ? (args.desc ?? DEFAULT_DESCRIPTION) : args.desc,
      signal: controller.signal,
      // The studio's own lines are the messages; the tool's are indented under them.
      onLine: (line, stream) => io.stderr.write(stream === 'studio' ? `${line}\n` : `  ${line}\n`),
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }

  if (args.json) {
    const { qrDataUrl: _qr, ...rest } = result;
    io.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  } else if (result.ok) {
    io.stdout.write(`${action === 'preview' ? (result.qrPath ?? result.message) : result.message}\n`);
    if (result.reportedSizes) io.stderr.write(formatReportedSizes(result.reportedSizes));
  }
  if (result.ok) return 0;
  return result.failure === 'bad-argument' ? 2 : 1;
}

async function preferencePath(platform: Platform, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const prefs = await createPreferencesStore(defaultUserDataDir(env)).get();
    return (platform === 'wechat' ? prefs.wechatDevtoolsPath : prefs.alipayIdePath) || undefined;
  } catch {
    // Unreadable preferences: fall back to the default install places.
    return undefined;
  }
}

export function formatReportedSizes(sizes: ReportedSizes): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = sizes.packages.map((p) => `  ${p.name.padEnd(16)} ${kb(p.bytes)}`);
  if (sizes.totalBytes !== null) rows.push(`  ${'total'.padEnd(16)} ${kb(sizes.totalBytes)}`);
  return `Sizes reported by the tool:\n${rows.join('\n')}\n`;
}
