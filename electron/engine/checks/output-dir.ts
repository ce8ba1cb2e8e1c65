/**
 * OUTPUT_INSIDE_SOURCE: the output folder must not be scanned as source. Anywhere under the game
 * root's build/ is fine (scan leaves build/ out); elsewhere inside the game root, or a folder that
 * contains the game, is not.
 */
import { relative } from 'node:path';
import type { Problem } from '../../../shared/problems.js';
import { isInsideOrSame, toPosix } from '../paths.js';
import { problem, type CheckContext } from './context.js';

export function checkOutputDir({ settings }: CheckContext): Problem[] {
  const { outDir, sourceDir } = settings;
  const field = settings.projectFile?.outDir?.[settings.platform] !== undefined ? `outDir.${settings.platform}` : undefined;
  if (isInsideOrSame(sourceDir, outDir)) {
    return [
      problem(
        'error',
        'OUTPUT_INSIDE_SOURCE',
        `The output folder ${outDir} contains the game itself (${sourceDir}): building would replace the source. Choose a folder under build/ (the default) or outside the game.`,
        null,
        field,
      ),
    ];
  }
  if (!isInsideOrSame(outDir, sourceDir)) return [];
  const rel = toPosix(relative(sourceDir, outDir));
  if (rel.startsWith('build/')) return [];
  return [
    problem(
      'error',
      'OUTPUT_INSIDE_SOURCE',
      `The output folder ${outDir} is inside the game (${rel}/), so the next build would package the last one. Choose a folder under build/ (e.g. build/${settings.platform === 'wechat' ? 'wechatgame' : 'alipay'}) or outside the game.`,
      null,
      field,
    ),
  ];
}
