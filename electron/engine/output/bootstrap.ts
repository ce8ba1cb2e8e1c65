/**
 * OUT/game.js: the runtime must run before the user's code. When the entry is game.js, OUT/game.js
 * is the user's own file with one line inserted at the top (after a 'use strict' directive, so
 * the directive still applies), and the user's relative requires keep working from the same
 * place. A game.js written as an ES module (the WeChat quick-start's) imports the runtime instead:
 * the platform hoists its imports above every other line. Any other entry is required from a
 * generated game.js.
 */
import { RUNTIME_FILE } from '../../../shared/manifest.js';

export const RUNTIME_REQUIRE = `require('./${RUNTIME_FILE}');`;
/** For a game.js written as an ES module: imports run before any other line, so the runtime is imported first. */
export const RUNTIME_IMPORT = `import './${RUNTIME_FILE}';`;

const ES_MODULE = /^[^\S\n]*(?:import(?:\s+[\w{*'"]|\s*[{*'"])|export\s)/m;

const USE_STRICT = /^(\uFEFF?(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*(['"])use strict\2;?[^\S\n]*(?:\n|$))/;

/** The user's game.js with the runtime loaded first. */
export function withRuntime(userGameJs: string): string {
  const load = ES_MODULE.test(userGameJs) ? RUNTIME_IMPORT : RUNTIME_REQUIRE;
  const directive = USE_STRICT.exec(userGameJs);
  if (directive) {
    const head = directive[1] as string;
    const sep = head.endsWith('\n') ? '' : '\n';
    return `${head}${sep}${load}\n${userGameJs.slice(head.length)}`;
  }
  return `${load}\n${userGameJs}`;
}

/** A game.js that loads the runtime, then an entry that is not game.js. */
export function bootstrapFor(entry: string): string {
  return `${RUNTIME_REQUIRE}\nrequire('./${entry}');\n`;
}
