/**
 * One build into an OUT at a time, across processes (the CLI in watch mode and the app may both
 * build the same game): `.OUT.minigame-studio/lock` holds the process id of the build under way.
 * A lock whose process is gone (killed) is taken over, so a kill never blocks the next build.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StudioError } from '../errors.js';

// Synchronous underneath, like lstatOrNull (real-paths.ts): a few system calls per build, where
// each trip through the thread pool costs a rebuild ~1 ms on a busy machine.

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function create(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeFileSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the lock; returns its release. */
export async function lockOutput(path: string, outDir: string): Promise<() => Promise<void>> {
  const release = async (): Promise<void> => rmSync(path, { force: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(path)) return release;
    const pid = Number.parseInt(readOrEmpty(path), 10);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new StudioError(`Another build into ${outDir} is under way (process ${pid}); wait for it to finish, then build again.`, {
        code: 'BUILD_RUNNING',
        path: outDir,
      });
    }
    // Left by a build that was killed (or a half-written lock): take it over.
    rmSync(path, { force: true });
  }
  throw new StudioError(`Could not take the build lock ${path}; check that no other build into ${outDir} is running, then build again.`, {
    code: 'BUILD_RUNNING',
    path,
  });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
