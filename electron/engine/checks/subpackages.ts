/**
 * The subpackage rules WeChat's tools enforce (SPEC V-S01…V-S05): roots exist, folder roots have a
 * game.js, names and roots are unique and not reserved, and no root lies inside another.
 */
import type { Problem } from '../../../shared/problems.js';
import { hasFolder, problem, type CheckContext } from './context.js';

const RESERVED_NAMES: ReadonlySet<string> = new Set(['__GAME__', '__APP__']);
const RESERVED_ROOTS: ReadonlySet<string> = new Set(['__GAME__', '__APP__', 'workers.js']);

/** Where the subpackage list came from, to name it in messages. */
export function subpackageSource(ctx: CheckContext): { file: string; path: string } {
  return ctx.settings.projectFile?.subpackages
    ? { file: 'minigame-studio.json', path: 'minigame-studio.json' }
    : { file: 'game.json', path: 'game.json' };
}

export function checkSubpackages(ctx: CheckContext): Problem[] {
  const { settings, inventory, byPath } = ctx;
  const { file: source, path } = subpackageSource(ctx);
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  const roots = new Map<string, number>();

  settings.subpackages.forEach((sub, i) => {
    const field = `subpackages[${i}]`;
    const label = `Subpackage "${sub.name}" (${source} ${field})`;
    const bareRoot = sub.root.replace(/\/$/, '');
    if (RESERVED_NAMES.has(sub.name)) {
      problems.push(problem('error', 'SUBPACKAGE_RESERVED_NAME', `${label}: the name "${sub.name}" is reserved by the platform. Rename the subpackage.`, path, `${field}.name`));
    }
    if (RESERVED_ROOTS.has(bareRoot) || sub.root.startsWith('.') || sub.root.startsWith('__wx__')) {
      problems.push(
        problem(
          'error',
          'SUBPACKAGE_RESERVED_NAME',
          `${label}: the root "${sub.root}" is reserved (${bareRoot === 'workers.js' ? 'workers.js is the workers package' : 'roots may not be __GAME__, __APP__, or start with "." or "__wx__"'}). Move the files to a folder with another name and set it as the root.`,
          path,
          `${field}.root`,
        ),
      );
    }
    const sameName = names.get(sub.name);
    if (sameName !== undefined) {
      problems.push(problem('error', 'SUBPACKAGE_DUPLICATE', `${label}: the name "${sub.name}" is also used by subpackages[${sameName}]. Give each subpackage its own name.`, path, `${field}.name`));
    } else names.set(sub.name, i);
    const sameRoot = roots.get(sub.root);
    if (sameRoot !== undefined) {
      problems.push(problem('error', 'SUBPACKAGE_DUPLICATE', `${label}: the root "${sub.root}" is also the root of subpackages[${sameRoot}]. Each folder can be one subpackage only: remove one of them.`, path, `${field}.root`));
    } else roots.set(sub.root, i);

    if (sub.root.endsWith('.js')) {
      if (!inventory.files.has(sub.root)) {
        problems.push(problem('error', 'SUBPACKAGE_ROOT_MISSING', `${label}: the script ${sub.root} does not exist. Create it, or fix the root.`, sub.root, `${field}.root`));
      }
    } else if (!hasFolder(inventory, sub.root)) {
      problems.push(problem('error', 'SUBPACKAGE_ROOT_MISSING', `${label}: the folder ${sub.root} does not exist. Create it, or fix the root.`, sub.root, `${field}.root`));
    } else {
      const entry = byPath.get(`${sub.root}game.js`);
      if (!entry || entry.destination === 'excluded') {
        problems.push(
          problem(
            'error',
            'SUBPACKAGE_ENTRY_MISSING',
            `${label}: ${sub.root}game.js ${entry ? 'is excluded' : 'does not exist'}; a folder subpackage starts from the game.js at its top. ${entry ? 'Remove the "exclude" pattern that matches it.' : 'Add it, or make the root a single .js file.'}`,
            `${sub.root}game.js`,
            `${field}.root`,
          ),
        );
      }
    }
  });

  settings.subpackages.forEach((inner, i) => {
    settings.subpackages.forEach((outer, j) => {
      if (i === j || !outer.root.endsWith('/') || inner.root === outer.root || !inner.root.startsWith(outer.root)) return;
      problems.push(
        problem(
          'error',
          'SUBPACKAGE_NESTED',
          `Subpackage "${inner.name}" (${source} subpackages[${i}]) has its root ${inner.root} inside subpackage "${outer.name}" (${outer.root}). A subpackage root may not lie inside another: move the folder out, or remove one of the two.`,
          path,
          `subpackages[${i}].root`,
        ),
      );
    });
  });
  return problems;
}
