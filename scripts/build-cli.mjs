/**
 * Builds the command line into dist/cli with esbuild: the TypeScript sources bundled into ESM
 * chunks (one per lazily loaded command, so `--help` loads only the first). It also writes dist/cli/inputs.json, the source files and when it started, so
 * bin/minigame-studio.mjs can tell with a few stats whether the build is current.
 *
 *   node scripts/build-cli.mjs        (run by `npm install` through the prepare script)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
export const CLI_OUT = join(root, 'dist', 'cli');
export const CLI_ENTRY = join(CLI_OUT, 'cli.mjs');
export const CLI_INPUTS = join(CLI_OUT, 'inputs.json');

/**
 * zod's translations of its own messages, one module per language (~250 KB of the ~450 KB it adds
 * to a command's start), left out: zod's English, which every message the studio shows is built
 * on, is its default and is imported on its own; nothing calls `z.locales`.
 */
const ZOD_ENGLISH_ONLY = 'zod-english-only';
const zodEnglishOnly = {
  name: ZOD_ENGLISH_ONLY,
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: ZOD_ENGLISH_ONLY } : undefined));
    build.onLoad({ filter: /.*/, namespace: ZOD_ENGLISH_ONLY }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Builds into `out` (dist/cli; a test builds elsewhere). */
export async function buildCli(out = CLI_OUT) {
  // Sources saved after this moment make the build stale, even one saved while it runs.
  const builtAt = Date.now();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: join(root, 'electron', 'cli.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too: resolving and loading their hundreds of modules from
    // node_modules cost a cold command about half a second. Left out: what loads native code or
    // its own files at run time.
    external: ['electron', 'esbuild', 'playwright-core', 'miniprogram-ci', 'minidev', 'fsevents', 'sharp'],
    // ES module builds first (jsonc-parser's UMD build requires its parts by computed name), and a
    // real `require` for the CommonJS dependencies that load Node's built-ins.
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    plugins: [zodEnglishOnly],
    // Minified: a cold command parses and compiles ~0.5 MB instead of ~1.3 MB (zod is most of it),
    // which measured 1.37 → 1.06 s for `report` on the sample game on a loaded machine. Messages
    // are the studio's own; only an internal error's stack shows the short names.
    minify: true,
    logLevel: 'warning',
  });
  // Files only: the bin stats each one, and a module the plugin makes up is none.
  const files = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith(`${ZOD_ENGLISH_ONLY}:`));
  const inputs = files.map((path) => relative(out, join(root, path)).split('\\').join('/'));
  await writeFile(join(out, 'inputs.json'), `${JSON.stringify({ builtAt, inputs })}\n`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await buildCli();
