/**
 * Temporary folders of builds that were killed. The studio's own (`.OUT.minigame-studio/tmp-*`,
 * and the atomic writes' `.*.tmp` files there) are removed at the start of the next build, under
 * the build lock and after the journal is rolled forward, so none belongs to a build under way.
 *
 * Builds before the studio's folder existed made `.OUT.tmp-XXXXXX` (mkdtemp: six random letters
 * or digits, mode 0700), `.previous` and `.previous-res` beside OUT. Those are removed too when
 * they are exactly that: a folder (never a link) with such a name, owned by this user. Their build
 * cache, `.minigame-studio-cache/<OUT name>.json` beside OUT, goes when it is a regular file that
 * reads as that cache of this very OUT (and the folder with it, once empty).
 */
import { readFile, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TEMP_PREFIX, type Locations } from './locations.js';
import { lstatOrNull, namesInOrNone } from './real-paths.js';
import { removeTree } from './remove-tree.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function removeStaleTemps(locations: Locations): Promise<void> {
  const own = namesInOrNone(locations.state);
  for (const name of own) {
    if (name.startsWith(TEMP_PREFIX) || /^\..+\.tmp$/.test(name)) await removeTree(join(locations.state, name));
  }

  const legacy = new RegExp(`^\\.${escape(basename(locations.out))}\\.tmp-[A-Za-z0-9]{6}(\\.previous|\\.previous-res)?$`);
  const parent = dirname(locations.out);
  for (const name of namesInOrNone(parent)) {
    if (!legacy.test(name)) continue;
    const stats = await lstatOrNull(join(parent, name));
    const uid = process.getuid?.();
    if (stats?.isDirectory() && (uid === undefined || Number(stats.uid) === uid)) await removeTree(join(parent, name));
  }
}

/** The build cache of versions before the studio's folder: `.minigame-studio-cache/<OUT name>.json`. */
export async function removeLegacyCache(locations: Locations): Promise<void> {
  const folder = join(dirname(locations.out), '.minigame-studio-cache');
  const file = join(folder, `${basename(locations.out)}.json`);
  const stats = await lstatOrNull(file);
  if (!stats?.isFile()) return;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown; outDir?: unknown; hashes?: unknown };
    if (parsed.version !== 1 || parsed.outDir !== locations.out || !Array.isArray(parsed.hashes)) return;
  } catch {
    return;
  }
  await rm(file);
  await rmdir(folder).catch(() => undefined);
}
