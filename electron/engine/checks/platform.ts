/**
 * PLATFORM_UNSUPPORTED_FEATURE: what the chosen platform or limit profile lacks, and what the
 * build does instead (SPEC Part 1; issue 6 for Alipay).
 */
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';
import { wechatOnlyGameJsonKeys } from './game-json-keys.js';
import { subpackageSource } from './subpackages.js';

export function checkPlatformFeatures(ctx: CheckContext): Problem[] {
  const { settings } = ctx;
  const problems: Problem[] = [];
  const alipay = settings.platform === 'alipay';
  const { file, path } = subpackageSource(ctx);
  const noIndependent = alipay || settings.profile.independentBytes === null;
  const who = alipay ? 'Alipay' : `The limit profile ${settings.profile.id}`;

  if (noIndependent) {
    settings.subpackages.forEach((sub, i) => {
      if (!sub.independent) return;
      problems.push(
        problem(
          'warning',
          'PLATFORM_UNSUPPORTED_FEATURE',
          `Subpackage "${sub.name}" (${file} subpackages[${i}]) is independent, which ${who} does not support: it is built as a normal subpackage, so it loads after the main package. Turn "independent" off to silence this.`,
          path,
          `subpackages[${i}].independent`,
        ),
      );
    });
  }
  if (!alipay) return problems;

  if (settings.openDataContext) {
    problems.push(
      problem(
        'warning',
        'PLATFORM_UNSUPPORTED_FEATURE',
        `The open data context (${settings.openDataContext}) is a WeChat feature: it is left out of the Alipay game.json, and its files ship in the main package as plain files. Clear "openDataContext" for Alipay builds if the game doesn't need them.`,
        settings.openDataContext,
        'openDataContext',
      ),
    );
  }
  for (const key of wechatOnlyGameJsonKeys(settings.gameJson)) {
    problems.push(
      problem(
        'warning',
        'PLATFORM_UNSUPPORTED_FEATURE',
        `game.json "${key}" is a WeChat-only field: it is left out of the Alipay game.json.`,
        'game.json',
        key,
      ),
    );
  }
  return problems;
}
