/**
 * The build history on disk: one JSON file per build and platform, in `DIR/build/history/` (or
 * the studio's own folder beside an OUT the user chose), the newest 200 per platform kept.
 *
 * Ownership: the studio writes only into a history folder it made. It marks the folder with
 * MARKER_FILE when it creates it (or adopts an empty one); a folder, file or link at that path
 * without the marker is the user's, and the studio refuses to write there, naming the path.
 * Entries are written atomically and never replaced; a corrupt entry is skipped with a warning.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Platform } from '../../../shared/platforms.js';
import { writeFileAtomic } from '../atomic-write.js';
import { StudioError } from '../errors.js';
import { stateDirFor } from '../output/locations.js';
import { namesInOrNone } from '../output/real-paths.js';
import { isInsideOrSame } from '../paths.js';
import { arrayJson, jsonWith } from '../record-json.js';
import type { ProjectSettings } from '../types.js';
import { HistoryEntrySchema, type HistoryEntry } from './entry.js';

export const HISTORY_DIR = 'history';
export const MARKER_FILE = '.minigame-studio-history';
export const DEFAULT_KEEP = 200;
const MARKER = { tool: 'minigame-studio', kind: 'build-history', version: 1 };
const ENTRY_NAME = /^(wechat|alipay)-(\d{8}T\d{9}Z)-([0-9a-f]{6})\.json$/;

/** An entry that could not be read: skipped, with this warning. */
export interface SkippedEntry {
  readonly path: string;
  readonly message: string;
}

type Where = Pick<ProjectSettings, 'projectDir' | 'sourceDir' | 'outDir'>;

/**
 * The history folder of a build: `DIR/build/history/` when OUT sits in the project's build/
 * folder (the default); for an output folder the user chose elsewhere, inside the studio's own
 * folder beside it (`.OUT.minigame-studio/history/`), so nothing lands among the user's files
 * there. Null when it would land in the project's own files.
 */
export function historyDirFor(settings: Where): string | null {
  const parent = dirname(settings.outDir);
  if (isInsideBuildFolder(parent, settings)) return join(parent, HISTORY_DIR);
  const dir = join(stateDirFor(settings.outDir), HISTORY_DIR);
  return isInsideOrSame(dir, settings.projectDir) || isInsideOrSame(dir, settings.sourceDir) ? null : dir;
}

function isInsideBuildFolder(dir: string, { projectDir, sourceDir }: Pick<Where, 'projectDir' | 'sourceDir'>): boolean {
  return isInsideOrSame(dir, join(projectDir, 'build')) || isInsideOrSame(dir, join(sourceDir, 'build'));
}

/** Under the project's build/ folder, or outside the project: never among the game's own files. */
function mayHold(dir: string, where: Pick<Where, 'projectDir' | 'sourceDir'>): boolean {
  return isInsideBuildFolder(dir, where) || (!isInsideOrSame(dir, where.projectDir) && !isInsideOrSame(dir, where.sourceDir));
}

/**
 * Entries of the build into this OUT: two outputs of one platform may share a history folder
 * (build/wechatgame and build/wechat-test). Compared by OUT's name, so a project that moved or a CI
 * checkout at another path still finds its builds.
 */
export function sameOutput(outDir: string): (entry: HistoryEntry) => boolean {
  const name = basename(outDir);
  return (entry) => basename(entry.outDir) === name;
}

export function entryId(platform: Platform, time: Date, random: string): string {
  return `${platform}-${time.toISOString().replace(/[-:.]/g, '')}-${random}`;
}

function notOurs(dir: string, what: string): StudioError {
  return new StudioError(
    `The build history was not recorded: ${dir} ${what}, and the studio writes only into a history folder it made. Move it away (the next build then starts a new history there), or choose another output folder.`,
    { code: 'HISTORY_NOT_OURS', path: dir },
  );
}

// The folder's checks and the entry's write are synchronous underneath: a dozen small system calls
// per build, where each trip through the thread pool costs a rebuild ~1 ms on a busy machine.
function isMarked(dir: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER_FILE), 'utf8')) as Record<string, unknown>;
    return marker.tool === MARKER.tool && marker.kind === MARKER.kind;
  } catch {
    return false;
  }
}

/** Whether `dir` is a history folder the studio made (a real folder, not a link, with the marker). */
export async function isHistoryFolder(dir: string): Promise<boolean> {
  try {
    return lstatSync(dir).isDirectory() && isMarked(dir);
  } catch {
    return false;
  }
}

/**
 * Make the history folder, or check that the one there is ours. Throws HISTORY_NOT_OURS for a
 * user's file, link or non-empty folder at the path; an empty folder is adopted.
 */
export async function ensureHistoryFolder(dir: string, settings: Where): Promise<void> {
  mkdirSync(dirname(dir), { recursive: true });
  // Ownership by real path: a build/ that is a link must not lead the history into the project.
  const real = join(realpathSync(dirname(dir)), basename(dir));
  const realSettings = { projectDir: realpathSync(settings.projectDir), sourceDir: realpathSync(settings.sourceDir) };
  if (!mayHold(real, realSettings)) throw notOurs(real, 'lies inside the game folder (through a link)');
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const info = lstatSync(dir);
    if (info.isSymbolicLink()) throw notOurs(dir, 'is a link');
    if (!info.isDirectory()) throw notOurs(dir, 'is a file');
    if (isMarked(dir)) return;
    if (readdirSync(dir).length > 0) throw notOurs(dir, 'is a folder of files the studio did not write');
  }
  await writeFileAtomic(join(dir, MARKER_FILE), `${JSON.stringify(MARKER)}\n`);
}

/** The ids of a platform's entries in `dir`, oldest first (names sort by time). */
export async function listEntryIds(dir: string, platform: Platform): Promise<string[]> {
  if (!(await isHistoryFolder(dir))) return [];
  const names = namesInOrNone(dir);
  return names
    .filter((name) => ENTRY_NAME.exec(name)?.[1] === platform)
    .sort()
    .map((name) => name.slice(0, -'.json'.length));
}

export type ReadResult = { readonly entry: HistoryEntry } | { readonly skipped: SkippedEntry };

export async function readEntry(dir: string, id: string): Promise<ReadResult> {
  const path = join(dir, `${id}.json`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `not valid JSON (${error.message})` : ((error as NodeJS.ErrnoException).code ?? String(error));
    return { skipped: { path, message: `Build history entry ${path} can't be read: ${why}. It was skipped; delete it to silence this.` } };
  }
  const parsed = HistoryEntrySchema.safeParse(value);
  if (!parsed.success || parsed.data.id !== id) {
    const issue = parsed.success ? 'its id does not match its file name' : (parsed.error.issues[0]?.message ?? 'unexpected content');
    return { skipped: { path, message: `Build history entry ${path} is not an entry this studio can read (${issue}). It was skipped; delete it to silence this.` } };
  }
  return { entry: parsed.data as HistoryEntry };
}

export interface Entries {
  /** Oldest first. */
  readonly entries: HistoryEntry[];
  readonly skipped: SkippedEntry[];
}

/** Every readable entry of a platform (that `accept` takes), oldest first, and those skipped. */
export async function readEntries(dir: string, platform: Platform, accept: (entry: HistoryEntry) => boolean = () => true): Promise<Entries> {
  const entries: HistoryEntry[] = [];
  const skipped: SkippedEntry[] = [];
  for (const id of await listEntryIds(dir, platform)) {
    const result = await readEntry(dir, id);
    if ('entry' in result) {
      if (accept(result.entry)) entries.push(result.entry);
    } else skipped.push(result.skipped);
  }
  return { entries, skipped };
}

/** The newest readable entries, newest first, reading no more files than needed. */
export async function readNewest(dir: string, platform: Platform, count: number, accept: (entry: HistoryEntry) => boolean = () => true): Promise<Entries> {
  const entries: HistoryEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const ids = await listEntryIds(dir, platform);
  for (let i = ids.length - 1; i >= 0 && entries.length < count; i--) {
    const result = await readEntry(dir, ids[i] as string);
    if ('entry' in result) {
      if (accept(result.entry)) entries.push(result.entry);
    } else skipped.push(result.skipped);
  }
  return { entries, skipped };
}

/** Write a new entry atomically, then remove the platform's oldest beyond `keep`. */
export async function appendEntry(dir: string, entry: HistoryEntry, keep = DEFAULT_KEEP): Promise<void> {
  const { files, ...fields } = entry;
  await writeFileAtomic(join(dir, `${entry.id}.json`), jsonWith(fields, { files: arrayJson(files) }, '\n'));
  const ids = await listEntryIds(dir, entry.platform);
  const excess = ids.slice(0, Math.max(0, ids.length - keep));
  for (const id of excess) rmSync(join(dir, `${id}.json`), { force: true });
}
