/**
 * What `diff A B` names, made into builds: a report file (OUT.report.json), a history entry
 * (`@latest`, `@prev`, `@N` = N builds before the latest, or an entry's id), or a git ref whose
 * commit has a build in the history. The default is `@prev` against `@latest`.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Platform } from '../../../shared/platforms.js';
import { StudioError } from '../errors.js';
import { resolveSettings } from '../settings.js';
import type { HistoryEntry } from './entry.js';
import { HistoryEntrySchema } from './entry.js';
import { resolveGitRef } from './git.js';
import { diffBuilds, type BuildDiff } from './diff.js';
import { ReportShape, snapshotOfEntry, snapshotOfReport, type BuildSnapshot } from './snapshot.js';
import { historyDirFor, listEntryIds, readEntries, readEntry, readNewest, sameOutput, type SkippedEntry } from './store.js';

const ENTRY_ID = /^(wechat|alipay)-\d{8}T\d{9}Z-[0-9a-f]{6}$/;

export interface DiffRequest {
  /** The project folder (its history). */
  readonly dir: string;
  readonly platform?: Platform;
  /** Defaults: '@prev' and '@latest'. */
  readonly before?: string;
  readonly after?: string;
  /** Where relative report-file paths are resolved. */
  readonly cwd: string;
}

export interface DiffResult {
  readonly diff: BuildDiff;
  /** History entries skipped on the way (corrupt), for a warning. */
  readonly skipped: readonly SkippedEntry[];
}

function usage(message: string): StudioError {
  return new StudioError(message, { code: 'DIFF_BUILD_NOT_FOUND', exitCode: 1 });
}

/** How far back `@…` goes: @latest 0, @prev 1, @N N; null for anything else. */
function stepsBack(spec: string): number | null {
  if (spec === '@latest') return 0;
  if (spec === '@prev') return 1;
  return /^@\d+$/.test(spec) ? Number(spec.slice(1)) : null;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

class History {
  private settings: Awaited<ReturnType<typeof resolveSettings>> | null = null;
  readonly skipped: SkippedEntry[] = [];
  constructor(private readonly request: DiffRequest) {}

  async where(): Promise<{ dir: string; platform: Platform; projectDir: string; accept: (entry: HistoryEntry) => boolean }> {
    this.settings ??= await resolveSettings(this.request.dir, this.request.platform ? { platform: this.request.platform } : {});
    const dir = historyDirFor(this.settings);
    if (!dir) throw usage(`${this.settings.projectDir} keeps no build history for an output folder at ${this.settings.outDir}. Compare two report files instead.`);
    return { dir, platform: this.settings.platform, projectDir: this.settings.projectDir, accept: sameOutput(this.settings.outDir) };
  }

  async back(steps: number, spec: string): Promise<HistoryEntry> {
    const { dir, platform, accept } = await this.where();
    const { entries, skipped } = await readNewest(dir, platform, steps + 1, accept);
    this.skipped.push(...skipped);
    const entry = entries[steps];
    if (entry) return entry;
    const have = entries.length;
    throw usage(
      have === 0
        ? `No build of ${platform} in the history yet (${dir}). Build the project (minigame-studio build), change it, build again, then compare.`
        : `${spec} is ${steps} build${steps === 1 ? '' : 's'} before the latest, but the history of ${platform} in ${dir} holds ${have}. Build again, or compare with a report file.`,
    );
  }

  async byId(id: string): Promise<HistoryEntry | null> {
    const { dir } = await this.where();
    const result = await readEntry(dir, id);
    if ('entry' in result) return result.entry;
    if ((await listEntryIds(dir, id.startsWith('alipay') ? 'alipay' : 'wechat')).includes(id)) throw usage(result.skipped.message);
    return null;
  }

  async byCommit(commit: string): Promise<HistoryEntry | null> {
    const { dir, platform, accept } = await this.where();
    const { entries, skipped } = await readEntries(dir, platform, accept);
    this.skipped.push(...skipped);
    return entries.findLast((entry) => entry.git?.commit === commit) ?? null;
  }
}

async function snapshotOf(spec: string, history: History, request: DiffRequest): Promise<BuildSnapshot> {
  const steps = stepsBack(spec);
  if (steps !== null) {
    const entry = await history.back(steps, spec);
    return snapshotOfEntry(entry, `${spec} (${entry.id})`);
  }
  if (spec.startsWith('@')) throw usage(`"${spec}" is not a build: use @latest, @prev, @N (N builds before the latest), an entry's id, a report file or a git ref.`);

  const file = resolve(request.cwd, spec);
  if (await isFile(file)) return snapshotOfFile(file, spec, request.platform);

  if (ENTRY_ID.test(spec)) {
    const entry = await history.byId(spec);
    if (entry) return snapshotOfEntry(entry, spec);
  }
  const { projectDir, platform } = await history.where();
  const commit = await resolveGitRef(projectDir, spec);
  if (commit === null) {
    throw usage(`"${spec}" is not a report file, a build in the history (@latest, @prev, @N, an entry's id) or a git ref of ${projectDir}.`);
  }
  const entry = await history.byCommit(commit);
  if (!entry) {
    throw usage(`No build of ${platform} at ${spec} (commit ${commit.slice(0, 10)}) in the history. Check it out and build it, or compare with its report file.`);
  }
  return snapshotOfEntry(entry, `${spec} (${entry.id})`);
}

async function snapshotOfFile(path: string, label: string, platform: Platform | undefined): Promise<BuildSnapshot> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw usage(`${path} can't be read as a report (${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : ((error as NodeJS.ErrnoException).code ?? String(error))}).`);
  }
  const entry = HistoryEntrySchema.safeParse(value);
  const snapshot = entry.success ? snapshotOfEntry(entry.data as HistoryEntry, label) : reportSnapshot(value, path, label);
  if (platform && snapshot.platform !== platform) {
    throw usage(`${path} is a build for ${snapshot.platform}, not ${platform}. Compare builds of one platform.`);
  }
  return snapshot;
}

function reportSnapshot(value: unknown, path: string, label: string): BuildSnapshot {
  const report = ReportShape.safeParse(value);
  if (!report.success) {
    throw usage(`${path} is not a build report (OUT.report.json) or a history entry: ${report.error.issues[0]?.path.join('.') || 'its content'} is missing or wrong.`);
  }
  return snapshotOfReport(report.data, label);
}

export async function diffRequest(request: DiffRequest): Promise<DiffResult> {
  const history = new History(request);
  const before = await snapshotOf(request.before ?? '@prev', history, request);
  const after = await snapshotOf(request.after ?? '@latest', history, request);
  if (before.platform !== after.platform) {
    throw usage(`${before.label} is a build for ${before.platform} and ${after.label} for ${after.platform}. Compare builds of one platform.`);
  }
  return { diff: diffBuilds(before, after), skipped: history.skipped };
}
