/**
 * The engine's buildProject for tests, with every WeChat output it writes put through
 * miniprogram-ci's game.json and project.config.json validators (test-support/wechat-validator.ts).
 */
import { buildProject as engineBuild, type BuildOptions } from '../index.js';
import type { BuildOutcome, SettingsOverrides } from '../types.js';
import { assertWechatAccepts } from './wechat-validator.js';

export async function buildProject(dir: string, overrides: SettingsOverrides = {}, options: BuildOptions = {}): Promise<BuildOutcome> {
  const outcome = await engineBuild(dir, overrides, options);
  const { settings } = outcome.analysis;
  if (outcome.built && settings.platform === 'wechat') await assertWechatAccepts(settings.outDir);
  return outcome;
}
