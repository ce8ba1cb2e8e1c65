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
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    entries[file.path] = {
      out: file.out,
      hash: file.hash.slice(0, MANIFEST_HASH_LENGTH),
      size: file.size,
      where: file.remote ? 'remote' : file.package,
    };
  }
  return { version: MANIFEST_VERSION, platform: settings.platform, remoteUrl, subpackages, files: entries };
}

export function manifestText(manifest: Manifest): string {
  return `module.exports = ${JSON.stringify(manifest, null, 2)};\n`;
}
