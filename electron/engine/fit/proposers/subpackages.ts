/**
 * Subpackage candidates: folders of the main package of which no file is reached from the main
 * package's entry, by require or by name. A folder subpackage starts from the game.js at its top
 * (SPEC 1.3: WeChat's tools refuse a folder root without one), so a folder with a game.js that
 * ships needs one thing of the code: load it before first use. A folder without one is proposed
 * too (the biggest few), saying what to add; as it is, its plan brings SUBPACKAGE_ENTRY_MISSING and
 * is never "fits" nor combined.
 */
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { parentFolder } from '../../paths.js';
import { formatBytes } from '../../report.js';
import type { PlannedFile } from '../../types.js';
import { FIT_NEAR_RATIO } from '../sizes.js';
import type { FitContext, FitOption, FitProposer, ProposedAction } from '../context.js';
import { biggest, sumBytes } from './examples.js';

/** Alone, the biggest few; the planner also tries them together. */
const MAX_SINGLE = 3;
/** Folders without an entry: the biggest few, after the ones that have one. */
const MAX_WITHOUT_ENTRY = 2;

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
    // A folder holding a subpackage already would nest it (SUBPACKAGE_NESTED).
    const pinned = [settings.openDataContext, workersFolder(settings.gameJson.workers), 'minigame-studio/', ...settings.subpackages.map((s) => s.root)].filter((f): f is string => !!f);
    const names = new Set(settings.subpackages.map((s) => s.name));
    const open = [...filesIn.keys()].filter((folder) => !blocked.has(folder) && !pinned.some((p) => folder.startsWith(p) || p.startsWith(folder))).sort();
    // An excluded game.js is no entry: the build would refuse the subpackage.
    const withEntry = (folder: string): boolean => {
      const entry = ctx.byPath.get(`${folder}game.js`);
      return entry?.package === MAIN_PACKAGE && entry.destination === 'package';
    };
    const candidates = open.filter(withEntry);
    // The outermost candidates: a folder inside another candidate goes with it.
    const outermost = candidates.filter((folder) => !candidates.some((other) => other !== folder && folder.startsWith(other)));
    // Without an entry: the outermost open folders that hold no candidate and lie in none.
    const entryless = open.filter(
      (folder) => !withEntry(folder) && !open.some((other) => other !== folder && folder.startsWith(other)) && !candidates.some((c) => c.startsWith(folder) || folder.startsWith(c)),
    );
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
    const ceiling = Math.min(main?.limitBytes ?? Infinity, main?.budgetBytes ?? Infinity);
    // What must leave the main package for it to be within its limit and budget.
    const overage = Number.isFinite(ceiling) ? (main?.bytes ?? 0) - (main?.status === 'over' ? ceiling : ceiling * FIT_NEAR_RATIO) : 0;
    const withoutEntry = entryless
      .map((folder) => ({ folder, files: (filesIn.get(folder) ?? []).filter((f) => f.destination === 'package') }))
      .map((c) => ({ ...c, bytes: sumBytes(c.files) }))
      // Never combined, so worth a plan only when, once its game.js is added, it fits on its own.
      .filter((c) => c.bytes > 0 && c.bytes >= overage)
      .sort((a, b) => b.bytes - a.bytes || (a.folder < b.folder ? -1 : 1))
      .slice(0, MAX_WITHOUT_ENTRY);
    for (const { folder, files, bytes } of withoutEntry) {
      const name = uniqueName(folder.slice(0, -1).split('/').pop() ?? folder, names);
      names.add(name);
      const scripts = files.filter((f) => f.isScript).map((f) => f.path.slice(folder.length));
      const entry = scripts.length > 0 ? `requiring the folder's scripts it needs first (${scripts.slice(0, 2).map((s) => `require('./${s}')`).join(', ')})` : 'it can be empty: the folder holds no script';
      options.push({
        title: `Move ${folder} into a subpackage, once it has a game.js`,
        actions: [
          {
            kind: 'subpackage',
            title: `Subpackage "${name}": ${folder} (${files.length} files, ${formatBytes(bytes)}) leaves the main package once ${folder}game.js is added`,
            files: files.length,
            bytes,
            examples: biggest(files),
            safety: 'code-change',
            codeChange: `Add ${folder}game.js, the subpackage's entry (${entry}); then call ${ctx.api}.loadSubpackage({ name: '${name}' }) (or minigameStudio.loadSubpackage('${name}')) and wait for it before the game first uses ${folder}.`,
            evidence: [`Followed ${settings.entry} through ${countScripts(ctx)} scripts and the text files they name: none requires or names a file under ${folder}.`],
            uncertain,
            limits: [
              `Not a valid subpackage as it is: a folder subpackage starts from the game.js at its top, and ${folder} has none${ctx.byPath.get(`${folder}game.js`) ? ' that ships (it is excluded)' : ''}, so the build refuses it (SUBPACKAGE_ENTRY_MISSING) until you add it. The sizes are the folder's without it.`,
            ],
            needsInput: null,
            delta: { subpackages: [{ name, root: folder }] },
          },
        ],
      });
    }
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
