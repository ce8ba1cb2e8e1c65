/**
 * The in-game runtime (owner: resources/runtime/runtime.js), copied byte for byte into
 * OUT/minigame-studio/runtime.js. MINIGAME_STUDIO_RUNTIME overrides the location for a packaged
 * app whose resources live elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { StudioError } from '../errors.js';

export function runtimePath(): string {
  return process.env.MINIGAME_STUDIO_RUNTIME ?? join(PACKAGE_ROOT, 'resources', 'runtime', 'runtime.js');
}

export async function readRuntime(): Promise<Buffer> {
  const path = runtimePath();
  try {
    return await readFile(path);
  } catch (error) {
    throw new StudioError(
      `The studio's runtime is missing at ${path}; reinstall the studio (or set MINIGAME_STUDIO_RUNTIME to runtime.js).`,
      { code: 'RUNTIME_MISSING', path, cause: error },
    );
  }
}
