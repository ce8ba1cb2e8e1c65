/**
 * What WeChat's tools accept in game.json and project.config.json, as miniprogram-ci 2.1.42's own
 * JSON schemas say (node_modules/miniprogram-ci/dist/schema/dist/game.js and projectconfig.js).
 * Only types, enums and required fields: unknown keys are a warning there, not an error. The
 * studio checks a game's files against these before building, so that it never writes a
 * game.json or project.config.json that the upload would refuse (the tests run miniprogram-ci's
 * validators on every WeChat output they build).
 */
import { z } from 'zod';

const PluginSchema = z.looseObject({
  provider: z.string(),
  version: z.string(),
  path: z.string().optional(),
  contexts: z.array(z.looseObject({ type: z.enum(['gameContext', 'isolatedContext', 'openDataContext']) })).optional(),
});

const SubpackageItemSchema = z.looseObject({
  root: z.string(),
  name: z.string().optional(),
  independent: z.boolean().optional(),
  plugins: z.record(z.string(), PluginSchema).optional(),
});

export const WechatGameJsonSchema = z.looseObject({
  deviceOrientation: z.enum(['landscape', 'landscapeLeft', 'landscapeRight', 'portrait']).optional(),
  networkTimeout: z
    .looseObject({ request: z.number().optional(), connectSocket: z.number().optional(), uploadFile: z.number().optional(), downloadFile: z.number().optional() })
    .optional(),
  openDataContext: z.string().optional(),
  showStatusBar: z.boolean().optional(),
  workers: z.union([z.string(), z.looseObject({ path: z.string(), isSubpackage: z.boolean() })]).optional(),
  disableSetUserStorageFromMiniProgram: z.boolean().optional(),
  permission: z.looseObject({ 'scope.userLocation': z.looseObject({ desc: z.string() }).optional() }).optional(),
  subPackages: z.array(SubpackageItemSchema).optional(),
  subpackages: z.array(SubpackageItemSchema).optional(),
  loadingImageInfo: z.looseObject({ path: z.string(), progressBarColor: z.string().optional() }).optional(),
  plugins: z.record(z.string(), PluginSchema).optional(),
  resizable: z.boolean().optional(),
  lockStepOptions: z
    .looseObject({
      gameTick: z.number().optional(),
      heartBeatTick: z.number().optional(),
      offlineTimeLength: z.number().optional(),
      UDPReliabilityStrategy: z.number().optional(),
      dataType: z.enum(['ArrayBuffer', 'String']).optional(),
    })
    .optional(),
});

/** The top-level project.config.json fields the schema types (libVersion has its own rule). */
export const PROJECT_CONFIG_FIELD_TYPES: Readonly<Record<string, 'string' | 'object'>> = {
  cloudfunctionRoot: 'string',
  cloudfunctionTemplateRoot: 'string',
  cloudcontainerRoot: 'string',
  srcMiniprogramRoot: 'string',
  description: 'string',
  simulatorType: 'string',
  miniprogramRoot: 'string',
  qcloudRoot: 'string',
  pluginRoot: 'string',
  cloudbaseRoot: 'string',
  compileType: 'string',
  pluginAppid: 'string',
  jsserverRoot: 'string',
  projectname: 'string',
  appid: 'string',
  editorSetting: 'object',
  packOptions: 'object',
  watchOptions: 'object',
  setting: 'object',
  staticServerOptions: 'object',
  scripts: 'object',
  debugOptions: 'object',
  condition: 'object',
  skeletonConfig: 'object',
};

/** Whether a top-level project.config.json value has the type WeChat's schema asks for (any for unknown keys). */
export function projectConfigFieldFits(key: string, value: unknown): boolean {
  const type = PROJECT_CONFIG_FIELD_TYPES[key];
  if (type === 'string') return typeof value === 'string';
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return true;
}
