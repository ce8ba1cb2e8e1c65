/**
 * The studio's own folder (the repository, or the installed package): resources/ and
 * dist/renderer are found from here. Found by walking up from this module to the folder whose
 * package.json names the studio, so the same code works from the TypeScript sources (tsx,
 * vitest) and from the bundled command line in dist/cli, whose depth differs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'minigame-studio';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isStudioPackage(manifest)) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function isStudioPackage(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
