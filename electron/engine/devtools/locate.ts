/**
 * Finding the developer tools (SPEC Part 1 "Developer tools", §4.2, §5.3).
 *
 * WeChat: the Preferences path may be the install folder, the macOS `.app`, or the CLI itself; the
 * CLI is derived from it. With no path, the default install places are probed (macOS current and
 * pre-2020 layouts, both Windows Program Files folders and both folder names) and, on Linux, PATH.
 * Alipay: `minidev` drives the IDE; it comes from the project's or the studio's node_modules, or
 * PATH. The Preferences path names the IDE (or minidev itself).
 */
import type { Platform } from '../../../shared/platforms.js';
import type { ToolLocation } from '../../../shared/api.js';
import { envVar, findOnPath, nodeHost, pathsOf, type Host } from './host.js';

export type LocateProblem = 'no-path' | 'not-found' | 'not-executable';

/** A ToolLocation plus what the runner needs: why nothing usable was found, and the Alipay IDE. */
export interface LocatedTool extends ToolLocation {
  readonly problem: LocateProblem | null;
  /** Alipay: the IDE to pass as `--app-path`, when known. */
  readonly ide: string | null;
}

export interface LocateOptions {
  /** Preferences: the WeChat DevTools path and the Alipay IDE path ('' or absent = not set). */
  readonly wechatDevtoolsPath?: string;
  readonly alipayIdePath?: string;
  /** Folders whose node_modules/.bin may hold minidev (the project, the studio). */
  readonly dependencyDirs?: readonly string[];
  readonly host?: Host;
}

export const WECHAT_NAME = 'WeChat DevTools';
export const ALIPAY_NAME = 'Alipay Mini Program Studio (minidev)';

export async function locateTools(options: LocateOptions = {}): Promise<readonly LocatedTool[]> {
  return [await locateTool('wechat', options), await locateTool('alipay', options)];
}

export function locateTool(platform: Platform, options: LocateOptions = {}): Promise<LocatedTool> {
  const host = options.host ?? nodeHost();
  return platform === 'wechat'
    ? locateWechat(host, (options.wechatDevtoolsPath ?? '').trim())
    : locateAlipay(host, (options.alipayIdePath ?? '').trim(), options.dependencyDirs ?? []);
}

/** Where the CLI sits inside a WeChat DevTools install folder or `.app`, for this OS. */
export function wechatCliCandidates(host: Host, dir: string): string[] {
  const p = pathsOf(host);
  if (host.os === 'win32') return [p.join(dir, 'cli.bat')];
  return [
    p.join(dir, 'Contents', 'MacOS', 'cli'),
    p.join(dir, 'Contents', 'Resources', 'app.nw', 'bin', 'cli'),
    p.join(dir, 'cli'),
    p.join(dir, 'bin', 'cli'),
    p.join(dir, 'wechat-devtools-cli'),
    p.join(dir, 'bin', 'wechat-devtools-cli'),
  ];
}

/** The default WeChat DevTools install places of this OS (folders or `.app`s). */
export function wechatDefaultInstalls(host: Host): string[] {
  const p = pathsOf(host);
  if (host.os === 'darwin') {
    return ['/Applications/wechatwebdevtools.app', p.join(host.homeDir, 'Applications', 'wechatwebdevtools.app')];
  }
  if (host.os === 'win32') {
    const bases = [envVar(host, 'ProgramFiles(x86)') ?? 'C:\\Program Files (x86)', envVar(host, 'ProgramFiles') ?? 'C:\\Program Files'];
    return [...new Set(bases)].flatMap((base) => ['微信web开发者工具', '微信开发者工具'].map((name) => p.join(base, 'Tencent', name)));
  }
  return [];
}

const LINUX_WECHAT_COMMANDS = ['wechat-devtools-cli', 'wechat-web-devtools-cli', 'wechat-devtools'];

async function locateWechat(host: Host, preference: string): Promise<LocatedTool> {
  const found = (cli: string, source: ToolLocation['source'], where: string): Promise<LocatedTool> =>
    checkExecutable(host, { platform: 'wechat', cli, source, ide: null, problem: null, message: `${WECHAT_NAME} CLI: ${cli} (${where})` });

  if (preference) {
    const kind = await host.kind(preference);
    if (kind === 'file') {
      // The app's own executable (微信开发者工具.exe, …/MacOS/wechatwebdevtools) was picked: its CLI sits beside it.
      const p = pathsOf(host);
      const sibling = /cli/i.test(p.basename(preference)) ? null : await firstFile(host, wechatCliCandidates(host, p.dirname(preference)));
      return found(sibling ?? preference, 'preferences', 'from Preferences');
    }
    if (kind === 'dir') {
      const candidates = wechatCliCandidates(host, preference);
      const cli = await firstFile(host, candidates);
      if (cli) return found(cli, 'preferences', `from Preferences: ${preference}`);
      return missing('wechat', 'preferences', 'not-found',
        `No ${WECHAT_NAME} CLI in ${preference} (looked for ${candidates.join(', ')}). ` +
          'In Preferences (or --tool), choose the DevTools install folder, its .app, or the cli itself.');
    }
    return missing('wechat', 'preferences', 'not-found',
      `The ${WECHAT_NAME} path does not exist: ${preference}. In Preferences (or --tool), choose the DevTools install folder, its .app, or the cli itself.`);
  }

  for (const install of wechatDefaultInstalls(host)) {
    const cli = await firstFile(host, wechatCliCandidates(host, install));
    if (cli) return found(cli, 'default-location', 'default install place');
  }
  if (host.os !== 'win32' && host.os !== 'darwin') {
    const cli = await findOnPath(host, LINUX_WECHAT_COMMANDS);
    if (cli) return found(cli, 'path', 'on PATH');
  }
  const places = host.os === 'darwin' || host.os === 'win32' ? wechatDefaultInstalls(host).join(', ') : `PATH (${LINUX_WECHAT_COMMANDS.join(', ')})`;
  return missing('wechat', null, 'no-path',
    `${WECHAT_NAME} was not found (looked in ${places}). Install it, or set its install folder in Preferences → ${WECHAT_NAME}.`);
}

const MINIDEV_FILE = /^minidev(\.cmd|\.bat|\.exe|\.ps1)?$/i;

function alipayDefaultIdes(host: Host): string[] {
  if (host.os === 'darwin') return ['/Applications/小程序开发者工具.app'];
  if (host.os === 'win32') return [pathsOf(host).join(envVar(host, 'ProgramFiles') ?? 'C:\\Program Files', '小程序开发者工具')];
  return [];
}

async function locateAlipay(host: Host, preference: string, dependencyDirs: readonly string[]): Promise<LocatedTool> {
  const p = pathsOf(host);
  let ide: string | null = null;
  let minidev: { cli: string; source: ToolLocation['source']; where: string } | null = null;

  if (preference) {
    const kind = await host.kind(preference);
    if (kind === null) {
      return missing('alipay', 'preferences', 'not-found',
        `The Alipay IDE path does not exist: ${preference}. In Preferences (or --tool), choose the Mini Program Studio (小程序开发者工具) install folder or app, or minidev itself.`);
    }
    if (kind === 'file' && MINIDEV_FILE.test(p.basename(preference))) minidev = { cli: preference, source: 'preferences', where: 'from Preferences' };
    else ide = preference;
  } else {
    ide = await firstExisting(host, alipayDefaultIdes(host));
  }

  if (!minidev) {
    const names = host.os === 'win32' ? ['minidev.cmd', 'minidev.exe', 'minidev'] : ['minidev'];
    const deps = dependencyDirs.flatMap((dir) => names.map((name) => p.join(dir, 'node_modules', '.bin', name)));
    const dep = await firstFile(host, deps);
    if (dep) minidev = { cli: dep, source: 'dependency', where: 'a dependency' };
    else {
      const onPath = await findOnPath(host, ['minidev']);
      if (onPath) minidev = { cli: onPath, source: 'path', where: 'on PATH' };
    }
  }

  if (!minidev) {
    const how = 'Install it with `npm install -g minidev` (or add it to the project), then try again.';
    return ide
      ? missing('alipay', 'preferences', 'not-found', `minidev, which opens the Alipay IDE (${ide}), was not found. ${how}`, ide)
      : missing('alipay', null, 'no-path', `${ALIPAY_NAME} was not found. ${how} Set the IDE (小程序开发者工具) in Preferences if it is not in its default place.`);
  }
  const ideNote = ide ? `; IDE: ${ide}` : '; IDE: minidev default';
  return checkExecutable(host, {
    platform: 'alipay',
    cli: minidev.cli,
    source: minidev.source,
    ide,
    problem: null,
    message: `minidev: ${minidev.cli} (${minidev.where})${ideNote}`,
  });
}

async function checkExecutable(host: Host, located: LocatedTool): Promise<LocatedTool> {
  if (!located.cli || (await host.isExecutable(located.cli))) return located;
  const fix = host.os === 'win32' ? 'Reinstall the tool.' : `Make it executable (chmod +x "${located.cli}") or reinstall the tool.`;
  return { ...located, problem: 'not-executable', message: `${located.cli} is not executable. ${fix}` };
}

function missing(platform: Platform, source: ToolLocation['source'], problem: LocateProblem, message: string, ide: string | null = null): LocatedTool {
  return { platform, cli: null, source, ide, problem, message };
}

async function firstFile(host: Host, candidates: readonly string[]): Promise<string | null> {
  for (const candidate of candidates) if ((await host.kind(candidate)) === 'file') return candidate;
  return null;
}

async function firstExisting(host: Host, candidates: readonly string[]): Promise<string | null> {
  for (const candidate of candidates) if ((await host.kind(candidate)) !== null) return candidate;
  return null;
}
