/**
 * Says where a setting came from in the problems about it: a Remote URL, a subpackage list or an
 * open data context may come from minigame-studio.json, from game.json or from a flag, and the
 * message must name the file to fix (a project's problem that names no file leaves a person
 * guessing which of the three to open).
 */
import type { Problem, ProblemCode } from '../../../shared/problems.js';
import type { ProjectSettings, SettingSources } from '../types.js';

const SETTING_OF: Partial<Record<ProblemCode, keyof SettingSources>> = {
  REMOTE_URL_INVALID: 'remoteUrl',
  REMOTE_URL_NOT_HTTPS: 'remoteUrl',
  SUBPACKAGE_ROOT_MISSING: 'subpackages',
  SUBPACKAGE_ENTRY_MISSING: 'subpackages',
  SUBPACKAGE_DUPLICATE: 'subpackages',
  SUBPACKAGE_RESERVED_NAME: 'subpackages',
  SUBPACKAGE_NESTED: 'subpackages',
  OPEN_DATA_CONTEXT_IN_SUBPACKAGE: 'openDataContext',
  OPEN_DATA_CONTEXT_ENTRY_MISSING: 'openDataContext',
  ENTRY_MISSING: 'entry',
  OUTPUT_INSIDE_SOURCE: 'outDir',
};

export function withSettingSource(problem: Problem, settings: ProjectSettings): Problem {
  const key = SETTING_OF[problem.code];
  const source = key ? settings.sources?.[key] : undefined;
  if (!key || !source || problem.message.includes(source.name)) return problem;
  return { ...problem, message: `${problem.message} (${source.field} comes from ${source.name}.)` };
}
