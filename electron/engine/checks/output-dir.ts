/**
 * OUTPUT_INSIDE_SOURCE: the output folder must not be scanned as source. Anywhere under the game
 * root's build/ is fine (scan leaves build/ out); elsewhere inside the game root, or a folder that
 * contains the game, is not. Judged on the paths as written and on their real paths, so an output
 * folder that leads into the game through a link is named in the report too (the build refuses it
 * either way: output/guards.ts).
 */
import { relative } from 'node:path';
import type { Problem } from '../../../shared/problems.js';
import type { ProjectSettings } from '../types.js';
import { realPathOfSync } from '../output/real-paths.js';
import { isInsideOrSame, toPosix } from '../paths.js';
import { problem, type CheckContext } from './context.js';

export function checkOutputDir({ settings }: CheckContext): Problem[] {
  const literal = judge(settings.outDir, settings.sourceDir, settings, '');
  if (literal.length > 0) return literal;
  const realOut = realPathOfSync(settings.outDir);
  const realSource = realPathOfSync(settings.sourceDir);
  if (realOut === settings.outDir && realSource === settings.sourceDir) return [];
  return judge(realOut, realSource, settings, ` (through a link: it really is ${realOut})`);
}

function judge(outDir: string, sourceDir: string, settings: ProjectSettings, via: string): Problem[] {
  const field = settings.projectFile?.outDir?.[settings.platform] !== undefined ? `outDir.${settings.platform}` : undefined;
  if (isInsideOrSame(sourceDir, outDir)) {
    return [
      problem(
        'error',
        'OUTPUT_INSIDE_SOURCE',
        `The output folder ${settings.outDir}${via} contains the game itself (${sourceDir}): building would replace the source. Choose a folder under build/ (the default) or outside the game.`,
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
      `The output folder ${settings.outDir}${via} is inside the game (${rel}/), so the next build would package the last one. Choose a folder under build/ (e.g. build/${settings.platform === 'wechat' ? 'wechatgame' : 'alipay'}) or outside the game.`,
      null,
      field,
    ),
  ];
}
