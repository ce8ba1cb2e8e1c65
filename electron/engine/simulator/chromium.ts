/**
 * Which Chromium runs the headless simulator, and how: CHROMIUM_PATH, else the system's
 * (/usr/bin/chromium), else Playwright's own download. WebGL runs on SwiftShader (software), so it
 * works without a GPU or a display.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { StudioError } from '../errors.js';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_FLAGS: readonly string[] = [
  // WebGL and WebGL2 headless, in software.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  // Compositing in software: with SwiftShader compositing, frames came four to six times slower.
  '--disable-gpu-compositing',
  // Games start sounds without a tap; the run is silent anyway.
  '--autoplay-policy=no-user-gesture-required',
  '--mute-audio',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Frames keep coming when nothing is shown on a screen.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export const NO_CHROMIUM_HINT =
  'No Chromium found for the simulator. Install one (Debian/Ubuntu: sudo apt install chromium), ' +
  'point CHROMIUM_PATH at a Chromium or Chrome binary, or download Playwright\'s: npx playwright install chromium';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (existsSync(given)) return given;
    throw new StudioError(`CHROMIUM_PATH is ${given}, but there is no file there. ${NO_CHROMIUM_HINT}`, { code: 'NO_CHROMIUM', path: given });
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return system;
  let own = '';
  try {
    own = chromium.executablePath();
  } catch {
    own = '';
  }
  if (own && existsSync(own)) return own;
  throw new StudioError(NO_CHROMIUM_HINT, { code: 'NO_CHROMIUM' });
}

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = findChromium(env);
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
  } catch (error) {
    throw new StudioError(`Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}. ${NO_CHROMIUM_HINT}`, {
      code: 'NO_CHROMIUM',
      path: executablePath,
      cause: error,
    });
  }
}
