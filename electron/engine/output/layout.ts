/**
 * layoutOutput: every file the build will write, with its output name and exact size, and the
 * bytes of every generated file. The report sums this, so its sizes are the bytes on disk; the
 * build writes exactly this. Reads only what it must: the user's game.js (to put the runtime
 * first) and, for hashing, the files whose names or cache keys need a content hash.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MANIFEST_FILE, RUNTIME_FILE } from '../../../shared/manifest.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import { StudioError } from '../errors.js';
import { toPosix } from '../paths.js';
import { isSourceChanged, sha1Bytes, type HashCache } from '../hash-cache.js';
import { optimizeShipped, targetsFor, type Optimized } from '../optimize/index.js';
import type { BuildProgressInfo, EncodedBytes, OutputFile, OutputLayout, Plan, PlannedFile } from '../types.js';
import { bootstrapFor, withRuntime } from './bootstrap.js';
import { mapLimit } from './concurrency.js';
import { gameJsonText } from './game-json.js';
import { keepEntries, previousEntries, unchanged, type MemoEntry } from './layout-memo.js';
import { manifestFileText, type ManifestInput } from './manifest.js';
import { hashedName, keepsName } from './names.js';
import { projectConfigText } from './project-config.js';
import { readRuntime } from './runtime-file.js';
import { codeOf, sourceChanged, type ChangedFile } from './verify.js';

/**
 * Files asked for at once. The hash workers open one file at a time each (hash-workers.ts), so
 * this bounds only promises; it is deep enough that a worker's next message is always full.
 */
const HASH_CONCURRENCY = 256;
const PROGRESS_INTERVAL_MS = 100;

/** Source files the studio generates itself: never copied from the source folder. */
const GENERATED_SOURCES: ReadonlySet<string> = new Set(['game.json', 'project.config.json', 'project.private.config.json']);

export const ENTRY_FILE = 'game.js';

/** Whether the build writes this file as a copy of its source (not excluded, not generated). */
export function copiedFromSource(file: PlannedFile): boolean {
  return file.destination !== 'excluded' && !GENERATED_SOURCES.has(file.path) && !file.path.startsWith(RUNTIME_DIR) && file.path !== ENTRY_FILE;
}

const RUNTIME_DIR = `${RUNTIME_FILE.split('/')[0]}/`;

export function remoteDirFor(outDir: string): string {
  return `${outDir}-res`;
}

export interface LayoutOptions {
  readonly signal?: AbortSignal;
  /**
   * For a plan that will not be built (a blocking problem): a file that can't be read keeps its
   * plain name and a missing entry counts as empty, so the report can still be shown.
   */
  readonly tolerateUnreadable?: boolean;
  /** Hashing progress (phase 'hash'), for a first MD5 Cache build of a big project. */
  readonly onProgress?: (progress: BuildProgressInfo) => void;
  /**
   * A what-if layout that is never built (the fit planner's plans): its image encodings stay in
   * the session's memory under this name and are not what OUT's next save keeps (optimize/cache.ts),
   * and it leaves the layout memo (layout-memo.ts) to the layouts that are.
   */
  readonly optimizeRetain?: string;
  /**
   * Only the bytes matter (a what-if layout, never written): a file whose hash is not known yet
   * and is not compressed gets a placeholder of the same length instead of being read. A hash is
   * always 40 hex digits, so every name, the manifest and every size come out the same length as
   * with the real hash: the sizes are exact, the names are not the build's.
   */
  readonly sizesOnly?: boolean;
}

/** 40 hex digits from the path (not the content): distinct per file, the length of a sha1. */
function placeholderHash(path: string): string {
  return sha1Bytes(Buffer.from(`placeholder:${path}`));
}

export async function layoutOutput(plan: Plan, hashes: HashCache, options: LayoutOptions = {}): Promise<OutputLayout> {
  const { settings } = plan;
  const runtimeDir = `${RUNTIME_FILE.split('/')[0]}/`;
  const nameHash = (file: PlannedFile): boolean => file.destination === 'remote' || (settings.md5Cache && !keepsName(file.path));
  // An image to compress is hashed too: its content keys the compression cache (optimize/).
  const compressed = targetsFor(settings.optimize);
  const needsHash = (file: PlannedFile): boolean => nameHash(file) || compressed(file.path) !== null;

  // Only the files that need a hash and changed since the previous layout go through the (async,
  // bounded) hashing; the live report re-lays out 10,000 files per change.
  const previous = previousEntries(hashes, settings, { whatIf: options.sizesOnly === true });
  const shipped: PlannedFile[] = [];
  /** Each shipped file's index in plan.files, where the memo keeps its entry. */
  const planIndex: number[] = [];
  const reused: (MemoEntry | undefined)[] = [];
  // Plain index loops here and below: 10,000 files per live update (issue 7, P3).
  for (let index = 0; index < plan.files.length; index++) {
    const file = plan.files[index] as PlannedFile;
    if (file.destination === 'excluded' || GENERATED_SOURCES.has(file.path) || file.path.startsWith(runtimeDir)) continue;
    shipped.push(file);
    planIndex.push(index);
    const entry = previous(index, file.path);
    // Images to compress always ask the compression cache (a lookup), which so knows what this layout uses.
    reused.push(unchanged(entry, file) && compressed(file.path) === null && entry.output.optimized === undefined ? entry : undefined);
  }
  // Hashes the cache already has for this stat are taken at once; only the rest are awaited.
  const toHash: number[] = [];
  const fileHashes = new Array<string>(shipped.length).fill('');
  for (let index = 0; index < shipped.length; index++) {
    const file = shipped[index] as PlannedFile;
    if (reused[index] || !needsHash(file)) continue;
    const known = hashes.known(join(settings.sourceDir, file.path), { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino ?? 0 });
    if (known !== undefined) fileHashes[index] = known;
    else if (options.sizesOnly && compressed(file.path) === null) fileHashes[index] = placeholderHash(file.path);
    else toHash.push(index);
  }
  const progress = { phase: 'hash' as const, files: 0, totalFiles: toHash.length, bytes: 0, totalBytes: 0 };
  for (const index of toHash) progress.totalBytes += (shipped[index] as PlannedFile).size;
  let lastReport = 0;
  const changed: ChangedFile[] = [];
  await mapLimit(
    toHash,
    HASH_CONCURRENCY,
    async (index) => {
      const file = shipped[index] as PlannedFile;
      const scanned = { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino ?? 0 };
      try {
        fileHashes[index] = await hashes.hash(join(settings.sourceDir, file.path), scanned);
        progress.files += 1;
        progress.bytes += file.size;
        if (options.onProgress && (Date.now() - lastReport >= PROGRESS_INTERVAL_MS || progress.files === progress.totalFiles)) {
          lastReport = Date.now();
          options.onProgress({ ...progress });
        }
      } catch (error) {
        if (options.tolerateUnreadable) return;
        // Gone or rewritten since the scan: its size is not the scan's; all such files are named.
        if (isSourceChanged(error) || codeOf(error) === 'ENOENT') changed.push({ path: file.path, how: codeOf(error) === 'ENOENT' ? 'deleted' : 'rewritten' });
        else throw unreadable(file.path, error);
      }
    },
    options.signal,
  );
  if (changed.length > 0) throw sourceChanged(changed, 'reading');
  const optimized = await optimizeShipped(settings, shipped, fileHashes, hashes, options.signal, options.onProgress, options.optimizeRetain).catch((error: unknown) => {
    if (isSourceChanged(error) || codeOf(error) === 'ENOENT') throw sourceChanged([{ path: pathIn(error, settings.sourceDir), how: codeOf(error) === 'ENOENT' ? 'deleted' : 'rewritten' }], 'reading');
    throw error;
  });

  const files: OutputFile[] = [];
  const manifestInputs: ManifestInput[] = [];
  const entries = new Array<MemoEntry | undefined>(plan.files.length);
  for (let index = 0; index < shipped.length; index++) {
    const file = shipped[index] as PlannedFile;
    if (file.path === ENTRY_FILE && settings.entry !== ENTRY_FILE) continue; // the bootstrap takes OUT/game.js
    const before = reused[index];
    if (before) {
      files.push(before.output);
      if (before.manifest) manifestInputs.push(before.manifest);
      entries[planIndex[index] as number] = before;
      continue;
    }
    const compressedTo = optimized[index];
    if (compressedTo && compressedTo.hash !== null) {
      const shipped = optimizedOutput(file, compressedTo, nameHash(file), settings.md5Cache);
      files.push(shipped.output);
      if (shipped.manifest) manifestInputs.push(shipped.manifest);
      entries[planIndex[index] as number] = shipped;
      continue;
    }
    const hash = nameHash(file) ? (fileHashes[index] ?? '') : '';
    const out = settings.md5Cache && hash ? hashedName(file.path, hash) : file.path;
    const remote = file.destination === 'remote';
    if (file.path === ENTRY_FILE) {
      const user = await readEntry(settings.sourceDir, file.path).catch((error: unknown) => {
        if (options.tolerateUnreadable) return '';
        throw error;
      });
      files.push(generated(ENTRY_FILE, withRuntime(user), file.path));
      continue;
    }
    const output: OutputFile = { source: file.path, out, package: file.package, remote, bytes: file.size, content: null, ...(hash ? { hash } : {}) };
    const manifest = file.isScript ? null : { path: file.path, out, hash, size: file.size, package: file.package, remote };
    files.push(output);
    if (manifest) manifestInputs.push(manifest);
    // A file that could not be hashed (tolerated for a report) is tried again next time.
    if (hash !== '' || !needsHash(file)) entries[planIndex[index] as number] = { planned: file, output, manifest };
  }
  // A what-if layout leaves the memo to the layouts that are built (the live report's next one reuses it).
  if (options.optimizeRetain === undefined) keepEntries(hashes, settings, plan.files, entries);

  const runtime = await readRuntime();
  const config = projectConfigText(settings);
  if (settings.entry !== ENTRY_FILE) files.push(generated(ENTRY_FILE, bootstrapFor(settings.entry)));
  files.push(generated('game.json', gameJsonText(settings)));
  if (config !== null) files.push(generated('project.config.json', config));
  files.push(generated(RUNTIME_FILE, new Uint8Array(runtime)));
  files.push(generated(MANIFEST_FILE, manifestFileText(settings, manifestInputs)));

  files.sort((a, b) => Number(a.remote) - Number(b.remote) || (a.out < b.out ? -1 : a.out > b.out ? 1 : 0));
  return {
    files,
    remoteDir: files.some((file) => file.remote) ? remoteDirFor(settings.outDir) : null,
    runtimeBytes: runtime.byteLength,
  };
}

/**
 * A compressed image: shipped from its encoded bytes (like a generated file, or from the
 * compression cache's file of them), under the name and manifest entry of those bytes, never of
 * the source's.
 */
function optimizedOutput(file: PlannedFile, result: Optimized, named: boolean, md5Cache: boolean): MemoEntry {
  const remote = file.destination === 'remote';
  const hash = result.hash as string;
  const bytes = result.bytes as number;
  const out = md5Cache && named ? hashedName(file.path, hash) : file.path;
  const optimized = { mode: result.mode, originalBytes: file.size, savedBytes: file.size - bytes };
  const cached = result.content === null && result.cached !== null && result.blob ? { path: result.cached, size: bytes, ...result.blob } : null;
  if (!cached && result.content === null) throw new Error(`the compressed bytes of ${file.path} are neither in memory nor in the cache`);
  const encoded: EncodedBytes = { hash, cached };
  const output: OutputFile = { source: file.path, out, package: file.package, remote, bytes, content: cached ? null : result.content, ...(named ? { hash } : {}), optimized, encoded };
  const manifest = file.isScript ? null : { path: file.path, out, hash: named ? hash : '', size: bytes, package: file.package, remote };
  return { planned: file, output, manifest };
}

/** The logical path of the file a read error is about (its `path` is absolute). */
function pathIn(error: unknown, sourceDir: string): string {
  const abs = (error as { path?: unknown }).path;
  return typeof abs === 'string' ? toPosix(relative(sourceDir, abs)) : '';
}

function generated(out: string, content: string | Uint8Array, source: string | null = null): OutputFile {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  return { source, out, package: MAIN_PACKAGE, remote: false, bytes, content };
}

async function readEntry(sourceDir: string, path: string): Promise<string> {
  try {
    return await readFile(join(sourceDir, path), 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
}

export function unreadable(path: string, error: unknown): StudioError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StudioError(`Could not read ${path} (${reason}); check that the file exists and is readable, then build again.`, {
    code: 'FILE_UNREADABLE',
    path,
    cause: error,
  });
}
