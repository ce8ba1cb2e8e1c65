/**
 * Whether OUT needs a rebuild before a developer tool opens it: no OUT.report.json yet, a report
 * for another platform or folder, a settings file or a source file newer than the report, or a
 * source file the last build did not know (added since).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import type { Report } from '../../../shared/report.js';
import { reportPathFor } from '../build.js';
import { scan } from '../scan.js';
import type { ProjectSettings } from '../types.js';

const CONFIG_FILES = ['game.json', 'project.config.json'];

/** Why OUT is stale, for the log; null when it is up to date. */
export async function staleReason(settings: ProjectSettings, signal?: AbortSignal): Promise<string | null> {
  const reportPath = reportPathFor(settings.outDir);
  const builtAt = await mtime(reportPath);
  if (builtAt === null || (await mtime(settings.outDir)) === null) return 'there is no build yet';
  let report: Report;
  try {
    report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
  } catch {
    return `${reportPath} can't be read`;
  }
  if (report.platform !== settings.platform) return `the last build was for ${report.platform}`;
  const settingsAt = await mtime(join(settings.projectDir, PROJECT_FILE_NAME));
  if (settingsAt !== null && settingsAt > builtAt) return 'the settings changed';

  const inventory = await scan(settings.sourceDir, { signal, followLinksOutside: settings.includeLinksOutsideProject });
  // The config files are read into the generated ones, so the report does not list them.
  const known = new Set([...CONFIG_FILES, ...(report.files ?? []).map((f) => f.path), ...(report.excluded ?? []).map((f) => f.path)]);
  for (const file of inventory.files.values()) {
    if (file.mtimeMs > builtAt) return `${file.path} changed`;
    if (!known.has(file.path)) return `${file.path} is new`;
  }
  return null;
}

async function mtime(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}
