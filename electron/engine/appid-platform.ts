/**
 * Which platform an AppID belongs to, so that one copied from another platform's project (a
 * Douyin `tt…` id or a QQ id in project.config.json, a WeChat id on an Alipay build) is named
 * before the developer tool refuses it with a message that doesn't say why.
 */
import { APPID_HINTS, APPID_PATTERNS, PLATFORM_LABELS, type Platform } from '../../shared/platforms.js';
import { PROJECT_FILE_NAME } from '../../shared/project-file.js';
import type { Problem } from '../../shared/problems.js';

/** AppID formats of platforms the studio does not build for. */
const OTHER_PLATFORMS: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  // Douyin (ByteDance) mini games: "tt" and 16 more letters or digits, e.g. tt0123456789abcdef.
  { label: 'Douyin', pattern: /^tt[0-9a-z]{16}$/i },
  // QQ mini games: a number of about ten digits, e.g. 1109876543 (Alipay's has 16).
  { label: 'QQ', pattern: /^[1-9]\d{8,10}$/ },
];

/** The platform an AppID is from, by its format ("WeChat Mini Game", "Douyin", …), or null when unknown. */
export function appidOrigin(appid: string): { readonly platform: Platform | null; readonly label: string } | null {
  for (const platform of Object.keys(APPID_PATTERNS) as Platform[]) {
    if (APPID_PATTERNS[platform].test(appid)) return { platform, label: PLATFORM_LABELS[platform] };
  }
  const other = OTHER_PLATFORMS.find((entry) => entry.pattern.test(appid));
  return other ? { platform: null, label: other.label } : null;
}

/** Where the AppID of a run came from, to say in the warning. */
export type AppidSource = 'flag' | 'project-file' | 'project-config';

/** A warning when the AppID is recognisably another platform's; [] otherwise. */
export function appidPlatformProblems(platform: Platform, appid: string, source: AppidSource): Problem[] {
  if (!appid) return [];
  const origin = appidOrigin(appid);
  if (!origin || origin.platform === platform) return [];
  const where =
    source === 'flag' ? 'given with --appid' : source === 'project-file' ? `in ${PROJECT_FILE_NAME} "${platform}.appid"` : 'in project.config.json "appid"';
  const field = `${platform}.appid`;
  return [
    {
      severity: 'warning',
      code: 'APPID_OTHER_PLATFORM',
      message: `The AppID "${appid}" ${where} is a ${origin.label} AppID, but this is ${article(PLATFORM_LABELS[platform])} build, whose tools will refuse it. Set the ${PLATFORM_LABELS[platform]} AppID (${APPID_HINTS[platform]}) in the Build panel's AppID field, or as "${field}" in ${PROJECT_FILE_NAME}.`,
      path: source === 'flag' ? null : source === 'project-file' ? PROJECT_FILE_NAME : 'project.config.json',
      field,
    },
  ];
}

function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}
