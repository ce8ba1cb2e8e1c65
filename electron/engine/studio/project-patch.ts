/**
 * A change from the Build panel, checked before anything is written. The choice (documented in the
 * report to the lead): a Remote URL that is not an absolute http(s) URL, or an AppID in the wrong
 * format for its platform, is REFUSED with a StudioError naming the field; minigame-studio.json
 * keeps its last valid value and the renderer shows the message inline next to the control.
 * Everything else the schema accepts is saved, and the engine's problems (subpackage roots, …)
 * show in the report, so that a half-finished subpackage edit is never lost.
 */
import { APPID_HINTS, APPID_PATTERNS, PLATFORM_LABELS, PLATFORMS } from '../../../shared/platforms.js';
import type { ProjectFile } from '../../../shared/project-file.js';
import { StudioError } from '../errors.js';
import { validateProjectFile } from '../project-file.js';

/** WeChat DevTools' test AppID, accepted besides the real format (as the project file accepts it). */
const WECHAT_TEST_APPID = 'touristappid';

/** The keys whose value is a small object the panel edits one field of; merged rather than replaced. */
const NESTED_KEYS = ['wechat', 'alipay', 'outDir'] as const;

/** Applies a patch: top-level keys replace, the per-platform objects merge one level deep. */
export function mergeProjectFile(current: ProjectFile, patch: Partial<ProjectFile>): ProjectFile {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const before = merged[key];
    merged[key] = (NESTED_KEYS as readonly string[]).includes(key) && isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value;
  }
  return merged as ProjectFile;
}

/** The reason a Remote URL is unusable, or null when it is '' (nothing remote) or an absolute http(s) URL. */
export function remoteUrlProblem(value: string): string | null {
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Remote URL "${value}" is not an absolute URL: write it in full, e.g. https://cdn.example.com/game/ (or leave it empty to keep every file in the package).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Remote URL "${value}" uses ${url.protocol}; the mini game can download only over https:// (or http:// while testing).`;
  }
  if (url.username || url.password) return `Remote URL "${value}" contains a user name or password; remove them.`;
  return null;
}

/** Checks a patch against the project file it would change; returns the merged, validated file or throws. */
export function validatePatch(current: ProjectFile, input: Partial<ProjectFile>): ProjectFile {
  const patch = typeof input.remoteUrl === 'string' ? { ...input, remoteUrl: input.remoteUrl.trim() } : input;
  if (patch.remoteUrl !== undefined) {
    const problem = remoteUrlProblem(patch.remoteUrl);
    if (problem) throw new StudioError(`${problem} The change was not saved.`, { code: 'REMOTE_URL_INVALID', field: 'remoteUrl' });
  }
  for (const platform of PLATFORMS) {
    const appid = patch[platform]?.appid;
    if (appid && !APPID_PATTERNS[platform].test(appid) && !(platform === 'wechat' && appid === WECHAT_TEST_APPID)) {
      throw new StudioError(`AppID "${appid}" is not a ${PLATFORM_LABELS[platform]} AppID: expected ${APPID_HINTS[platform]}. The change was not saved.`, {
        code: 'APPID_INVALID',
        field: `${platform}.appid`,
      });
    }
  }
  // The engine's own rules for the whole file (types, enums, names): the same ones the CLI applies.
  return validateProjectFile(mergeProjectFile(current, patch));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
