/**
 * Where a problem points in the UI: the Build panel setting it is about, taken from the problem's
 * `field` when the engine sets one, else from its code. The codes are the engine's; this only
 * decides which control shows the message.
 */
import type { Problem } from '../../../shared/problems.js';

export type SettingKey = 'remoteUrl' | 'subpackages' | 'openDataContext' | 'outDir' | 'appid' | 'exclude' | 'keepInPackage' | 'profile';

const BY_CODE: Readonly<Record<string, SettingKey>> = {
  REMOTE_URL_INVALID: 'remoteUrl',
  REMOTE_URL_NOT_HTTPS: 'remoteUrl',
  SUBPACKAGE_ROOT_MISSING: 'subpackages',
  SUBPACKAGE_ENTRY_MISSING: 'subpackages',
  SUBPACKAGE_DUPLICATE: 'subpackages',
  SUBPACKAGE_RESERVED_NAME: 'subpackages',
  SUBPACKAGE_NESTED: 'subpackages',
  SUBPACKAGE_TOO_LARGE: 'subpackages',
  INDEPENDENT_SUBPACKAGE_TOO_LARGE: 'subpackages',
  INDEPENDENT_SUBPACKAGE_DEPENDENCY: 'subpackages',
  SUBPACKAGE_CROSS_REFERENCE: 'subpackages',
  OPEN_DATA_CONTEXT_IN_SUBPACKAGE: 'openDataContext',
  OPEN_DATA_CONTEXT_ENTRY_MISSING: 'openDataContext',
  OPEN_DATA_CONTEXT_DEPENDENCY: 'openDataContext',
  OUTPUT_INSIDE_SOURCE: 'outDir',
};

export function settingFor(problem: Problem): SettingKey | null {
  const head = problem.field?.split(/[.[]/)[0];
  if (head === 'wechat' || head === 'alipay') return 'appid';
  if (head && ['remoteUrl', 'subpackages', 'openDataContext', 'outDir', 'exclude', 'keepInPackage', 'profile'].includes(head)) {
    return head as SettingKey;
  }
  return BY_CODE[problem.code] ?? null;
}

/** The subpackage index a problem names ('subpackages[2].root' → 2), else by its path or message. */
export function subpackageIndexFor(problem: Problem, subpackages: readonly { name: string; root: string }[]): number | null {
  const match = problem.field?.match(/^subpackages\[(\d+)\]/);
  if (match) return Number(match[1]);
  if (settingFor(problem) !== 'subpackages') return null;
  const index = subpackages.findIndex(
    (s) => (problem.path !== null && problem.path.startsWith(s.root)) || problem.message.includes(`"${s.name}"`),
  );
  return index < 0 ? null : index;
}

/**
 * The setting a problem's message suggests as the way out, for its link in the report (not for an
 * inline message: an empty Remote URL field is not wrong because the main package is too big).
 */
export function linkFor(problem: Problem): SettingKey | null {
  const setting = settingFor(problem);
  if (setting) return setting;
  if (problem.code === 'MAIN_PACKAGE_TOO_LARGE' || problem.code === 'TOTAL_TOO_LARGE') return 'remoteUrl';
  return null;
}

export function problemsFor(problems: readonly Problem[], key: SettingKey): readonly Problem[] {
  return problems.filter((p) => settingFor(p) === key);
}
