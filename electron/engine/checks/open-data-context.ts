/** The open data context's structure (SPEC V-O01, V-S06). WeChat only: Alipay has none. */
import type { Problem } from '../../../shared/problems.js';
import { hasFolder, problem, type CheckContext } from './context.js';
import { subpackageSource } from './subpackages.js';

export function checkOpenDataContext(ctx: CheckContext): Problem[] {
  const { settings, inventory, byPath } = ctx;
  const odc = settings.openDataContext;
  if (!odc || settings.platform === 'alipay') return [];
  const source = settings.projectFile?.openDataContext !== undefined ? 'minigame-studio.json' : 'game.json';
  const problems: Problem[] = [];
  const { file: subSource } = subpackageSource(ctx);

  settings.subpackages.forEach((sub, i) => {
    const inside = sub.root.endsWith('/') && odc.startsWith(sub.root);
    const contains = sub.root.startsWith(odc);
    if (!inside && !contains) return;
    problems.push(
      problem(
        'error',
        'OPEN_DATA_CONTEXT_IN_SUBPACKAGE',
        inside
          ? `The open data context ${odc} (${source} "openDataContext") lies in subpackage "${sub.name}" (${sub.root}); it must be in the main package. Move the folder out of ${sub.root}, or remove that subpackage.`
          : `Subpackage "${sub.name}" (${subSource} subpackages[${i}]) has its root ${sub.root} inside the open data context ${odc}; the open data context must stay whole in the main package. Remove that subpackage.`,
        odc,
        inside ? 'openDataContext' : `subpackages[${i}].root`,
      ),
    );
  });

  const entry = byPath.get(`${odc}index.js`);
  if (!entry || entry.destination === 'excluded') {
    const why = !hasFolder(inventory, odc) ? `the folder ${odc} does not exist` : entry ? `${odc}index.js is excluded` : `${odc}index.js does not exist`;
    problems.push(
      problem(
        'error',
        'OPEN_DATA_CONTEXT_ENTRY_MISSING',
        `The open data context (${source} "openDataContext") needs ${odc}index.js, but ${why}. Add the script, or clear "openDataContext".`,
        `${odc}index.js`,
        'openDataContext',
      ),
    );
  }
  return problems;
}
