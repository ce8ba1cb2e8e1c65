/**
 * The in-page platform (resources/simulator/, plain CommonJS files) bundled into one script with
 * esbuild when the server first serves it, then kept for the process.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export function simulatorSourceDir(): string {
  return process.env.MINIGAME_STUDIO_SIMULATOR ?? fileURLToPath(new URL('../../../resources/simulator/', import.meta.url));
}

let bundled: Promise<string> | null = null;

export function platformScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [`${simulatorSourceDir()}/boot.js`],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '').catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return bundled;
}
