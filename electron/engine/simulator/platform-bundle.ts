/**
 * The in-page platform (resources/simulator/, plain CommonJS files) bundled into one script with
 * esbuild when the server first serves it, then kept for the process.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { StudioError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';

export function simulatorSourceDir(): string {
  return process.env.MINIGAME_STUDIO_SIMULATOR ?? join(PACKAGE_ROOT, 'resources', 'simulator');
}

const bundled = new Map<string, Promise<string>>();

/** 'boot.js': the game page's platform; 'odc/boot.js': the open data context's. */
export function platformScript(entry = 'boot.js'): Promise<string> {
  const cached = bundled.get(entry);
  if (cached) return cached;
  const made = build({
    entryPoints: [`${simulatorSourceDir()}/${entry}`],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'silent',
  })
    .then((result) => result.outputFiles[0]?.text ?? '')
    .catch((error: unknown) => {
      bundled.delete(entry);
      const dir = simulatorSourceDir();
      throw new StudioError(
        `The simulator's platform scripts could not be built from ${dir} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Reinstall the studio, or set MINIGAME_STUDIO_SIMULATOR to its resources/simulator folder.`,
        { code: 'SIMULATOR_MISSING', path: dir, cause: error },
      );
    });
  bundled.set(entry, made);
  return made;
}

const versions = new Map<string, Promise<string>>();

/**
 * A short hash of the bundle: the page loads `/__sim/platform.js?v=VERSION`, which the browser may
 * keep (and its compiled code) from one reload to the next, since those bytes never change in a process.
 */
export function platformVersion(entry = 'boot.js'): Promise<string> {
  const cached = versions.get(entry);
  if (cached) return cached;
  const made = platformScript(entry).then((text) => createHash('sha1').update(text).digest('hex').slice(0, 16));
  made.catch(() => versions.delete(entry));
  versions.set(entry, made);
  return made;
}
