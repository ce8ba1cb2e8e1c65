/**
 * Which images the project's "optimize" setting applies to, and how each is encoded. A target's
 * key names everything that changes the encoder's output (mode, quality, encoder version), so the
 * cache never serves bytes made with other options.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OptimizeMode, OptimizeSettings } from '../../../shared/optimize.js';
import { lastExtension } from '../../../shared/platforms.js';
import { compileGlobs } from '../plan.js';

export interface Target {
  readonly mode: OptimizeMode;
  /** JPEG quality (1–100); 0 for PNG. */
  readonly quality: number;
  /** Everything that changes the encoder's output: part of the cache key. */
  readonly key: string;
}

/**
 * Bump when the encoders' options or checks change: every cached result is then made again.
 * sharp's own version is part of the key too (a new libvips may encode differently).
 */
const ENCODER_VERSION = 1;
let sharpVersion: string | undefined;

/** sharp's version without loading sharp (its native library takes ~0.3 s to load, needed only to encode). */
function sharpVersionOf(): string {
  if (sharpVersion === undefined) {
    // sharp's exports hide package.json: it sits one folder above the resolved entry (lib/index.js).
    const entry = createRequire(import.meta.url).resolve('sharp');
    sharpVersion = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  }
  return sharpVersion;
}

function target(mode: OptimizeMode, quality = 0): Target {
  return { mode, quality, key: `${mode}${quality ? `-q${quality}` : ''}-v${ENCODER_VERSION}-sharp${sharpVersionOf()}` };
}

/** A file "optimize" can compress, by its last extension (PNG or JPEG). */
export function isImage(path: string): boolean {
  const ext = lastExtension(path);
  return ext === 'png' || ext === 'jpg' || ext === 'jpeg';
}

/** The target of each logical path under these settings (null: shipped as it is). */
export function targetsFor(settings: OptimizeSettings | undefined): (path: string) => Target | null {
  if (!settings || (settings.png === undefined && settings.jpeg === undefined)) return () => null;
  const excluded = compileGlobs(settings.exclude ?? []);
  const png = settings.png === undefined ? null : target(settings.png === 'lossless' ? 'png-lossless' : 'png-palette');
  const jpeg = settings.jpeg === undefined ? null : target('jpeg', settings.jpeg);
  return (path) => {
    const ext = lastExtension(path);
    const chosen = ext === 'png' ? png : ext === 'jpg' || ext === 'jpeg' ? jpeg : null;
    return chosen && !excluded(path) ? chosen : null;
  };
}
