/**
 * The History view's two calls: the builds of the open project's platform (sizes only, for the
 * chart), and the diff of two of them. The same history and diff as the command line's.
 */
import type { BuildDiff, HistoryPoint, HistoryState } from '../../../shared/history.js';
import { StudioError } from '../errors.js';
import type { HistoryEntry } from '../history/entry.js';
import { diffRequest } from '../history/resolve.js';
import { historyDirFor, readEntries, sameOutput } from '../history/store.js';
import type { ProjectSettings } from '../types.js';

function pointOf(entry: HistoryEntry): HistoryPoint {
  return {
    id: entry.id,
    time: entry.time,
    durationMs: entry.durationMs,
    commit: entry.git?.commit ?? null,
    branch: entry.git?.branch ?? null,
    exitCode: entry.exitCode,
    packages: entry.packages.map(({ name, bytes, limitBytes }) => ({ name, bytes, limitBytes })),
    totalBytes: entry.totalBytes,
    totalLimitBytes: entry.totalLimitBytes,
    budgets: entry.budgets,
  };
}

function need(settings: ProjectSettings | null): ProjectSettings {
  if (!settings) throw new StudioError('The project cannot be read, so its build history cannot be shown.', { code: 'PROJECT_UNREADABLE' });
  return settings;
}

export async function historyOf(settings: ProjectSettings | null): Promise<HistoryState> {
  const { platform, ...where } = need(settings);
  const dir = historyDirFor(where);
  if (!dir) return { platform, points: [], skipped: [] };
  const { entries, skipped } = await readEntries(dir, platform, sameOutput(where.outDir));
  return { platform, points: entries.map(pointOf), skipped: skipped.map((s) => s.message) };
}

/** `before` and `after` are entry ids (or '@prev', '@latest'), as in `minigame-studio diff`. */
export async function diffOf(settings: ProjectSettings | null, before: string, after: string): Promise<BuildDiff> {
  const { projectDir, platform } = need(settings);
  if (before.includes('/') || after.includes('/')) {
    throw new StudioError('The History view compares builds of the history by id; report files are compared on the command line.', { code: 'INVALID_PARAMS' });
  }
  return (await diffRequest({ dir: projectDir, platform, before, after, cwd: projectDir })).diff;
}
