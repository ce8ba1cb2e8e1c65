/**
 * WeChat's base library version (project.config.json `libVersion`), as miniprogram-ci's schema
 * accepts it: "", a channel (development, latest, trial, widelyUsed) or a version number. Old
 * DevTools wrote "game", which miniprogram-ci now refuses: such a value becomes "latest", said so.
 */
import { PROJECT_FILE_NAME } from '../../shared/project-file.js';
import type { Problem } from '../../shared/problems.js';

const CHANNELS: ReadonlySet<string> = new Set(['', 'development', 'latest', 'trial', 'widelyUsed']);

/** The schema's own pattern (dot unescaped, as miniprogram-ci's projectconfig schema has it), so valid values are left alone. */
const VERSION = /^[0-9]*.[0-9]*.[0-9]*$/;

export const DEFAULT_LIB_VERSION = 'latest';

export function isAcceptedLibVersion(value: string): boolean {
  return CHANNELS.has(value) || VERSION.test(value);
}

export interface LibVersionChoice {
  readonly libVersion: string;
  readonly problems: readonly Problem[];
}

/**
 * The libVersion to write: the project file's, else project.config.json's, else "latest"; one
 * miniprogram-ci would refuse is replaced by "latest" with a warning naming where it came from.
 */
export function chooseLibVersion(fromProjectFile: string | undefined, fromConfig: unknown): LibVersionChoice {
  const inFile = fromProjectFile !== undefined;
  const value = inFile ? fromProjectFile : typeof fromConfig === 'string' && fromConfig ? fromConfig : DEFAULT_LIB_VERSION;
  if (isAcceptedLibVersion(value)) return { libVersion: value, problems: [] };
  const where = inFile ? `${PROJECT_FILE_NAME} "wechat.libVersion"` : 'project.config.json "libVersion"';
  const fix = inFile ? `set "wechat.libVersion" in ${PROJECT_FILE_NAME}` : 'set "libVersion" in project.config.json (or "wechat.libVersion" in minigame-studio.json)';
  const problem: Problem = {
    severity: 'warning',
    code: 'LIB_VERSION_REPLACED',
    message: `${where} is ${JSON.stringify(value)}, which WeChat's tools no longer accept (they take "latest", "trial", "development", "widelyUsed" or a version such as "3.5.0"); the build writes "${DEFAULT_LIB_VERSION}" instead. To choose a version, ${fix}.`,
    path: inFile ? PROJECT_FILE_NAME : 'project.config.json',
    ...(inFile ? { field: 'wechat.libVersion' } : {}),
  };
  return { libVersion: DEFAULT_LIB_VERSION, problems: [problem] };
}
