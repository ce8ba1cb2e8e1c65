/**
 * Output names under MD5 Cache (DESIGN "Build output"): `path/name.<10 hex>.ext`, the hash before
 * the last extension so the platform's whitelist (matched on the last extension, V-R04) still
 * accepts the file. Scripts and the platform's config files keep their names: the platform compiles
 * them and finds them by name. Fonts keep their name inside a hashed folder, because a platform
 * font loader can refuse a font whose file name was changed.
 */
import { lastExtension } from '../../../shared/platforms.js';

/** Digits of the content hash that go into a file name. */
export const NAME_HASH_LENGTH = 10;

const FONT_EXTENSIONS: ReadonlySet<string> = new Set(['ttf', 'otf', 'woff', 'woff2']);
const CONFIG_FILE_NAMES: ReadonlySet<string> = new Set(['game.json', 'project.config.json', 'project.private.config.json']);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether a file keeps its name under MD5 Cache. */
export function keepsName(path: string): boolean {
  return lastExtension(path) === 'js' || CONFIG_FILE_NAMES.has(baseName(path).toLowerCase());
}

export function isFont(path: string): boolean {
  return FONT_EXTENSIONS.has(lastExtension(path));
}

/** The MD5 Cache name of a file, given its content hash (hex, at least 10 digits). */
export function hashedName(path: string, hash: string): string {
  if (keepsName(path)) return path;
  const short = hash.slice(0, NAME_HASH_LENGTH);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  if (isFont(path)) return `${dir}${stem}.${short}/${base}`;
  return `${dir}${stem}.${short}${ext}`;
}
