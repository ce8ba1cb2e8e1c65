#!/usr/bin/env node
// `npm start [-- DIR]`: the studio, the way this machine can run it.
// - With an Electron binary installed: build (vite build) and launch the desktop app.
// - Without one (offline installs skip the download): build the renderer for the browser, start
//   web mode on DIR (or the last project, else the sample game), print the URL and open it.
// The binary is looked for on disk; `require('electron')` would try to download it when missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dirArg = process.argv[2] ? resolve(process.argv[2]) : undefined;

/** The Electron executable when one is really installed, else null. */
export function electronBinary(base = root, env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const pkg = join(base, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = join(pkg, 'dist', relative);
  return relative && existsSync(binary) ? binary : null;
}

function run(command, args, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveRun(signal ? 1 : (code ?? 1)));
  });
}

function vite(args) {
  return run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function openInBrowser(url) {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['explorer.exe', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the URL is printed.
  }
}

async function startElectron(binary) {
  console.log('Building the studio…');
  if ((await vite(['build'])) !== 0) return 1;
  return run(binary, ['.'], { env: { ...process.env, ...(dirArg ? { MINIGAME_STUDIO_PROJECT: dirArg } : {}) } });
}

async function startWeb() {
  console.log('No Electron binary installed (offline install); opening the studio in your browser instead.');
  if ((await vite(['build', '--mode', 'web'])) !== 0) {
    console.error('The studio UI did not build; see the errors above.');
    return 1;
  }
  const server = spawn(process.execPath, [join(root, 'bin', 'minigame-studio.mjs'), 'serve', ...(dirArg ? [dirArg] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout });
  let first = true;
  lines.on('line', (line) => {
    if (first && line.startsWith('http')) {
      first = false;
      console.log(`Minigame Studio: ${line}`);
      if (!process.env.MINIGAME_STUDIO_NO_BROWSER) openInBrowser(line);
    } else console.log(line);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  return new Promise((done) => server.on('exit', (code) => done(code ?? 0)));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const binary = electronBinary();
  process.exitCode = await (binary ? startElectron(binary) : startWeb());
}
