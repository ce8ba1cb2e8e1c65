/**
 * The watcher behind the live report: chokidar on the game root (plus the project's config files
 * when the game sits in miniprogramRoot), ignoring what scan ignores, with events batched.
 *
 * No awaitWriteFinish: waiting for a file to settle would cost more than the 100 ms the live
 * report has. A file caught half-written is reported at once, then re-checked after a quiet time
 * (recheck.ts), because chokidar may drop the change events that follow: the report converges on
 * the final size.
 */
import { watch, type FSWatcher } from 'chokidar';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { toPosix } from '../paths.js';
import { isSkippedPath } from '../scan.js';
import { GAME_JSON, PROJECT_CONFIG_JSON } from '../source-config.js';
import { createRecheck } from './recheck.js';

export interface WatchBatch {
  readonly files: Set<string>;
  readonly addedFolders: Set<string>;
  readonly removedFolders: Set<string>;
  /** minigame-studio.json, game.json or project.config.json changed: the settings must be read again. */
  configChanged: boolean;
}

export interface GameWatcher {
  /** Resolves once the tree is being watched (or the watcher was closed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function newBatch(): WatchBatch {
  return { files: new Set(), addedFolders: new Set(), removedFolders: new Set(), configChanged: false };
}

export function mergeBatches(a: WatchBatch, b: WatchBatch): WatchBatch {
  return {
    files: new Set([...a.files, ...b.files]),
    addedFolders: new Set([...a.addedFolders, ...b.addedFolders]),
    removedFolders: new Set([...a.removedFolders, ...b.removedFolders]),
    configChanged: a.configChanged || b.configChanged,
  };
}

export function watchGame(
  projectDir: string,
  sourceDir: string,
  onBatch: (batch: WatchBatch) => void,
  options: { readonly batchMs: number; readonly recheckMs?: number; readonly onError?: (error: unknown) => void },
): GameWatcher {
  const configFiles = new Set([join(projectDir, PROJECT_FILE_NAME), join(projectDir, PROJECT_CONFIG_JSON), join(sourceDir, GAME_JSON)]);
  const relativeToSource = (path: string): string | null => {
    const rel = toPosix(relative(sourceDir, path));
    return rel.startsWith('..') || rel === '' ? null : rel;
  };
  const ignored = (path: string): boolean => {
    if (configFiles.has(path)) return false;
    const rel = relativeToSource(path);
    return rel !== null && isSkippedPath(rel);
  };

  let batch = newBatch();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flushLater = (): void => {
    timer ??= setTimeout(() => {
      timer = null;
      const done = batch;
      batch = newBatch();
      onBatch(done);
    }, options.batchMs);
  };

  // Paths as chokidar reports them (absolute), so config files outside the game root are re-checked
  // too. The inventory ignores a re-check of a file that did not move; a config file has no
  // inventory entry, so its signature at the event decides whether the settings are read again.
  const configSignatures = new Map<string, string>();
  const recheck = createRecheck((paths) => {
    let any = false;
    for (const path of paths) {
      if (configFiles.has(path) && configSignatures.get(path) === fileSignature(path)) continue;
      record(path, 'change');
      any = true;
    }
    if (any) flushLater();
  }, options.recheckMs);
  const record = (path: string, event: string): void => {
    if (configFiles.has(path)) {
      batch.configChanged = true;
      configSignatures.set(path, fileSignature(path));
    }
    const rel = relativeToSource(path);
    if (rel !== null) {
      if (event === 'addDir') batch.addedFolders.add(rel);
      else if (event === 'unlinkDir') batch.removedFolders.add(rel);
      else batch.files.add(rel);
    }
  };

  const watcher: FSWatcher = watch([sourceDir, ...[...configFiles].filter((file) => relativeToSource(file) === null)], {
    ignoreInitial: true,
    ignored,
    // A folder we may not read is already a FILE_UNREADABLE warning from scan; don't fail the watch.
    ignorePermissionErrors: true,
    // scan follows links (with loop detection); the watcher doesn't, so a link loop can't trap it.
    // A change inside a linked folder shows on the next refresh({ rescan: true }).
    followSymlinks: false,
  });
  // Until 'ready' the watcher is still reading the tree, and chokidar reports every symlink it meets
  // as 'add' even with ignoreInitial. Those events say nothing new: the inventory is scanned only
  // after 'ready', so it already holds whatever changed before then.
  let isReady = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = () => {
      isReady = true;
      resolve();
    };
  });
  watcher.once('ready', () => markReady());
  watcher.on('all', (event, path) => {
    if (!isReady) return;
    record(path, event);
    if (event === 'add' || event === 'change') recheck.saw(path);
    flushLater();
  });
  watcher.on('error', (error) => options.onError?.(error));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      recheck.close();
      await watcher.close();
      // A watcher closed before it was ready never emits 'ready': whoever waits for it goes on.
      markReady();
    },
  };
}

/** Size, mtime and inode of a file, or 'missing'. */
function fileSignature(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}
