/** Every check of the plan, one file per concern; run in a fixed order so reports are stable. */
import type { Problem } from '../../../shared/problems.js';
import type { CheckContext } from './context.js';
import { checkEntry } from './entry.js';
import { checkUnreadable, checkWhitelist } from './files.js';
import { checkGameJsonKeys } from './game-json-keys.js';
import { checkOpenDataContext } from './open-data-context.js';
import { checkOutputDir } from './output-dir.js';
import { checkPlatformFeatures } from './platform.js';
import { checkRemoteUrl } from './remote-url.js';
import { checkScripts } from './script-rules.js';
import { checkSubpackages } from './subpackages.js';

export type { CheckContext } from './context.js';

export async function runChecks(ctx: CheckContext): Promise<Problem[]> {
  return [
    ...ctx.settings.problems,
    ...checkEntry(ctx),
    ...checkSubpackages(ctx),
    ...checkOpenDataContext(ctx),
    ...checkRemoteUrl(ctx),
    ...checkOutputDir(ctx),
    ...checkPlatformFeatures(ctx),
    ...checkGameJsonKeys(ctx),
    ...(await checkScripts(ctx)),
    ...checkUnreadable(ctx),
    ...checkWhitelist(ctx),
  ];
}
