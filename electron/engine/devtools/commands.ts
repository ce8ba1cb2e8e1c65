/**
 * The developer tools' command lines (SPEC Part 1 "Developer tools" table), as argv arrays: every
 * path, version and description is its own element and never goes through a shell, except for
 * Windows batch files, which only cmd.exe can run; those get cmd.exe's escaping below.
 */
import type { ToolAction } from '../../../shared/api.js';
import type { Platform } from '../../../shared/platforms.js';
import { StudioError } from '../errors.js';

export interface ToolArgsInput {
  readonly action: ToolAction;
  readonly platform: Platform;
  readonly outDir: string;
  readonly appid: string;
  readonly version?: string;
  readonly description?: string;
  /** Where the WeChat CLI writes the QR image (preview, login). */
  readonly qrPath: string;
  /** Where the WeChat CLI writes the sizes it computed (preview, upload). */
  readonly infoPath: string;
  /** Alipay: the IDE install path for `minidev ide --app-path`, when known. */
  readonly idePath?: string | null;
  /** Alipay: minidev's identity key file (`--identity-key-path`): preview and upload without a login. */
  readonly identityKeyPath?: string;
}

export function toolArguments(input: ToolArgsInput): string[] {
  const { action, outDir } = input;
  if (input.platform === 'wechat') {
    switch (action) {
      case 'play':
        return ['open', '--project', outDir];
      case 'preview':
        return ['preview', '--project', outDir, '--qr-format', 'image', '--qr-output', input.qrPath, '--info-output', input.infoPath];
      case 'upload':
        return ['upload', '--project', outDir, '-v', required(input.version, 'version'), '-d', input.description ?? '', '--info-output', input.infoPath];
      case 'login':
        return ['login', '--qr-format', 'image', '--qr-output', input.qrPath];
    }
  }
  // --machine-output: minidev ends with one JSON line (its result, or its error code and message).
  switch (action) {
    case 'play':
      return ['ide', '-p', outDir, ...(input.idePath ? ['--app-path', input.idePath] : []), MACHINE_OUTPUT];
    case 'preview':
      return ['preview', '-a', input.appid, '-p', outDir, ...identityKey(input), MACHINE_OUTPUT];
    case 'upload': {
      const { version, description } = checkMinidevUpload(input.version, input.description ?? '');
      return ['upload', '-a', input.appid, '-p', outDir, '-v', version, '--game', '--version-description', description, ...identityKey(input), MACHINE_OUTPUT];
    }
    case 'login':
      return ['login'];
  }
}

const MACHINE_OUTPUT = '--machine-output';

function identityKey(input: ToolArgsInput): string[] {
  return input.identityKeyPath ? ['--identity-key-path', input.identityKeyPath] : [];
}

/** minidev's own limits (2.2.5: `isValidXyzVersion`, and `remark.length >= 200` refused). */
const XYZ_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const MAX_VERSION_PART = 2_147_483_647;
export const MINIDEV_DESCRIPTION_LIMIT = 200;

/**
 * The version and description of an Alipay upload, checked before minidev starts (it packs the
 * whole game first and only then refuses them): the version is a.b.c with plain numbers, the
 * description shorter than 200 characters, as minidev counts them.
 */
export function checkMinidevUpload(version: string | undefined, description: string): { version: string; description: string } {
  const given = required(version, 'version');
  if (!XYZ_VERSION.test(given) || given.split('.').some((part) => Number(part) > MAX_VERSION_PART)) {
    throw new StudioError(`The version "${given}" is not one minidev accepts: use three numbers, a.b.c (e.g. 1.0.3).`, { code: 'TOOL_ARGUMENT', field: 'version', exitCode: 2 });
  }
  if (description.length >= MINIDEV_DESCRIPTION_LIMIT) {
    throw new StudioError(
      `The description is ${description.length} characters long; minidev takes fewer than ${MINIDEV_DESCRIPTION_LIMIT}: shorten it and try again.`,
      { code: 'TOOL_ARGUMENT', field: 'description', exitCode: 2 },
    );
  }
  return { version: given, description };
}

function required(value: string | undefined, field: string): string {
  if (!value) throw new StudioError(`Upload needs a ${field} (e.g. 1.0.0).`, { code: 'TOOL_ARGUMENT', field, exitCode: 2 });
  return value;
}

/** What to hand to execa: the file to start, its arguments, and whether Node must not re-quote them. */
export interface SpawnPlan {
  readonly file: string;
  readonly args: readonly string[];
  readonly windowsVerbatimArguments: boolean;
}

const BATCH_FILE = /\.(bat|cmd)$/i;
// cmd.exe's special characters (the set cross-spawn escapes, space included).
const CMD_META = /([()\][%!^"`<>&|;, *?])/g;
// An npm shim (node_modules\.bin\x.cmd) passes %* through a second cmd.exe parse.
const NPM_SHIM = /node_modules[\\/]\.bin[\\/][^\\/]+\.cmd$/i;

/**
 * How to start `executable` with `args` on `os`. A Windows `.bat`/`.cmd` runs as
 * `cmd.exe /d /s /c "<line>"` with each element quoted for the program and ^-escaped for cmd.exe.
 */
export function spawnPlan(executable: string, args: readonly string[], os: NodeJS.Platform, comspec?: string): SpawnPlan {
  if (os !== 'win32' || !BATCH_FILE.test(executable)) return { file: executable, args, windowsVerbatimArguments: false };
  const twice = NPM_SHIM.test(executable);
  for (const arg of args) assertBatchSafe(arg);
  const line = [escapeCommand(executable), ...args.map((arg) => escapeArgument(arg, twice))].join(' ');
  return { file: comspec || 'cmd.exe', args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true };
}

/**
 * A batch file re-reads its arguments (`%*`) with cmd.exe's rules, where a double quote inside an
 * argument would end the quoting and expose what follows; a line break ends the command. Such an
 * argument is refused rather than risked (the "BatBadBut" class of bugs).
 */
function assertBatchSafe(arg: string): void {
  if (/["\r\n]/.test(arg)) {
    throw new StudioError(
      `This text can't be passed safely to a Windows .bat tool: ${JSON.stringify(arg)}. ` +
        'Remove double quotes (") and line breaks (use ' + "' or “ ” instead).",
      { code: 'TOOL_ARGUMENT', exitCode: 2 },
    );
  }
}

/** Quoted for the program's own argument parser (MSVC rules), then ^-escaped for cmd.exe. */
export function escapeArgument(arg: string, twice = false): string {
  let quoted = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\*)$/, '$1$1');
  quoted = `"${quoted}"`.replace(CMD_META, '^$1');
  return twice ? quoted.replace(CMD_META, '^$1') : quoted;
}

export function escapeCommand(file: string): string {
  return file.replace(CMD_META, '^$1');
}
