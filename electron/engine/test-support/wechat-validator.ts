/**
 * miniprogram-ci's own checks of game.json and project.config.json (the JSON-schema validators
 * its compiler runs before a preview or an upload: `schemaValidate` then `transValidateResult`,
 * which throws what WeChat would print). They run offline and take milliseconds, so every WeChat
 * output a test builds is put through them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface SchemaResult {
  readonly warning: string;
  readonly error: readonly unknown[];
}

interface SchemaValidateModule {
  schemaValidate(kind: 'game' | 'projectconfig', value: unknown): SchemaResult;
  /** Throws an Error with WeChat's message when the result holds errors. */
  transValidateResult(file: string, result: SchemaResult): string;
}

const ci = createRequire(import.meta.url)(
  'miniprogram-ci/dist/modules/corecompiler/original/validate/schemaValidate.js',
) as SchemaValidateModule;

/** WeChat's message for one file's content, or null when miniprogram-ci accepts it. */
export function wechatRejection(file: 'game.json' | 'project.config.json', value: unknown): string | null {
  const result = ci.schemaValidate(file === 'game.json' ? 'game' : 'projectconfig', value);
  try {
    ci.transValidateResult(file, result);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Throws WeChat's message when miniprogram-ci would refuse OUT's game.json or project.config.json. */
export async function assertWechatAccepts(outDir: string): Promise<void> {
  const rejections: string[] = [];
  for (const file of ['game.json', 'project.config.json'] as const) {
    const value: unknown = JSON.parse(await readFile(join(outDir, file), 'utf8'));
    const rejection = wechatRejection(file, value);
    if (rejection) rejections.push(rejection);
  }
  if (rejections.length > 0) throw new Error(`miniprogram-ci rejects ${outDir}: ${rejections.join('; ')}`);
}
