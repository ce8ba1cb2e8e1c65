/**
 * What a build does with its history: record an entry after OUT is written, and read the previous
 * build back for the growth budget. Both are fail-soft: a history that can't be written or read
 * costs a warning, never the build.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Problem } from '../../../shared/problems.js';
import { problem } from '../checks/context.js';
import { parseBudgets, type GrowthBaseline } from '../checks/budgets.js';
import { isStudioError } from '../errors.js';
import type { Analysis, ProjectSettings } from '../types.js';
import { entryFromReport } from './entry.js';
import { gitInfo } from './git.js';
import { appendEntry, DEFAULT_KEEP, ensureHistoryFolder, entryId, historyDirFor, readNewest, sameOutput } from './store.js';

export interface HistoryRecord {
  /** The new entry's id; null when none was recorded (see warnings). */
  readonly entryId: string | null;
  readonly dir: string | null;
  /** For people: why the history was not recorded, or what was skipped. */
  readonly warnings: readonly string[];
}

export interface RecordOptions {
  /** performance.now() when the build started. */
  readonly startedAt: number;
  readonly keep?: number;
}

export async function recordBuild(analysis: Analysis, exitCode: number, options: RecordOptions): Promise<HistoryRecord> {
  const { settings, report } = analysis;
  const dir = historyDirFor(settings);
  if (!dir) {
    return {
      entryId: null,
      dir: null,
      warnings: [`The build history was not recorded: beside ${settings.outDir} it would go among the game's own files. Build into the project's build/ folder, or outside the project, to keep a history.`],
    };
  }
  const durationMs = performance.now() - options.startedAt;
  try {
    await ensureHistoryFolder(dir, settings);
    const time = new Date();
    const id = entryId(settings.platform, time, randomBytes(3).toString('hex'));
    const git = await gitInfo(settings.projectDir);
    await appendEntry(dir, entryFromReport(report, settings, { id, time, durationMs, git, exitCode }), options.keep ?? DEFAULT_KEEP);
    return { entryId: id, dir, warnings: [] };
  } catch (error) {
    const message = isStudioError(error)
      ? error.message
      : `The build history was not recorded in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the build itself is complete.`;
    return { entryId: null, dir, warnings: [message] };
  }
}

export interface PreviousBuild {
  readonly baseline: GrowthBaseline | null;
  /** HISTORY_ENTRY_INVALID warnings for entries skipped on the way. */
  readonly problems: readonly Problem[];
}

const NONE: PreviousBuild = { baseline: null, problems: [] };

/** The previous build of this platform, read only when the project has a growth budget. */
export async function previousBuild(settings: ProjectSettings): Promise<PreviousBuild> {
  if (!parseBudgets(settings).has('growth')) return NONE;
  const dir = historyDirFor(settings);
  if (!dir) return NONE;
  try {
    const { entries, skipped } = await readNewest(dir, settings.platform, 1, sameOutput(settings.outDir));
    const last = entries[0];
    return {
      baseline: last ? { label: last.id, packages: last.packages } : null,
      problems: skipped.map((s) => problem('warning', 'HISTORY_ENTRY_INVALID', s.message, null)),
    };
  } catch {
    return NONE;
  }
}
