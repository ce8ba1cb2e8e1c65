/**
 * Image compression at build (docs/OPTIMIZE.md). The layout asks `optimizeShipped` for the bytes
 * each image ships as; a build saves what it used with `saveOptimizeCache`; anything else that
 * wants to know what compression would give (the fit planner, the project tree's preview) asks
 * `measureSavings` or `previewImage`, through the same cache, so the numbers are the build's own.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OptimizeMode, OptimizeSettings } from '../../../shared/optimize.js';
import { createHashCache, type HashCache } from '../hash-cache.js';
import type { BuildProgressInfo, PlannedFile, ProjectSettings } from '../types.js';
import { optimizeAll, saveUsed, type OptimizeInput, type Optimized } from './cache.js';
import { readBlobAt } from './store.js';
import { targetsFor, type Target } from './targets.js';

export { observeEncodes, type Optimized } from './cache.js';
export { PALETTE_MIN_PSNR_DB } from './encode.js';
export { targetsFor, type Target } from './targets.js';

/**
 * The layout's hook: for each shipped file (with its source hash, '' when not hashed) the
 * compression result, or null when it ships as it is copied. `owner` is the layout's hash cache:
 * one session of results per owner. `retain` (a layout that will not be built: the fit planner's
 * plans) keeps its results in memory under that name instead of making them what OUT's next save keeps.
 */
export async function optimizeShipped(
  settings: ProjectSettings,
  files: readonly PlannedFile[],
  hashes: readonly string[],
  owner: HashCache,
  signal?: AbortSignal,
  onProgress?: (progress: BuildProgressInfo) => void,
  retain?: string,
): Promise<(Optimized | null)[]> {
  const targetOf = targetsFor(settings.optimize);
  const inputs: OptimizeInput[] = [];
  const at: number[] = [];
  for (let index = 0; index < files.length; index++) {
    const file = files[index] as PlannedFile;
    const target = targetOf(file.path);
    const hash = hashes[index] ?? '';
    if (!target || hash === '') continue;
    inputs.push({ path: file.path, abs: join(settings.sourceDir, file.path), hash, target });
    at.push(index);
  }
  const results = await optimizeAll(inputs, { owner, outDir: settings.outDir, signal, track: retain === undefined, retain, onResult: onProgress && progressOf(inputs, files, at, onProgress) });
  const byFile = new Array<Optimized | null>(files.length).fill(null);
  results.forEach((result, i) => {
    byFile[at[i] as number] = result;
  });
  return byFile;
}

/** Phase 'optimize' progress over the images looked up or encoded, at most every 100 ms and at the end. */
function progressOf(inputs: readonly OptimizeInput[], files: readonly PlannedFile[], at: readonly number[], onProgress: (progress: BuildProgressInfo) => void): (index: number) => void {
  const sizeOf = (i: number): number => (files[at[i] as number] as PlannedFile).size;
  const progress = { phase: 'optimize' as const, files: 0, totalFiles: inputs.length, bytes: 0, totalBytes: 0 };
  for (let i = 0; i < inputs.length; i++) progress.totalBytes += sizeOf(i);
  let reported = 0;
  return (index) => {
    progress.files++;
    progress.bytes += sizeOf(index);
    if (Date.now() - reported >= PROGRESS_INTERVAL_MS || progress.files === progress.totalFiles) {
      reported = Date.now();
      onProgress({ ...progress });
    }
  };
}

const PROGRESS_INTERVAL_MS = 100;

/** After a build has put OUT in place: the cache beside OUT keeps what this build used, nothing else. */
export function saveOptimizeCache(owner: HashCache, outDir: string): Promise<void> {
  return saveUsed(owner, outDir);
}

export interface SavingsRequest {
  /** The game root: `files` are relative to it (POSIX). */
  readonly sourceDir: string;
  /** The OUT whose cache (beside it) is used; nothing is written there. */
  readonly outDir: string;
  readonly files: readonly string[];
  readonly optimize: OptimizeSettings;
  /**
   * Pass the session's hash cache (the live report's) to share its in-memory results and hashes;
   * without one, results come from the disk cache beside OUT or are encoded now.
   */
  readonly hashes?: HashCache;
  readonly signal?: AbortSignal;
  /** Keep the results in the session's memory under this name (cache.ts `retain`): a second ask encodes nothing. */
  readonly retain?: string;
  /** Each file's stat when the caller has it (a planner's inventory): no stat of its own. */
  readonly stats?: ReadonlyMap<string, { readonly size: number; readonly mtimeMs: number; readonly ino?: number }>;
}

export interface FileSaving {
  readonly path: string;
  /** The source file's bytes. */
  readonly before: number;
  /** The bytes a build would ship for it under these settings. */
  readonly after: number;
  /** The encoder that made `after`; null when the file would ship as it is. */
  readonly mode: OptimizeMode | null;
  /** Why it ships as it is, when it does. */
  readonly reason?: string;
}

export interface Savings {
  readonly files: readonly FileSaving[];
  readonly before: number;
  readonly after: number;
  readonly savedBytes: number;
}

interface Measured {
  readonly saving: FileSaving;
  readonly result: Optimized | null;
}

async function measure(request: SavingsRequest, withContent: boolean): Promise<Measured[]> {
  const hashes = request.hashes ?? createHashCache();
  const targetOf = targetsFor(request.optimize);
  const inputs: OptimizeInput[] = [];
  const rows: { path: string; before: number; target: Target | null }[] = [];
  for (const path of request.files) {
    const abs = join(request.sourceDir, path);
    const info = request.stats?.get(path) ?? (await stat(abs));
    const target = targetOf(path);
    rows.push({ path, before: info.size, target });
    if (target) {
      const seen = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino ?? 0 };
      inputs.push({ path, abs, target, hash: hashes.known(abs, seen) ?? (await hashes.hash(abs, seen)) });
    }
  }
  const results = await optimizeAll(inputs, { owner: hashes, outDir: request.outDir, signal: request.signal, track: false, retain: request.retain });
  let next = 0;
  return rows.map((row) => {
    if (!row.target) return { saving: { path: row.path, before: row.before, after: row.before, mode: null, reason: 'is not a PNG or JPEG these settings compress, or optimize.exclude matches it' }, result: null };
    const result = results[next++] as Optimized;
    const shipped = result.bytes !== null;
    const saving: FileSaving = shipped
      ? { path: row.path, before: row.before, after: result.bytes as number, mode: result.mode }
      : { path: row.path, before: row.before, after: row.before, mode: null, ...(result.reason ? { reason: result.reason } : {}) };
    return { saving, result: withContent ? result : null };
  });
}

/**
 * Per file, the bytes before and after compression under `optimize`, measured on the files with
 * the build's encoders and cache: what a build with these settings would ship. Files these
 * settings don't compress come back with after = before and mode null.
 */
export async function measureSavings(request: SavingsRequest): Promise<Savings> {
  const files = (await measure(request, false)).map((row) => row.saving);
  const before = files.reduce((sum, file) => sum + file.before, 0);
  const after = files.reduce((sum, file) => sum + file.after, 0);
  return { files, before, after, savedBytes: before - after };
}

export interface ImagePreview {
  readonly saving: FileSaving;
  readonly before: Buffer;
  /** The bytes shipped (the original's when nothing smaller was found). */
  readonly after: Buffer;
}

/** Both images of one file, for the before/after preview. */
export async function previewImage(request: Omit<SavingsRequest, 'files'> & { readonly path: string }): Promise<ImagePreview> {
  const [row] = await measure({ ...request, files: [request.path] }, true);
  const before = await readFile(join(request.sourceDir, request.path));
  const result = row?.result;
  // Ships from its cache file: read and checked, the bytes a build would ship.
  const content = result?.content ?? (result?.cached ? await readBlobAt(result.cached, result) : null);
  return { saving: (row as Measured).saving, before, after: content ?? before };
}
