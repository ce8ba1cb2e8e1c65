/**
 * Probably unused files: files of the game that no script, no JSON and no other text file of the
 * game names, by path, by file name or by the name without its extension. Listed with the
 * evidence, to exclude (never removed). "Probably": a name the code puts together at run time
 * ('lv' + n + '.png') is not seen.
 */
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { isTextFile } from '../../checks/script-graph.js';
import { formatBytes } from '../../report.js';
import type { PlannedFile } from '../../types.js';
import type { FitContext, FitOption, FitProposer } from '../context.js';
import { biggest, sumBytes } from './examples.js';

/** The planner proposes leaving out at most this many files (the biggest), so the project file stays readable. */
export const MAX_UNUSED = 50;

export const unusedProposer: FitProposer = {
  id: 'unused',
  propose(ctx: FitContext): FitOption[] {
    const unused = findUnused(ctx).slice(0, MAX_UNUSED);
    if (unused.length === 0) return [];
    const bytes = sumBytes(unused);
    const { scripts, texts } = counts(ctx);
    return [
      {
        title: unused.length === 1 ? `Leave out ${unused[0]?.path ?? ''}, which nothing names` : `Leave out ${unused.length} files that nothing names`,
        actions: [
          {
            kind: 'exclude-unused',
            title: `Exclude ${unused.length} probably unused file${unused.length === 1 ? '' : 's'} (${formatBytes(bytes)}): they stay in your folder, the build leaves them out`,
            files: unused.length,
            bytes,
            examples: biggest(unused),
            safety: 'probable',
            codeChange: null,
            evidence: [
              `None of the ${scripts} scripts and ${texts} text files (JSON, atlases, …) of the game names ${unused.length === 1 ? 'it' : 'them'}: not by path, file name, or name without extension.`,
            ],
            uncertain: [],
            limits: ['A file that the code loads by a name it puts together at run time looks unused too: check the list before you build.'],
            needsInput: null,
            delta: { exclude: unused.map((f) => f.path) },
          },
        ],
      },
    ];
  },
};

/** Shipped files that nothing names, biggest first. */
export function findUnused(ctx: FitContext): PlannedFile[] {
  const { settings, plan } = ctx.analysis;
  const named = new Set<string>();
  const names = new Set<string>();
  for (const node of ctx.graph.nodes.values()) {
    for (const edge of node.edges) named.add(edge.to);
    for (const name of node.refs?.names ?? []) names.add(name);
  }
  const keep = [settings.openDataContext, 'minigame-studio/'].filter((f): f is string => !!f);
  const loading = (settings.gameJson.loadingImageInfo as { path?: unknown } | undefined)?.path;
  return plan.files
    .filter((file) => file.destination !== 'excluded' && !file.isScript && file.size > 0)
    .filter((file) => !named.has(file.path) && !keep.some((k) => file.path.startsWith(k)) && file.path !== loading)
    .filter((file) => !isNamed(file.path, names))
    .filter((file) => file.package === MAIN_PACKAGE || settings.subpackages.some((s) => s.name === file.package))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
}

function isNamed(path: string, names: ReadonlySet<string>): boolean {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return names.has(file) || (dot > 0 && names.has(file.slice(0, dot)));
}

function counts(ctx: FitContext): { scripts: number; texts: number } {
  let scripts = 0;
  let texts = 0;
  for (const node of ctx.graph.nodes.values()) {
    if (node.isScript) scripts++;
    else if (isTextFile(node.path)) texts++;
  }
  return { scripts, texts };
}
