/**
 * The live analysis of an open project: watch the game, keep the inventory up to date from the
 * watcher's events, and re-run settings (only when a config file changed) → plan → layout →
 * report, then tell the listener. Nothing is written.
 *
 * Cheap on purpose, for a report within ~100 ms of a save on a 10,000-file project: only changed
 * paths are stat'ed, scripts are re-read only when they changed (the plan's script cache), and
 * files are hashed only when changed (the hash cache, for MD5 Cache and remote names).
 */
import { prepareBuild } from '../build-ready.js';
import { createHashCache, type HashCache } from '../hash-cache.js';
import { layoutOutput } from '../output/layout.js';
import { createScriptCache } from '../checks/script-refs.js';
import { planProject } from '../plan.js';
import { buildReport } from '../report.js';
import { withBudgets } from '../checks/budgets.js';
import { resolveSettings } from '../settings.js';
import type { Analysis, Inventory, ProjectSettings, SettingsOverrides } from '../types.js';
import { createInventoryState, type InventoryState } from './inventory-state.js';
import { mergeBatches, newBatch, watchGame, type GameWatcher, type WatchBatch } from './watch.js';

/**
 * Short on purpose (issue 7, P3): a burst of events that outlasts the window is not lost, because
 * batches that arrive while an update runs are merged into the next one.
 */
export const DEFAULT_BATCH_MS = 10;

/**
 * Quiet time after the last change before the live project makes what a build needs (~20 ms of CPU
 * on a 5,000-file project): longer than the gap between two saves of one burst, shorter than a
 * designer takes to reach the Build button.
 */
export const PREPARE_AFTER_MS = 250;

export interface LiveOptions {
  /** Flags for this session (platform, Remote URL, …); change them with setOverrides. */
  readonly overrides?: SettingsOverrides;
  /** Called with each new analysis, after every change on disk or in the settings. */
  readonly onChange: (analysis: Analysis) => void;
  /**
   * Called when a re-analysis fails (e.g. minigame-studio.json was saved with an error); the last
   * good analysis stays current until the next change fixes it.
   */
  readonly onError?: (error: unknown) => void;
  /** How long to gather watcher events into one update. */
  readonly batchMs?: number;
  /** Shared with builds, so a build after the live report hashes nothing again. */
  readonly hashes?: HashCache;
}

export interface LiveProject {
  /** The latest good analysis. */
  current(): Analysis;
  /** The latest good analysis once every update already queued has run (a build starts from it). */
  settled(): Promise<Analysis>;
  /** Read the settings again, apply pending changes and re-analyse (e.g. after saving the project file). */
  refresh(options?: { readonly rescan?: boolean }): Promise<Analysis>;
  /** The current analysis once what a build from it makes first is made (build-ready.ts): PREPARE_AFTER_MS after the last change. */
  prepared(): Promise<Analysis>;
  /** Replace the session's overrides (the Build panel's platform switch) and re-analyse. */
  setOverrides(overrides: SettingsOverrides): Promise<Analysis>;
  close(): Promise<void>;
}

/** Rejects (with the StudioError) when the project can't be analysed at all at the start. */
export async function createLiveProject(projectDir: string, options: LiveOptions): Promise<LiveProject> {
  let overrides: SettingsOverrides = options.overrides ?? {};
  const hashes = options.hashes ?? createHashCache();
  const scripts = createScriptCache();
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  let closed = false;
  let settings: ProjectSettings = await resolveSettings(projectDir, overrides);
  let watcher: GameWatcher | null = null;
  let inventory: InventoryState | null = null;
  let current: Analysis | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Set while the settings can't be read: every later update tries again until they can. */
  let settingsFailed = false;

  const analyse = async (snapshot: Inventory): Promise<Analysis> => {
    const plan = await planProject(settings, snapshot, { scripts });
    // Files may vanish between the event and the hash: tolerate, the next event corrects it.
    const layout = await layoutOutput(plan, hashes, { tolerateUnreadable: true });
    // Budgets too (not growth: that is judged against the previous build, when building).
    return { settings, inventory: snapshot, plan, layout, report: withBudgets(buildReport(plan, layout), settings) };
  };

  const startWatching = async (): Promise<void> => {
    await watcher?.close();
    const next = watchGame(settings.projectDir, settings.sourceDir, (batch) => void enqueue(batch).catch(() => undefined), {
      batchMs,
      onError: options.onError,
    });
    watcher = next;
    // Watch first, then scan: a change made during the scan still arrives as an event.
    await next.ready;
    inventory = await createInventoryState(settings.sourceDir, { followLinksOutside: settings.includeLinksOutsideProject });
  };

  /** Re-analyses when something changed; `changed` is false when the batch moved nothing (a re-check of a settled file). */
  const update = async (batch: WatchBatch, rescan: boolean): Promise<{ analysis: Analysis; changed: boolean }> => {
    if (closed && current) return { analysis: current, changed: false };
    // The inventory first: if the settings now fail to load, the file changes are not lost.
    // While the settings fail, every change tries them again; a re-check that moved nothing does not.
    let changed = rescan || !inventory || batch.configChanged;
    if (!rescan && inventory) changed = (await inventory.apply(batch)) || changed;
    if (!changed && current) return { analysis: current, changed: false };
    if (batch.configChanged || settingsFailed) {
      const previousSource = settings.sourceDir;
      settingsFailed = true;
      settings = await resolveSettings(projectDir, overrides);
      settingsFailed = false;
      if (settings.sourceDir !== previousSource) rescan = true;
    }
    if (rescan || !inventory) await startWatching();
    const analysis = await analyse((inventory as InventoryState).snapshot());
    current = analysis;
    return { analysis, changed: true };
  };

  // What a build from the current analysis would make first (build-ready.ts), made once the
  // project has been quiet for PREPARE_AFTER_MS: never between two saves close together, where it
  // would hold up the next report.
  let preparedFor: Analysis | null = null;
  let prepareTimer: NodeJS.Timeout | null = null;
  const whenPrepared: (() => void)[] = [];
  const stopPreparing = (): void => {
    if (prepareTimer) clearTimeout(prepareTimer);
    prepareTimer = null;
  };
  const prepareWhenIdle = (): void => {
    stopPreparing();
    if (closed || !current || preparedFor === current) return;
    prepareTimer = setTimeout(() => {
      prepareTimer = null;
      if (closed || !current || pending || scheduled) return;
      prepareBuild(current);
      preparedFor = current;
      for (const done of whenPrepared.splice(0)) done();
    }, PREPARE_AFTER_MS);
    prepareTimer.unref();
  };

  // One update at a time. Batches that arrive while one runs are merged into the next update, so a
  // burst (a git checkout, an unzip) costs one or two analyses, not one per batch.
  let pending: { batch: WatchBatch; rescan: boolean; notify: boolean } | null = null;
  let scheduled: Promise<Analysis> | null = null;

  const enqueue = (batch: WatchBatch, rescan = false, notify = true): Promise<Analysis> => {
    stopPreparing();
    pending = pending
      ? { batch: mergeBatches(pending.batch, batch), rescan: pending.rescan || rescan, notify: pending.notify || notify }
      : { batch, rescan, notify };
    if (scheduled) return scheduled;
    const run = queue.then(async () => {
      const job = pending as NonNullable<typeof pending>;
      pending = null;
      scheduled = null;
      const { analysis, changed } = await update(job.batch, job.rescan);
      if (job.notify && changed && !closed) options.onChange(analysis);
      prepareWhenIdle();
      return analysis;
    });
    scheduled = run;
    queue = run.catch((error: unknown) => {
      if (!closed) options.onError?.(error);
      prepareWhenIdle();
    });
    return run;
  };

  // The first watch, scan and analysis run as the queue's first job: a batch that arrives before
  // they are done waits for them, instead of starting a second watcher under the first.
  const starting = queue.then(async () => {
    await startWatching();
    current = await analyse((inventory as unknown as InventoryState).snapshot());
    prepareWhenIdle();
  });
  queue = starting.catch(() => undefined);
  try {
    await starting;
  } catch (error) {
    closed = true;
    await (watcher as GameWatcher | null)?.close();
    throw error;
  }

  return {
    current: () => current as Analysis,
    async settled() {
      // Updates queued while waiting are waited for too.
      for (let seen = queue; ; seen = queue) {
        await seen.catch(() => undefined);
        if (seen === queue) return current as Analysis;
      }
    },
    async refresh(refreshOptions = {}) {
      const batch = newBatch();
      batch.configChanged = true;
      return enqueue(batch, refreshOptions.rescan === true, false);
    },
    prepared() {
      if (closed || preparedFor === current) return Promise.resolve(current as Analysis);
      return new Promise((resolve) => whenPrepared.push(() => resolve(current as Analysis)));
    },
    async setOverrides(next) {
      overrides = next;
      const batch = newBatch();
      batch.configChanged = true;
      return enqueue(batch, false, true);
    },
    async close() {
      closed = true;
      stopPreparing();
      for (const done of whenPrepared.splice(0)) done();
      await watcher?.close();
      await queue.catch(() => undefined);
    },
  };
}
