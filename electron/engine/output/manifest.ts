/**
 * OUT/minigame-studio/manifest.js: what the runtime needs to find a file by its logical path.
 * Scripts are not listed (the platform compiles them; they are never remote). The hash is the
 * runtime's cache key: every remote file has one; a package file has one when MD5 Cache hashed it
 * and '' otherwise (the runtime reads package files from the package and never caches them).
 */
import { MANIFEST_VERSION, type Manifest, type ManifestEntry } from '../../../shared/manifest.js';
import type { ProjectSettings } from '../types.js';

/** Digits of sha1 the manifest keeps (shared/manifest.ts). */
export const MANIFEST_HASH_LENGTH = 20;

export interface ManifestInput {
  readonly path: string;
  readonly out: string;
  readonly hash: string;
  readonly size: number;
  readonly package: string;
  readonly remote: boolean;
}

export function manifestFor(settings: ProjectSettings, files: readonly ManifestInput[]): Manifest {
  const remoteUrl = settings.remoteUrl && !settings.remoteUrl.endsWith('/') ? `${settings.remoteUrl}/` : settings.remoteUrl;
  const subpackages: Record<string, { root: string; independent: boolean }> = {};
  for (const sub of settings.subpackages) {
    subpackages[sub.name] = { root: sub.root, independent: sub.independent && settings.platform === 'wechat' };
  }
  const entries: Record<string, ManifestEntry> = {};
  for (const file of byPath(files)) entries[file.path] = entryFor(file);
  const timeout = downloadTimeoutOf(settings);
  return { version: MANIFEST_VERSION, platform: settings.platform, remoteUrl, subpackages, ...(timeout && { downloadTimeoutMs: timeout }), files: entries };
}

/** game.json's networkTimeout.downloadFile: the runtime gives up on a silent download after as long as the platform would. */
function downloadTimeoutOf(settings: ProjectSettings): number | undefined {
  const networkTimeout = settings.gameJson.networkTimeout as { downloadFile?: unknown } | undefined;
  const ms = networkTimeout?.downloadFile;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function manifestText(manifest: Manifest): string {
  return `module.exports = ${JSON.stringify(manifest, null, 2)};\n`;
}

/**
 * Each input's entry as text, by input: the live report lays out a 10,000-file project on every
 * change, and an unchanged file's input is the same object each time (layout-memo.ts), so its
 * ~140 bytes of JSON are formatted once.
 */
const lineOf = new WeakMap<ManifestInput, string>();

/**
 * The text of manifestText(manifestFor(settings, files)), built from the remembered entry lines.
 * (One difference that does not matter: an integer-like path such as "12" keeps its place by
 * path, where JSON.stringify would move it first; both read back as the same object.)
 */
export function manifestFileText(settings: ProjectSettings, files: readonly ManifestInput[]): string {
  const lines: string[] = [];
  for (const file of byPath(files)) {
    let line = lineOf.get(file);
    if (line === undefined) {
      // The entry as JSON.stringify(manifest, null, 2) writes it, two levels deep.
      line = `    ${JSON.stringify(file.path)}: ${JSON.stringify(entryFor(file), null, 2).split('\n').join('\n    ')}`;
      lineOf.set(file, line);
    }
    lines.push(line);
  }
  const head = JSON.stringify(manifestFor(settings, []), null, 2);
  const at = head.lastIndexOf('"files": {}');
  const body = lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n  }`;
  return `module.exports = ${head.slice(0, at)}"files": ${body}${head.slice(at + '"files": {}'.length)};\n`;
}

function entryFor(file: ManifestInput): ManifestEntry {
  return { out: file.out, hash: file.hash.slice(0, MANIFEST_HASH_LENGTH), size: file.size, where: file.remote ? 'remote' : file.package };
}

/** The inputs by path; the layout hands them over sorted already, so usually no copy is made. */
function byPath(files: readonly ManifestInput[]): readonly ManifestInput[] {
  for (let i = 1; i < files.length; i++) {
    if ((files[i - 1] as ManifestInput).path >= (files[i] as ManifestInput).path) {
      return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    }
  }
  return files;
}
