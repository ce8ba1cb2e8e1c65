/**
 * Applying a plan: its settings merged into minigame-studio.json (keys the studio doesn't know and
 * comments kept, written atomically: project-file.ts). Nothing else is written: no file of the
 * game is moved, renamed or deleted. Undo puts back the file's bytes exactly as they were.
 */
import { readFile, unlink } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { FitPlan, FitSettings } from '../../../shared/fit.js';
import { PROJECT_FILE_NAME, type ProjectFile } from '../../../shared/project-file.js';
import { writeFileAtomic } from '../atomic-write.js';
import { isUsableRemoteUrl } from '../checks/remote-url.js';
import { StudioError } from '../errors.js';
import { loadProjectFile, projectFilePath, saveProjectFile } from '../project-file.js';

export interface FitInputValues {
  readonly remoteUrl?: string;
}

export interface AppliedFit {
  readonly path: string;
  /** The project file's bytes before, or null when there was none. */
  readonly before: Buffer | null;
  /** Its bytes as the plan left them: Undo restores only over these. */
  readonly after: Buffer;
  /** What changed, one line per setting ("remoteUrl: (none) → https://…"). */
  readonly changes: readonly string[];
  readonly settings: FitSettings;
}

/** The plan's settings with the user's input in place of its placeholders; refuses when input is missing. */
export function settingsToWrite(plan: FitPlan, input: FitInputValues): FitSettings {
  let settings: FitSettings = plan.settings;
  for (const need of plan.needsInput) {
    const given = input[need.field]?.trim();
    if (!given) {
      throw new StudioError(`Plan ${plan.id} can't be applied as it is. ${need.message} Give it (in the Fit card, or on the command line with --remote-url URL), then apply again.`, {
        code: 'FIT_INPUT_NEEDED',
        field: need.field,
        exitCode: 2,
      });
    }
    if (need.field === 'remoteUrl' && !isUsableRemoteUrl(given)) {
      throw new StudioError(`The Remote URL "${given}" is not an absolute http(s) URL: write it in full (e.g. https://cdn.example.com/my-game/).`, {
        code: 'REMOTE_URL_INVALID',
        field: 'remoteUrl',
        exitCode: 2,
      });
    }
    settings = { ...settings, [need.field]: given };
  }
  return settings;
}

export async function applyFitPlan(projectDir: string, plan: FitPlan, input: FitInputValues = {}): Promise<AppliedFit> {
  const settings = settingsToWrite(plan, input);
  const path = projectFilePath(projectDir);
  const before = await readOrNull(path);
  const previous = before === null ? {} : await currentValues(projectDir);
  await saveProjectFile(projectDir, settings as Partial<ProjectFile>);
  const after = (await readOrNull(path)) ?? Buffer.alloc(0);
  return { path, before, after, changes: describeChanges(previous, settings), settings };
}

/** Restores the project file as it was before `applied`, byte for byte; refuses when it was edited since. */
export async function undoFitPlan(applied: AppliedFit): Promise<void> {
  const now = await readOrNull(applied.path);
  if (now === null || !now.equals(applied.after)) {
    throw new StudioError(`${PROJECT_FILE_NAME} changed after the plan was applied, so Undo would lose those changes; it was left as it is. Edit ${applied.path} by hand to undo the plan.`, {
      code: 'FIT_UNDO_STALE',
      path: applied.path,
    });
  }
  // The studio wrote the file when there was none: removing it again is removing only its own.
  if (applied.before === null) await unlink(applied.path);
  else await writeFileAtomic(applied.path, applied.before);
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function currentValues(projectDir: string): Promise<Record<string, unknown>> {
  return ((await loadProjectFile(projectDir)) ?? {}) as Record<string, unknown>;
}

function describeChanges(previous: Record<string, unknown>, settings: FitSettings): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const old = previous[key];
    if (isDeepStrictEqual(old, value)) continue;
    if (Array.isArray(value)) {
      const had = Array.isArray(old) ? old : [];
      const added = value.filter((item) => !had.some((h) => isDeepStrictEqual(h, item)));
      lines.push(`${key}: + ${added.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ')}`);
    } else lines.push(`${key}: ${old === undefined || old === '' ? '(none)' : JSON.stringify(old)} → ${JSON.stringify(value)}`);
  }
  return lines;
}
