/**
 * Deterministic synthetic mini game projects for the benchmark: the same seed gives the same tree,
 * byte for byte, so runs on different days compare.
 *
 * Shape of a real game: scripts under js/, a few subpackages holding a little code and small assets
 * (so they stay within the platform's limits and the build is not refused), and the bulk of the
 * bytes as main-package assets of mixed sizes (many small, some medium, a few large), which a
 * Remote URL sends to OUT-res.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface ProjectShape {
  readonly name: string;
  readonly files: number;
  /** Approximate total bytes of the generated assets. */
  readonly totalBytes: number;
  /** Subpackage folders (each gets a game.js). */
  readonly subpackages: number;
}

/** A small, fast PRNG (mulberry32): deterministic across Node versions. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASSET_EXTENSIONS = ['png', 'jpg', 'mp3', 'json', 'atlas', 'bin', 'txt'] as const;
/** Bytes of small assets each subpackage holds: far below any platform's subpackage limit. */
const SUBPACKAGE_ASSET_FILES = 20;
const SUBPACKAGE_ASSET_BYTES = 4096;
/** Share of the files that are scripts (the plan reads every script: keep it realistic). */
const SCRIPT_SHARE = 0.03;

/**
 * Relative sizes with a long tail: 70 % small, 25 % medium, 5 % large, scaled afterwards so the
 * total is what the shape asks for.
 */
function relativeSize(next: () => number): number {
  const r = next();
  if (r < 0.7) return 1 + next() * 9;
  if (r < 0.95) return 20 + next() * 80;
  return 200 + next() * 600;
}

/**
 * When every file was last saved: a fixed day in the past, as for most files of a real project, so
 * that their stats vouch for their content (RACY_WINDOW_MS in electron/engine/hash-cache.ts) and a
 * build right after generating is not a build of files saved a moment ago.
 */
const SAVED_AT = new Date('2026-01-01T00:00:00Z');

/** Writes the project and returns the logical paths of its files. */
export async function generateProject(root: string, shape: ProjectShape, seed = 1): Promise<string[]> {
  const next = random(seed);
  const subpackages = Array.from({ length: shape.subpackages }, (_, i) => `stage${i + 1}/`);
  const gameJson = {
    deviceOrientation: 'portrait',
    subpackages: subpackages.map((subRoot, i) => ({ name: `stage${i + 1}`, root: subRoot })),
  };
  const paths: string[] = [];
  const madeDirs = new Set<string>();
  const write = async (path: string, data: string | Buffer): Promise<void> => {
    const dir = dirname(join(root, path));
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    await writeFile(join(root, path), data);
    await utimes(join(root, path), SAVED_AT, SAVED_AT);
    paths.push(path);
  };
  await write('game.json', JSON.stringify(gameJson, null, 2));
  await write('game.js', "require('./js/main.js');\n");
  await write('js/main.js', 'console.log("bench game");\n');
  for (const subRoot of subpackages) {
    await write(`${subRoot}game.js`, `console.log(${JSON.stringify(subRoot)});\n`);
    for (let i = 0; i < SUBPACKAGE_ASSET_FILES; i++) {
      const body = Buffer.alloc(SUBPACKAGE_ASSET_BYTES, i);
      body.write(`${subRoot}${i}`);
      await write(`${subRoot}res/item${i}.png`, body);
    }
  }

  const remaining = Math.max(0, shape.files - paths.length);
  const relative = Array.from({ length: remaining }, () => relativeSize(next));
  const scale = shape.totalBytes / relative.reduce((sum, r) => sum + r, 0);
  const sizes = relative.map((r) => Math.max(16, Math.round(r * scale)));
  const largest = Math.max(16, ...sizes);

  // One random pool; each file is a slice of it with its index stamped in, so no two files match.
  const pool = Buffer.alloc(Math.ceil((largest + 4096) / 4) * 4);
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE(Math.floor(next() * 0x100000000), i);

  const folders = Math.max(1, Math.round(Math.sqrt(remaining) / 2));
  for (let i = 0; i < remaining; i++) {
    const size = sizes[i] ?? 16;
    const folder = Math.floor(next() * folders);
    if (next() < SCRIPT_SHARE) {
      await write(`js/mod${folder}/m${i}.js`, `// module ${i}\nmodule.exports = ${JSON.stringify('x'.repeat(Math.min(size, 2000)))};\n`);
      continue;
    }
    const ext = ASSET_EXTENSIONS[Math.floor(next() * ASSET_EXTENSIONS.length)] ?? 'bin';
    const offset = Math.floor(next() * (pool.length - size - 4));
    const content = Buffer.from(pool.subarray(offset, offset + size));
    content.writeUInt32LE(i, 0);
    await write(`assets/set${folder}/file${i}.${ext}`, content);
  }
  return paths;
}
