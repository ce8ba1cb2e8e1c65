/**
 * OUT/game.js: the runtime must run before the user's code. When the entry is game.js, OUT/game.js
 * is the user's own file with one line inserted at the top (after a 'use strict' directive, so
 * the directive still applies), and the user's relative requires keep working from the same
 * place. Any other entry is required from a generated game.js.
 */
import { RUNTIME_FILE } from '../../../shared/manifest.js';

export const RUNTIME_REQUIRE = `require('./${RUNTIME_FILE}');`;

const USE_STRICT = /^(\uFEFF?(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*(['"])use strict\2;?[^\S\n]*(?:\n|$))/;

/** The user's game.js with the runtime loaded first. */
export function withRuntime(userGameJs: string): string {
  const directive = USE_STRICT.exec(userGameJs);
  if (directive) {
    const head = directive[1] as string;
    const sep = head.endsWith('\n') ? '' : '\n';
    return `${head}${sep}${RUNTIME_REQUIRE}\n${userGameJs.slice(head.length)}`;
  }
  return `${RUNTIME_REQUIRE}\n${userGameJs}`;
}

/** A game.js that loads the runtime, then an entry that is not game.js. */
export function bootstrapFor(entry: string): string {
  return `${RUNTIME_REQUIRE}\nrequire('./${entry}');\n`;
}
