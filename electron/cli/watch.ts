/**
 * `build --watch`: rebuild when the project changes. Events are batched for a moment (an editor
 * saves several files at once), builds never overlap, and the output folders are not watched.
 */
import { watch } from 'chokidar';
import { join, resolve } from 'node:path';
import { isInsideOrSame } from '../engine/paths.js';
import type { Io } from './args.js';
import { untilSignal } from './until-signal.js';

const SETTLE_MS = 150;

export async function watchAndRebuild(dir: string, out: string | undefined, rebuild: () => Promise<number>, io: Io): Promise<number> {
  const root = resolve(dir);
  const ignoredDirs = [join(root, 'build'), join(root, 'node_modules'), ...(out ? [out, `${out}-res`] : [])];
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path: string) =>
      ignoredDirs.some((ignored) => isInsideOrSame(path, ignored)) || /(^|[/\\])\.[^/\\]/.test(path.slice(root.length)) || (out !== undefined && path.startsWith(`${out}.report.json`)),
  });
  // Changes made before the first scan is done would be missed: say "watching" only once it is.
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  io.stderr.write(`Watching ${root} for changes (Ctrl+C to stop)\n`);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let pending = false;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      running = running.then(async () => {
        pending = false;
        await rebuild();
      });
    }, SETTLE_MS);
  };
  watcher.on('all', schedule);

  await untilSignal();
  clearTimeout(timer);
  await watcher.close();
  await running;
  return 0;
}
