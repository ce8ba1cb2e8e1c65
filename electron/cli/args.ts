/**
 * The one place the command line's flags are parsed (node:util parseArgs). Each command accepts
 * exactly the flags DESIGN gives it; anything else is a usage error (exit 2) with a hint.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PLATFORMS, type Platform } from '../../shared/platforms.js';
import { parseSize } from '../../shared/sizes.js';
import { DEVICES } from '../engine/simulator/devices.js';
import { NETWORK_PROFILES } from '../engine/simulator/network-profiles.js';

export const COMMANDS = ['build', 'report', 'serve', 'serve-remote', 'play', 'preview', 'upload', 'diff', 'simulate', 'fit'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
}

export interface Command {
  readonly name: CommandName;
  /** Absolute; undefined when the user gave none (serve picks the last project then). */
  readonly dir: string | undefined;
  readonly platform?: Platform;
  readonly out?: string;
  readonly appid?: string;
  readonly md5Cache?: boolean;
  readonly remoteUrl?: string;
  readonly json: boolean;
  readonly watch: boolean;
  readonly port?: number;
  readonly tool?: string;
  readonly version?: string;
  readonly privateKey?: string;
  /** Alipay: minidev's identity key (tool ID + private key, JSON), absolute: preview and upload without a login. */
  readonly identityKeyPath?: string;
  readonly robot?: number;
  readonly desc?: string;
  /** build, report: 'text' (the summary) or 'github' (annotations); diff: 'text', 'markdown' or 'json'. */
  readonly format?: OutputFormat;
  /** build, report: where to write the JUnit XML (absolute). */
  readonly junit?: string;
  /** diff: the two builds to compare (before, after), as the user named them. */
  readonly refs?: readonly string[];
  /** diff: exit 3 when a package grew by more than this many bytes. */
  readonly failOnGrowth?: number;
  /** simulate: seconds of play (default 10). */
  readonly seconds?: number;
  readonly device?: string;
  readonly network?: string;
  readonly storageQuota?: number;
  readonly screenshot?: string;
  /** simulate: taps in the device's CSS pixels, in order. */
  readonly taps?: readonly { readonly x: number; readonly y: number }[];
  /** fit: the plan to write into minigame-studio.json (1-based, as printed). */
  readonly apply?: number;
  /** simulate: the fakes file for the servers' APIs (absolute). */
  readonly fakes?: string;
  /** simulate: cold start into this independent subpackage. */
  readonly subpackage?: string;
}

export type OutputFormat = 'text' | 'github' | 'markdown' | 'json';

const FORMATS: Readonly<Partial<Record<CommandName, readonly OutputFormat[]>>> = {
  build: ['text', 'github'],
  report: ['text', 'github'],
  diff: ['text', 'markdown', 'json'],
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  platform: { type: 'string' },
  out: { type: 'string' },
  appid: { type: 'string' },
  'md5-cache': { type: 'boolean' },
  'no-md5-cache': { type: 'boolean' },
  'remote-url': { type: 'string' },
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  port: { type: 'string' },
  tool: { type: 'string' },
  version: { type: 'string' },
  'private-key': { type: 'string' },
  'identity-key-path': { type: 'string' },
  robot: { type: 'string' },
  desc: { type: 'string' },
  format: { type: 'string' },
  junit: { type: 'string' },
  'fail-on-growth': { type: 'string' },
  seconds: { type: 'string' },
  device: { type: 'string' },
  network: { type: 'string' },
  'storage-quota': { type: 'string' },
  screenshot: { type: 'string' },
  tap: { type: 'string', multiple: true },
  apply: { type: 'string' },
  fakes: { type: 'string' },
  subpackage: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;

const ALLOWED: Readonly<Record<CommandName, readonly Flag[]>> = {
  build: ['platform', 'out', 'appid', 'md5-cache', 'no-md5-cache', 'remote-url', 'json', 'watch', 'format', 'junit'],
  report: ['platform', 'json', 'format', 'junit'],
  play: ['platform', 'tool', 'json'],
  preview: ['platform', 'tool', 'version', 'desc', 'private-key', 'identity-key-path', 'robot', 'json'],
  upload: ['platform', 'tool', 'version', 'desc', 'private-key', 'identity-key-path', 'robot', 'json'],
  serve: ['port'],
  'serve-remote': ['port'],
  diff: ['platform', 'format', 'fail-on-growth'],
  simulate: ['platform', 'out', 'seconds', 'device', 'network', 'storage-quota', 'screenshot', 'tap', 'fakes', 'subpackage', 'json'],
  fit: ['platform', 'json', 'apply', 'remote-url'],
};

export function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** Parses `argv` (without node and the script); throws UsageError naming the bad flag or value. */
export function parseCommand(argv: readonly string[], cwd: string): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  const [name, dir, ...extra] = positionals;
  if (values.help && (name === undefined || isCommand(name))) return 'help';
  if (name === undefined) throw new UsageError('Name a command: build, report, serve, serve-remote, play, preview, upload, diff, simulate or fit.');
  if (!isCommand(name)) throw new UsageError(`Unknown command "${name}"; the commands are ${COMMANDS.join(', ')}.`);
  const diff = name === 'diff' ? diffPositionals(dir === undefined ? [] : [dir, ...extra], cwd) : null;
  if (!diff && extra.length > 0) throw new UsageError(`${name} takes one folder; unexpected "${extra.join(' ')}".`);

  for (const flag of Object.keys(values) as Flag[]) {
    if (flag !== 'help' && !ALLOWED[name].includes(flag)) {
      throw new UsageError(`--${flag} is not an option of "${name}"; it takes ${ALLOWED[name].map((f) => `--${f}`).join(' ') || 'no options'}.`);
    }
  }
  if (values['md5-cache'] && values['no-md5-cache']) throw new UsageError('Give --md5-cache or --no-md5-cache, not both.');
  const platform = values.platform;
  if (platform !== undefined && !(PLATFORMS as readonly string[]).includes(platform)) {
    throw new UsageError(`--platform must be ${PLATFORMS.join(' or ')} (got "${platform}").`);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${values.port}").`);
  }
  const format = values.format as OutputFormat | undefined;
  if (format !== undefined && !FORMATS[name]?.includes(format)) {
    throw new UsageError(`--format of "${name}" must be ${FORMATS[name]?.join(', ') ?? 'absent'} (got "${format}").`);
  }
  if (format === 'github' && values.json) throw new UsageError('Give --json or --format github, not both.');
  const growth = values['fail-on-growth'] === undefined ? undefined : parseSize(/^\d+$/.test(values['fail-on-growth']) ? Number(values['fail-on-growth']) : values['fail-on-growth']);
  if (growth && !growth.ok) throw new UsageError(`--fail-on-growth ${growth.reason} (got "${values['fail-on-growth']}").`);
    const simulate = simulateFlags(values);
  if (values.screenshot && !/\.png$/i.test(values.screenshot)) throw new UsageError(`--screenshot saves a PNG: give a file name ending in .png (got "${values.screenshot}").`);
  const robot = values.robot === undefined ? undefined : Number(values.robot);
  if (robot !== undefined && !(Number.isInteger(robot) && robot >= 1 && robot <= 30)) throw new UsageError(`--robot must be a whole number from 1 to 30 (got "${values.robot}").`);
  if (values['private-key'] !== undefined && platform === 'alipay') throw new UsageError('--private-key is for --platform wechat (miniprogram-ci); Alipay takes --identity-key-path FILE.');
  if (values['identity-key-path'] !== undefined && platform === 'wechat') throw new UsageError('--identity-key-path is for --platform alipay (minidev); WeChat takes --private-key FILE.');
  if (robot !== undefined && platform === 'alipay') throw new UsageError('--robot is for --platform wechat with --private-key (miniprogram-ci).');
  const apply = values.apply === undefined ? undefined : Number(values.apply);
  if (apply !== undefined && !(Number.isSafeInteger(apply) && apply >= 1)) throw new UsageError(`--apply takes the number of a plan as "fit" prints it, e.g. --apply 1 (got "${values.apply}").`);
  if (name === 'fit' && values['remote-url'] !== undefined && apply === undefined) {
    throw new UsageError('fit takes --remote-url only with --apply N: it is the Remote URL a plan needs.');
  }
  for (const flag of ['out', 'appid', 'remote-url', 'tool', 'version', 'desc', 'junit', 'screenshot', 'private-key', 'identity-key-path', 'fakes', 'subpackage'] as const) {
    if (values[flag] === '' && flag !== 'remote-url') throw new UsageError(`--${flag} needs a value.`);
  }
  return {
    name,
    dir: diff ? diff.dir : dir === undefined ? undefined : resolve(cwd, dir),
    platform: platform as Platform | undefined,
    out: values.out === undefined ? undefined : resolve(cwd, values.out),
    appid: values.appid,
    md5Cache: values['md5-cache'] ? true : values['no-md5-cache'] ? false : undefined,
    remoteUrl: values['remote-url'],
    json: values.json ?? false,
    watch: values.watch ?? false,
    port,
    tool: values.tool,
    version: values.version,
    desc: values.desc,
    privateKey: values['private-key'] === undefined ? undefined : resolve(cwd, values['private-key']),
    identityKeyPath: values['identity-key-path'] === undefined ? undefined : resolve(cwd, values['identity-key-path']),
    robot,
    format,
    junit: values.junit === undefined ? undefined : resolve(cwd, values.junit),
    ...(diff && { refs: diff.refs }),
    failOnGrowth: growth?.ok ? growth.bytes : undefined,
    ...simulate,
    screenshot: values.screenshot === undefined ? undefined : resolve(cwd, values.screenshot),
    ...(apply !== undefined && { apply }),
    fakes: values.fakes === undefined ? undefined : resolve(cwd, values.fakes),
    subpackage: values.subpackage,
  };
}

/**
 * `diff [DIR] [A] [B]`: three words are DIR A B; with fewer, the first is DIR when it is a folder
 * (a report file, `@prev` or a git ref is not).
 */
function diffPositionals(words: readonly string[], cwd: string): { dir: string | undefined; refs: string[] } {
  if (words.length > 3) throw new UsageError(`diff takes a folder and two builds; unexpected "${words.slice(3).join(' ')}".`);
  const [first, ...rest] = words;
  const isFolder = first !== undefined && !first.startsWith('@') && (words.length === 3 || isDirectory(resolve(cwd, first)));
  return isFolder ? { dir: resolve(cwd, first), refs: rest } : { dir: undefined, refs: [...words] };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const MAX_SECONDS = 600;

/** simulate's own flags: numbers in range, a known device and network profile, taps as X,Y. */
function simulateFlags(values: { seconds?: string; device?: string; network?: string; 'storage-quota'?: string; tap?: string[] }): Partial<Command> {
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_SECONDS)) {
    throw new UsageError(`--seconds must be a number of seconds above 0 and at most ${MAX_SECONDS} (got "${values.seconds}").`);
  }
  if (values.device !== undefined && !DEVICES.some((d) => d.name === values.device?.toLowerCase())) {
    throw new UsageError(`--device must be one of ${DEVICES.map((d) => d.name).join(', ')} (got "${values.device}").`);
  }
  if (values.network !== undefined && !NETWORK_PROFILES.some((p) => p.name === values.network?.toLowerCase())) {
    throw new UsageError(`--network must be one of ${NETWORK_PROFILES.map((p) => p.name).join(', ')} (got "${values.network}").`);
  }
  const quota = values['storage-quota'] === undefined ? undefined : Number(values['storage-quota']);
  if (quota !== undefined && !(Number.isSafeInteger(quota) && quota >= 0)) {
    throw new UsageError(`--storage-quota must be a whole number of bytes (got "${values['storage-quota']}").`);
  }
  const taps = (values.tap ?? []).map((text) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
    if (!match) throw new UsageError(`--tap takes X,Y in the device's CSS pixels, e.g. --tap 187,400 (got "${text}").`);
    return { x: Number(match[1]), y: Number(match[2]) };
  });
  return { seconds, device: values.device?.toLowerCase(), network: values.network?.toLowerCase(), storageQuota: quota, ...(values.tap && { taps }) };
}

export const USAGE = `Usage:
  minigame-studio build [DIR] --platform wechat|alipay [--out OUT] [--appid ID]
                        [--md5-cache | --no-md5-cache] [--remote-url URL] [--json] [--watch]
  minigame-studio report [DIR] --platform wechat|alipay [--json]
  minigame-studio play   [DIR] --platform wechat|alipay [--tool PATH]
  minigame-studio serve  [DIR] [--port N]
  minigame-studio serve-remote [DIR] [--port N]
  minigame-studio preview|upload [DIR] --platform wechat|alipay [--tool PATH] [--version V --desc D]
                        [--private-key FILE [--robot N]]  (WeChat, through miniprogram-ci: no DevTools)
                        [--identity-key-path FILE]        (Alipay: minidev with its identity key, no login)
  minigame-studio diff   [DIR] [A] [B] --platform wechat|alipay [--format text|markdown|json]
                         [--fail-on-growth SIZE]

build and report also take --format github (problems as GitHub Actions annotations) and
--junit FILE (JUnit XML: a test per package limit, budget and rule).
diff compares two builds, by default the latest against the one before: A and B are report files
(OUT.report.json), history entries (@latest, @prev, @N, an entry's id) or git refs.
  minigame-studio simulate [DIR] --platform wechat|alipay [--out OUT] [--seconds N] [--device NAME]
                        [--network wifi|4g|3g|offline] [--storage-quota BYTES]
                        [--screenshot FILE.png] [--tap X,Y]... [--fakes FILE.json]
                        [--subpackage NAME] [--json]
  minigame-studio fit    [DIR] --platform wechat|alipay [--json] [--apply N [--remote-url URL]]

fit lists plans that get the packages under their limits and budgets; --apply N writes plan N's
settings into minigame-studio.json (--remote-url fills a plan that needs one).

DIR defaults to the current folder. Flags override minigame-studio.json for this run only.
Exit codes: 0 built, within every limit; 3 built, but the report has errors;
            1 nothing was built (the previous output is untouched); 2 usage error.
fit:        0 nothing is over, or a plan fits (with --apply: the plan written fits); 3 no plan fits
            (with --apply: written, but it does not fit); 1 the project can't be read; 2 usage error.
simulate:   0 the game drew a frame that is not blank and threw nothing; 3 it did not;
            1 nothing could run (no build, no Chromium); 2 usage error.
`;
