/**
 * OUT/game.json: the source game.json merged with the project file (settings.gameJson), plus the
 * fields the studio owns: deviceOrientation, subpackages and openDataContext. Unknown keys pass
 * through. Key order is fixed (deviceOrientation, the user's keys in their order, subpackages,
 * openDataContext) so a rebuild writes identical bytes.
 *
 * Alipay (SPEC §5): WeChat-only keys are left out (openDataContext, navigateToMiniProgramAppIdList,
 * lockStepOptions, the object form of workers, a subpackage's `independent`); the plan reports
 * each as PLATFORM_UNSUPPORTED_FEATURE. Alipay's current runtime reads `deviceOrientation`
 * (portrait or landscape) and its older one `screenOrientation` (Alibaba Cloud's mini game
 * game.json reference lists it as the historical key; Cocos's first Alipay adapter wrote only it),
 * so an Alipay build writes both.
 */
import { wechatOnlyGameJsonKeys } from '../checks/game-json-keys.js';
import type { ProjectSettings } from '../types.js';

const GENERATED_KEYS: ReadonlySet<string> = new Set(['deviceOrientation', 'screenOrientation', 'subpackages', 'subPackages', 'openDataContext']);

export function gameJsonFor(settings: ProjectSettings): Record<string, unknown> {
  const alipay = settings.platform === 'alipay';
  const out: Record<string, unknown> = alipay ? alipayOrientation(settings.orientation) : { deviceOrientation: settings.orientation };
  const leftOut = new Set(alipay ? wechatOnlyGameJsonKeys(settings.gameJson) : []);
  for (const [key, value] of Object.entries(settings.gameJson)) {
    if (GENERATED_KEYS.has(key) || leftOut.has(key)) continue;
    out[key] = value;
  }
  if (settings.subpackages.length > 0) {
    // Other fields of a subpackage item (its `plugins`, …) pass through, so a game builds as it was.
    out.subpackages = settings.subpackages.map((sub) => ({
      name: sub.name,
      root: sub.root,
      ...(sub.independent && !alipay ? { independent: true } : {}),
      ...sub.extra,
    }));
  }
  if (settings.openDataContext && !alipay) out.openDataContext = settings.openDataContext;
  return out;
}

export function gameJsonText(settings: ProjectSettings): string {
  return `${JSON.stringify(gameJsonFor(settings), null, 2)}\n`;
}

/** Alipay knows portrait and landscape only: the left and right landscapes are both landscape. */
function alipayOrientation(orientation: string): Record<string, string> {
  const value = orientation === 'portrait' ? 'portrait' : 'landscape';
  return { deviceOrientation: value, screenOrientation: value };
}
