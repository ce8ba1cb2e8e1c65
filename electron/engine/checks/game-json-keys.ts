/**
 * game.json keys: the fields WeChat documents (SPEC §1.2), and those only WeChat has (SPEC V-A03).
 * Unknown keys pass through to the output and get a warning, as WeChat's own CI does.
 */
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';

export const KNOWN_GAME_JSON_KEYS: ReadonlySet<string> = new Set([
  'deviceOrientation',
  'desktopDeviceOrientation',
  'showStatusBar',
  'networkTimeout',
  'workers',
  'subpackages',
  'subPackages',
  'parallelPreloadSubpackages',
  'navigateToMiniProgramAppIdList',
  'permission',
  'openDataContext',
  'resizable',
  'displayMode',
  'disableSetUserStorageFromMiniProgram',
  'lockStepOptions',
  'plugins',
  'loadingImageInfo',
]);

/**
 * Fields of the game.json to write that Alipay doesn't have (SPEC V-A03): the Alipay build leaves
 * them out. `workers` only in its object form (a plain folder of scripts works anywhere).
 */
export function wechatOnlyGameJsonKeys(gameJson: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(gameJson).filter(
    (key) =>
      key === 'navigateToMiniProgramAppIdList' ||
      key === 'lockStepOptions' ||
      key === 'openDataContext' ||
      (key === 'workers' && typeof gameJson.workers === 'object' && gameJson.workers !== null),
  );
}

export function checkGameJsonKeys({ settings }: CheckContext): Problem[] {
  const fromProjectFile = new Set(Object.keys(settings.projectFile?.gameJson ?? {}));
  return Object.keys(settings.gameJson)
    .filter((key) => !KNOWN_GAME_JSON_KEYS.has(key))
    .map((key) => {
      const where = fromProjectFile.has(key) ? `minigame-studio.json "gameJson.${key}"` : `game.json "${key}"`;
      return problem(
        'warning',
        'UNKNOWN_GAME_JSON_KEY',
        `${where} is not a game.json field the platform documents; it is copied to the output as it is. Check the spelling, or remove it if nothing reads it.`,
        fromProjectFile.has(key) ? 'minigame-studio.json' : 'game.json',
        fromProjectFile.has(key) ? `gameJson.${key}` : key,
      );
    });
}
