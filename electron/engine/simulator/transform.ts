/**
 * ES module syntax → CommonJS, per file, as DevTools compiles a game with `es6: true` (the WeChat
 * quick-start's game.js uses `import`). Only files that use import/export are transformed, so the
 * others keep their exact lines for stack traces. Results are cached by content hash.
 */
import { createHash } from 'node:crypto';
import { transform } from 'esbuild';

// An import or export statement: at the start of a line or after ';' / '}' (minified files).
// ('exports.a = 1' and 'imports' are not.)
const MODULE_SYNTAX = /(^|[;}])\s*(import(\s+[\w*{'"]|\s*[{*'"])|export(\s+[\w*{]|\s*[{*]))/m;

const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export interface ScriptTransformer {
  /** The script as the simulator runs it; throws an esbuild error (with file:line) on a syntax error. */
  script(source: string, path: string): Promise<string>;
}

export function createScriptTransformer(): ScriptTransformer {
  const cache = new Map<string, string>();
  let cachedBytes = 0;
  return {
    async script(source, path) {
      if (!MODULE_SYNTAX.test(source)) return source;
      const key = createHash('sha1').update(path).update('\0').update(source).digest('hex');
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const result = await transform(source, { loader: 'js', format: 'cjs', sourcefile: path, sourcemap: 'inline', target: 'es2022' });
      if (cachedBytes > MAX_CACHED_BYTES) {
        cache.clear();
        cachedBytes = 0;
      }
      cache.set(key, result.code);
      cachedBytes += result.code.length;
      return result.code;
    },
  };
}
