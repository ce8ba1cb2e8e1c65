/**
 * Subpackage candidates: folders of the main package with a game.js at their top (the platform's
 * subpackage entry) of which no file is reached from the main package's entry, by require or by
 * name. Moving one into a subpackage needs one thing of the code: load it before first use.
 */
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { parentFolder } from '../../paths.js';
import { formatBytes } from '../../report.js';
import type { PlannedFile } from '../../types.js';
import type { FitContext, FitOption, FitProposer, ProposedAction } from '../context.js';
import { biggest, sumBytes } from './examples.js';

/** Alone, the biggest few; the planner also tries them together. */
const MAX_SINGLE = 3;

export const subpackageProposer: FitProposer = {
  id: 'subpackages',
  propose(ctx: FitContext): FitOption[] {
    const main = ctx.current.packages.find((p) => p.name === MAIN_PACKAGE);
    if (main?.status === 'ok') return [];
    const { settings, plan } = ctx.analysis;
    const mainFiles = plan.files.filter((f) => f.package === MAIN_PACKAGE && f.destination !== 'excluded');
    const reached = ctx.mainReach.files;
    const blocked = new Set<string>();
    const filesIn = new Map<string, PlannedFile[]>();
    // Every folder above a reached file is blocked; every folder is a candidate only with its own game.js.
    for (const file of mainFiles) {
      for (let folder = parentFolder(file.path); folder !== ''; folder = parentFolder(folder.slice(0, -1))) {
        if (reached.has(file.path)) blocked.add(folder);
        const list = filesIn.get(folder) ?? [];
        list.push(file);
        filesIn.set(folder, list);
      }
    }
    const pinned = [settings.openDataContext, workersFolder(settings.gameJson.workers), 'minigame-studio/'].filter((f): f is string => !!f);
    const names = new Set(settings.subpackages.map((s) => s.name));
    const candidates = [...filesIn.keys()]
      .filter((folder) => !blocked.has(folder) && ctx.byPath.get(`${folder}game.js`)?.package === MAIN_PACKAGE)
      .filter((folder) => !pinned.some((p) => folder.startsWith(p) || p.startsWith(folder)))
      .sort();
    // The outermost candidates: a folder inside another candidate goes with it.
    const outermost = candidates.filter((folder) => !candidates.some((other) => other !== folder && folder.startsWith(other)));
    const uncertain = ctx.mainReach.dynamic.map(
      (d) => `not certain: ${d.path} loads scripts by computed name (${d.calls.slice(0, 2).join(', ')}), so it may load a script of this folder.`,
    );
    const actions = outermost
      .map((folder): ProposedAction => {
        const files = (filesIn.get(folder) ?? []).filter((f) => f.destination === 'package');
        const bytes = sumBytes(files);
        const name = uniqueName(folder.slice(0, -1).split('/').pop() ?? folder, names);
        names.add(name);
        return {
          kind: 'subpackage',
          title: `Subpackage "${name}": ${folder} (${files.length} files, ${formatBytes(bytes)}) leaves the main package`,
          files: files.length,
          bytes,
          examples: biggest(files),
          safety: 'code-change',
          codeChange: `Call ${ctx.api}.loadSubpackage({ name: '${name}' }) (or minigameStudio.loadSubpackage('${name}')) and wait for it before the game first uses ${folder}; nothing in the main package requires or names a file in ${folder}.`,
          evidence: [
            `Followed ${settings.entry} through ${countScripts(ctx)} scripts and the text files they name: none requires or names a file under ${folder}.`,
            `${folder}game.js is there to start the subpackage.`,
          ],
          uncertain,
          limits: [],
          needsInput: null,
          delta: { subpackages: [{ name, root: folder }] },
        };
      })
      .filter((a) => a.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    const options: FitOption[] = actions.slice(0, MAX_SINGLE).map((action) => ({ title: `Move ${action.delta.subpackages?.[0]?.root ?? ''} into a subpackage`, actions: [action] }));
    if (actions.length > 1) options.push({ title: `Move ${actions.length} folders into subpackages`, actions });
    return options;
  },
};

function countScripts(ctx: FitContext): number {
  let count = 0;
  for (const path of ctx.mainReach.files) if (ctx.byPath.get(path)?.isScript) count++;
  return count;
}

function workersFolder(workers: unknown): string | null {
  const path = typeof workers === 'string' ? workers : typeof (workers as { path?: unknown } | null)?.path === 'string' ? (workers as { path: string }).path : '';
  return path ? `${path.replace(/^\/+/, '').replace(/\/$/, '')}/` : null;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^\w-]/g, '_') || 'sub';
  let name = clean;
  for (let i = 2; taken.has(name); i++) name = `${clean}${i}`;
  return name;
}
