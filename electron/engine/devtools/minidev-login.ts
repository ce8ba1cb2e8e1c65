/**
 * Alipay login through minidev's JS API. `minidev login` draws its QR only as terminal blocks,
 * which no window can show; its API hands the QR's content to a `qrcode-generated` listener
 * (index.d.ts: `minidev.login(opts, onCreateLoginTask)`, `ILoginTask.on('qrcode-generated', url)`).
 * The API runs in a child Node process (so cancel and timeout stop it like any tool run), which
 * prints one JSON line per event and ends with minidev's machine-output shape on failure.
 */
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The child's program, run as `node -e SCRIPT <minidev package folder>`. */
const LOGIN_SCRIPT = `
const print = (value) => console.log(JSON.stringify(value));
const { minidev } = require(process.argv[1]);
minidev
  .login({}, (task) => {
    task.on('qrcode-generated', (qrCodeUrl) => print({ event: 'qrcode-generated', qrCodeUrl }));
    task.on('scan', () => print({ event: 'scan' }));
  })
  .then(
    () => { print({ event: 'success', success: true }); process.exit(0); },
    (error) => { print({ success: false, errorCode: error && error.errorCode, message: String(error && error.message || error) }); process.exit(255); },
  );
`;

export interface LoginPlan {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The node command that logs in with the minidev package behind `cli`, or null when there is none to load. */
export async function minidevLoginPlan(cli: string, node = process.execPath): Promise<LoginPlan | null> {
  const packageDir = await minidevPackageDir(cli);
  if (!packageDir) return null;
  // Inside Electron, execPath is the app: this makes it run the script as plain Node.
  return { file: node, args: ['-e', LOGIN_SCRIPT, packageDir], env: { ELECTRON_RUN_AS_NODE: '1' } };
}

/**
 * The minidev package folder a located `minidev` belongs to: node_modules/.bin/minidev links to
 * ../minidev/bin/minidev.js; a Windows shim sits beside node_modules/minidev.
 */
export async function minidevPackageDir(cli: string): Promise<string | null> {
  const candidates: string[] = [];
  try {
    const real = await realpath(cli);
    if (basename(dirname(real)) === 'bin') candidates.push(dirname(dirname(real)));
  } catch {
    // A missing cli has no package.
  }
  candidates.push(join(dirname(cli), '..', 'minidev'));
  for (const dir of candidates) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'minidev') return dir;
    } catch {
      // Not a package folder: try the next.
    }
  }
  return null;
}

/** The QR content the login child announced on a line, if this line is that event. */
export function loginQrInLine(line: string): string | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{"event":"qrcode-generated"')) return null;
  try {
    const value = JSON.parse(trimmed) as { qrCodeUrl?: unknown };
    return typeof value.qrCodeUrl === 'string' && value.qrCodeUrl !== '' ? value.qrCodeUrl : null;
  } catch {
    return null;
  }
}

export const MINIDEV_LOGIN_IN_TERMINAL =
  'This minidev cannot be driven from the studio for login (its package was not found beside it). ' +
  'Run `minidev login` in a terminal and scan the QR code it draws with Alipay, then try again.';
