/**
 * `build --watch`: rebuild when the project changes, as the app does. The engine's live project
 * watches the game and keeps its analysis current (only the changed files stat'ed and hashed), and
 * each rebuild writes from that analysis (`buildFromAnalysis`: OUT updated in place, the analysis
 * proven to be the disk's first, else a full build). Changes are gathered for a moment (an editor
 * saves several files at once) and builds never overlap.
 */
import { createLiveProject } from '../engine/live/index.js';
import type { HashCache } from '../engine/hash-cache.js';
import type { Analysis, SettingsOverrides } from '../engine/types.js';
import type { Io } from './args.js';
import { untilSignal } from './until-signal.js';

const SETTLE_MS = 150;

export interface WatchOptions {
  readonly overrides: SettingsOverrides;
  /** The builds' hash cache: the live analysis hashes into it, so a build hashes nothing again. */
  readonly hashes: HashCache;
  /** Builds from this analysis and prints its line. */
  readonly rebuild: (analysis: Analysis) => Promise<number>;
  /** A change the live project could not analyse (a project file saved with an error): told, not built. */
  readonly onError: (error: unknown) => void;
}

export async function watchAndRebuild(dir: string, options: WatchOptions, io: Io): Promise<number> {
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
        await options.rebuild(await live.settled());
      });
    }, SETTLE_MS);
  };
  // Watching starts before the first build, which writes from the live project's first analysis
  // (not a scan and plan of its own): a save made while it runs is the next rebuild.
  const live = await createLiveProject(dir, { overrides: options.overrides, hashes: options.hashes, onChange: schedule, onError: options.onError });
  running = options.rebuild(live.current());
  await running;
  io.stderr.write(`Watching ${live.current().settings.projectDir} for changes (Ctrl+C to stop)\n`);

  await untilSignal();
  clearTimeout(timer);
  await live.close();
  await running;
  return 0;
}
