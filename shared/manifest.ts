/**
 * The manifest the build writes to OUT/minigame-studio/manifest.js (`module.exports = {...}`) and
 * the runtime reads with `require`. Keys are logical paths as in the source folder.
 * Scripts are not listed: the platform compiles them and they are never remote.
 */
export const MANIFEST_VERSION = 1;
export const RUNTIME_DIR = 'minigame-studio';
export const RUNTIME_FILE = 'minigame-studio/runtime.js';
export const MANIFEST_FILE = 'minigame-studio/manifest.js';

export interface ManifestEntry {
  /** Path inside OUT, or inside OUT-res (and so under remoteUrl) when `where` is 'remote'. */
  readonly out: string;
  /** Content hash (lower-case hex, the first 20 digits of sha1): the runtime's cache key. */
  readonly hash: string;
  readonly size: number;
  /** '__GAME__' for the main package, a subpackage name, or 'remote'. */
  readonly where: string;
}

export interface Manifest {
  readonly version: typeof MANIFEST_VERSION;
  readonly platform: 'wechat' | 'alipay';
  /** With a trailing slash; '' when nothing is remote. */
  readonly remoteUrl: string;
  /** Subpackages by name, so `loadSubpackage(name)` can fall back to `require(root + 'game.js')`. */
  readonly subpackages: Readonly<Record<string, { readonly root: string; readonly independent: boolean }>>;
  readonly files: Readonly<Record<string, ManifestEntry>>;
  /**
   * Optional: the runtime's cache budget in bytes. Without it the runtime uses 200 MiB on WeChat
   * (its cap for user files and cache together) and 50 MiB on Alipay (resources/runtime/README.md).
   */
  readonly cacheLimitBytes?: number;
  /**
   * Optional: how long the runtime waits for a download that makes no progress, in ms (game.json's
   * `networkTimeout.downloadFile`); without it, 30 s.
   */
  readonly downloadTimeoutMs?: number;
}
