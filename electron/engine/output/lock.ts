/**
 * One build into an OUT at a time, across processes (the CLI in watch mode and the app may both
 * build the same game): `.OUT.minigame-studio/lock` holds the process id of the build under way.
 * A lock whose process is gone (killed) is taken over, so a kill never blocks the next build.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { StudioError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function create(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the lock; returns its release. */
export async function lockOutput(path: string, outDir: string): Promise<() => Promise<void>> {
  const release = () => rm(path, { force: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path)) return release;
    const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new StudioError(`Another build into ${outDir} is under way (process ${pid}); wait for it to finish, then build again.`, {
        code: 'BUILD_RUNNING',
        path: outDir,
      });
    }
    // Left by a build that was killed (or a half-written lock): take it over.
    await rm(path, { force: true });
  }
  throw new StudioError(`Could not take the build lock ${path}; check that no other build into ${outDir} is running, then build again.`, {
    code: 'BUILD_RUNNING',
    path,
  });
}
