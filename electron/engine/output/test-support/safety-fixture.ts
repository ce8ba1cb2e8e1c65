/**
 * Test support for the data-safety tests: a small game with a remote part, the paths a build into
 * its OUT touches, and byte-level snapshots of anything a user might have put at one of them.
 */
import { lstat, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { locationsFor, type Locations } from '../locations.js';
import { tempDir, writeTree } from '../plan-fixture.js';

export const GAME_FILES: Readonly<Record<string, string>> = {
  'game.json': JSON.stringify({ deviceOrientation: 'portrait' }),
  'game.js': "require('./js/main.js');\n",
  'js/main.js': 'console.log(1);\n',
  'images/bg.png': 'background',
  'images/hero.png': 'hero',
  'audio/hit.mp3': 'hit',
};

export const REMOTE = { remoteUrl: 'https://cdn.example.com/g/' } as const;

const made: string[] = [];

/** A fresh folder holding `game/` (the project) and room beside it for user files. */
export async function workspace(): Promise<{ root: string; game: string; locations: Locations }> {
  const root = await tempDir('mgs-safety-');
  made.push(root);
  const game = join(root, 'game');
  await writeTree(game, GAME_FILES);
  const out = join(game, 'build', 'wechatgame');
  return { root, game, locations: locationsFor(out, `${out}-res`) };
}

export async function removeWorkspaces(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Everything under `path` (or the thing at `path` itself) with its kind and bytes, never
 * following a link: equal snapshots mean the user's file or folder is byte-identical.
 */
export async function snapshotOf(path: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const visit = async (at: string): Promise<void> => {
    const rel = relative(path, at) || '.';
    const stats = await lstat(at).catch(() => null);
    if (!stats) result[rel] = 'missing';
    else if (stats.isSymbolicLink()) result[rel] = `link → ${await readlink(at)}`;
    else if (stats.isDirectory()) {
      result[rel] = 'folder';
      for (const name of (await readdir(at)).sort()) await visit(join(at, name));
    } else if (stats.isFile()) result[rel] = `file ${(await readFile(at)).toString('base64')}`;
    else result[rel] = stats.isFIFO() ? 'fifo' : 'special';
  };
  await visit(path);
  return result;
}
