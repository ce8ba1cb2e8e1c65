/**
 * The static scans of scripts (SPEC V-S08, V-S09, V-O02, V-Z06), over every script that ships:
 * - INDEPENDENT_SUBPACKAGE_DEPENDENCY: an independent subpackage requires or names a file outside its root;
 * - OPEN_DATA_CONTEXT_DEPENDENCY: a require crosses the open data context's boundary, either way;
 * - SUBPACKAGE_CROSS_REFERENCE (warning): a subpackage requires another subpackage's script;
 * - REFERENCED_FILE_NOT_UPLOADED: a script names a file that exists but won't be uploaded.
 */
import type { Problem } from '../../../shared/problems.js';
import { MAIN_PACKAGE, type PackageKind } from '../../../shared/report.js';
import type { PlannedFile } from '../types.js';
import { problem, type CheckContext } from './context.js';
import type { ScriptGraph } from './script-graph.js';

/** The checks over the script graph's edges (made once per plan, shared with the fit planner). */
export function checkScripts(ctx: CheckContext, graph: ScriptGraph): Problem[] {
  const { settings, byPath } = ctx;
  const kinds = new Map<string, PackageKind>(ctx.packages.map((p) => [p.name, p.kind]));
  const roots = new Map<string, string>(ctx.packages.map((p) => [p.name, p.root]));
  const odc = settings.platform === 'wechat' ? settings.openDataContext : null;
  const inOdc = (path: string): boolean => odc !== null && path.startsWith(odc);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (key: string, make: () => Problem): void => {
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(make());
  };

  for (const node of graph.nodes.values()) {
    const script = byPath.get(node.path);
    if (!script || !node.isScript) continue;
    const kind = kinds.get(script.package) ?? 'main';
    for (const { spec, how, to } of node.edges) {
      const target = byPath.get(to);
      if (!target) continue;
      const verb = how === 'require' ? `requires '${spec}'` : `names '${spec}'`;

      if (target.destination === 'excluded') {
        add(`nu:${script.path}:${target.path}`, () =>
          problem(
            'error',
            'REFERENCED_FILE_NOT_UPLOADED',
            `${script.path} ${verb}, but ${target.path} will not be uploaded (${target.excludedReason === 'excluded' ? 'it matches "exclude" in minigame-studio.json' : 'its type is not on the upload whitelist'}), so the game will fail to load it. ${target.excludedReason === 'excluded' ? 'Remove the pattern that matches it' : 'Convert it to a whitelisted type'}, or stop using it.`,
            script.path,
          ),
        );
      }
      if (kind === 'independent' && target.package !== script.package) {
        add(`ind:${script.path}:${target.path}`, () =>
          problem(
            'error',
            'INDEPENDENT_SUBPACKAGE_DEPENDENCY',
            `${script.path} is in the independent subpackage "${script.package}" (${roots.get(script.package) ?? ''}) and ${verb}, which is outside it (${describePackage(target)}). An independent subpackage starts without the main package: copy ${target.path} into ${roots.get(script.package) ?? 'it'}, or make the subpackage normal.`,
            script.path,
          ),
        );
      }
      if (how !== 'require') continue;
      if (inOdc(script.path) !== inOdc(target.path)) {
        add(`odc:${script.path}:${target.path}`, () =>
          problem(
            'error',
            'OPEN_DATA_CONTEXT_DEPENDENCY',
            inOdc(script.path)
              ? `${script.path} is in the open data context and ${verb} (${target.path}), which is outside it. The open data context runs on its own: copy the script into ${odc}.`
              : `${script.path} ${verb} (${target.path}), which is in the open data context. The game can't require it: talk to the open data context with postMessage, or copy the script out.`,
            script.path,
          ),
        );
      }
      if (kind === 'subpackage' && target.package !== MAIN_PACKAGE && target.package !== script.package) {
        add(`x:${script.path}:${target.path}`, () =>
          problem(
            'warning',
            'SUBPACKAGE_CROSS_REFERENCE',
            `${script.path} (subpackage "${script.package}") ${verb}, which is in subpackage "${target.package}". That works only if "${target.package}" was loaded first: load it with loadSubpackage before, or move the shared script to the main package.`,
            script.path,
          ),
        );
      }
    }
  }
  return problems;
}

function describePackage(file: PlannedFile): string {
  if (file.destination === 'remote') return 'a remote file of the main package';
  return file.package === MAIN_PACKAGE ? 'the main package' : `subpackage "${file.package}"`;
}
