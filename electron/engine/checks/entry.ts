/** ENTRY_MISSING: the main package's entry script must exist and ship. */
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';

export function checkEntry({ settings, byPath }: CheckContext): Problem[] {
  const entry = settings.entry;
  const field = settings.projectFile?.entry !== undefined ? 'entry' : undefined;
  const file = byPath.get(entry);
  if (!file) {
    return [
      problem(
        'error',
        'ENTRY_MISSING',
        `The entry script ${entry} does not exist in ${settings.sourceDir}. Create it, or set "entry" in minigame-studio.json to the script that starts the game.`,
        entry,
        field,
      ),
    ];
  }
  if (file.destination === 'excluded') {
    return [
      problem(
        'error',
        'ENTRY_MISSING',
        `The entry script ${entry} is left out of the package (${file.excludedReason === 'excluded' ? 'it matches "exclude"' : 'not whitelisted'}). Remove the pattern that matches it from "exclude" in minigame-studio.json.`,
        entry,
        field,
      ),
    ];
  }
  return [];
}
