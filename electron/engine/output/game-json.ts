/**
 * OUT/game.json: the source game.json merged with the project file (settings.gameJson), plus the
 * fields the studio owns: deviceOrientation, subpackages and openDataContext. Unknown keys pass
 * through. Key order is fixed (deviceOrientation, the user's keys in their order, subpackages,
 * openDataContext) so a rebuild writes identical bytes.
 *
 * Alipay (SPEC §5): WeChat-only keys are left out (openDataContext, navigateToMiniProgramAppIdList,
 * lockStepOptions, the object form of workers, a subpackage's `independent`); the plan reports
 * each as PLATFORM_UNSUPPORTED_FEATURE. Alipay reads `deviceOrientation` as WeChat does (the
 * Cocos and Laya Alipay exporters write that key).
 */
import type { ProjectSettings } from '../types.js';

const GENERATED_KEYS: ReadonlySet<string> = new Set(['deviceOrientation', 'subpackages', 'subPackages', 'openDataContext']);
export const WECHAT_ONLY_KEYS: ReadonlySet<string> = new Set(['openDataContext', 'navigateToMiniProgramAppIdList', 'lockStepOptions']);

export function gameJsonFor(settings: ProjectSettings): Record<string, unknown> {
  const alipay = settings.platform === 'alipay';
  const out: Record<string, unknown> = { deviceOrientation: settings.orientation };
  for (const [key, value] of Object.entries(settings.gameJson)) {
    if (GENERATED_KEYS.has(key)) continue;
    if (alipay && (WECHAT_ONLY_KEYS.has(key) || (key === 'workers' && typeof value === 'object' && value !== null))) continue;
    out[key] = value;
  }
  if (settings.subpackages.length > 0) {
    out.subpackages = settings.subpackages.map((sub) =>
      sub.independent && !alipay ? { name: sub.name, root: sub.root, independent: true } : { name: sub.name, root: sub.root },
    );
  }
  if (settings.openDataContext && !alipay) out.openDataContext = settings.openDataContext;
  return out;
}

export function gameJsonText(settings: ProjectSettings): string {
  return `${JSON.stringify(gameJsonFor(settings), null, 2)}\n`;
}
