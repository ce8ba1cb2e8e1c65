/** Every check of the plan, one file per concern; run in a fixed order so reports are stable. */
import type { Problem } from '../../../shared/problems.js';
import type { CheckContext } from './context.js';
import { checkEntry } from './entry.js';
import { checkUnreadable, checkWhitelist } from './files.js';
import { checkGameJsonKeys } from './game-json-keys.js';
import { checkLinksOutside } from './links.js';
import { checkOpenDataContext } from './open-data-context.js';
import { checkOutputDir } from './output-dir.js';
import { checkPlatformFeatures } from './platform.js';
import { checkRemoteUrl } from './remote-url.js';
import { buildScriptGraph, type ScriptGraph } from './script-graph.js';
import { checkScripts } from './script-rules.js';
import { withSettingSource } from './setting-source.js';
import { checkSubpackages } from './subpackages.js';

export type { CheckContext } from './context.js';

/**
 * The problems of the two checks that go over every file: they depend only on the files' paths and
 * places (and the scripts' content), never on sizes, so they can be handed back when only
 * non-script files changed in place (the live report, issue 7 P3).
 */
export interface PerFileProblems {
  readonly scripts: readonly Problem[];
  readonly whitelist: readonly Problem[];
  /** The script graph the script checks walked (the same while no script changes). */
  readonly graph: ScriptGraph;
}

export async function runChecksReusing(
  ctx: CheckContext,
  reuse?: PerFileProblems,
): Promise<{ readonly problems: Problem[]; readonly perFile: PerFileProblems }> {
  const perFile = reuse ?? (await perFileProblems(ctx));
  const problems = [
    ...ctx.settings.problems,
    ...checkEntry(ctx),
    ...checkSubpackages(ctx),
    ...checkOpenDataContext(ctx),
    ...checkRemoteUrl(ctx),
    ...checkOutputDir(ctx),
    ...checkPlatformFeatures(ctx),
    ...checkGameJsonKeys(ctx),
    ...perFile.scripts,
    ...checkUnreadable(ctx),
    ...checkLinksOutside(ctx),
    ...perFile.whitelist,
  ].map((p) => withSettingSource(p, ctx.settings));
  return { problems, perFile };
}

async function perFileProblems(ctx: CheckContext): Promise<PerFileProblems> {
  const graph = await buildScriptGraph(ctx);
  return { scripts: checkScripts(ctx, graph), whitelist: checkWhitelist(ctx), graph };
}
