/**
 * OUT/project.config.json (WeChat only): the source's fields carried over, with the fields the
 * developer tool needs to open the folder as a game (SPEC §1.5). miniprogramRoot is "" because OUT
 * is the game root. Alipay gets none: minidev recognises a game by game.json alone (SPEC §5.1).
 */
import { projectConfigFieldFits } from '../../../shared/wechat-config-schema.js';
import type { ProjectSettings } from '../types.js';

/** SPEC §1.5's recommended settings; the source's `setting` keys win over these. */
const DEFAULT_SETTING = { urlCheck: true, es6: false, minified: true, uploadWithSourceMap: true } as const;

export function projectConfigFor(settings: ProjectSettings): Record<string, unknown> | null {
  if (settings.platform !== 'wechat') return null;
  const source = settings.projectConfig;
  const sourceSetting = isRecord(source.setting) ? source.setting : {};
  const out: Record<string, unknown> = {
    appid: settings.appid,
    projectname: settings.wechat.projectname,
    compileType: 'game',
    miniprogramRoot: '',
    libVersion: settings.wechat.libVersion,
    setting: { ...DEFAULT_SETTING, ...sourceSetting },
    packOptions: isRecord(source.packOptions) ? source.packOptions : { ignore: [], include: [] },
  };
  for (const [key, value] of Object.entries(source)) {
    // srcMiniprogramRoot points into the source tree, which OUT does not contain.
    // A field of the wrong type would make WeChat refuse the project (settings warned about it).
    if (!(key in out) && key !== 'srcMiniprogramRoot' && projectConfigFieldFits(key, value)) out[key] = value;
  }
  return out;
}

export function projectConfigText(settings: ProjectSettings): string | null {
  const config = projectConfigFor(settings);
  return config ? `${JSON.stringify(config, null, 2)}\n` : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
