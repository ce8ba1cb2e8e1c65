/**
 * E1, the edit-to-play loop: on the 10,000-file project, a save of one script until the reloaded
 * game's first frame, as the app runs it. The StudioApi (createStudio, startSimulator) runs the
 * simulator session: the live project sees the save, the session rebuilds incrementally and serves
 * the new run; headless Chromium then loads that run's page (what the view's iframe does when the
 * run changes) and waits for a frame that is not blank. Each sample is split into its phases.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudioEventName, StudioEvents } from '../shared/api.js';
import type { SimulatorState } from '../shared/simulator.js';
import { PACKAGE_ROOT } from '../electron/engine/package-root.js';
import { launchChromium } from '../electron/engine/simulator/chromium.js';
import { createStudio } from '../electron/engine/studio/create-studio.js';
import { ms, type Figure } from './figure.js';
import { median, percentile } from './measure.js';

const SCRIPT = 'js/main.js';
const GOAL_MS = 1000;
const TIMEOUT_MS = 60_000;

/** A script that draws one frame in a colour of its own, so each save is a real change the screen shows. */
const mainScript = (n: number): string => `const canvas = wx.createCanvas();
const ctx = canvas.getContext('2d');
function frame() {
  ctx.fillStyle = 'hsl(${(n * 47) % 360}, 70%, 40%)';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(20, 20, 120, 40);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
console.log('bench game, save ${n}');
`;

interface Sample {
  readonly totalMs: number;
  /** From the write to the session's 'building' state (watcher + live analysis). */
  readonly detectMs: number;
  /** The incremental build, as the session timed it. */
  readonly buildMs: number;
  /** From the build's end to the new run being served (server restart, events). */
  readonly serveMs: number;
  /** From the new run's state to its first frame in Chromium (page, platform, game scripts, frame). */
  readonly frameMs: number;
  /** The page's own count, from its navigation start to the first frame that is not blank. */
  readonly pageFirstFrameMs: number;
}

export async function editToPlay(dir: string, name: string, samples: number): Promise<Figure> {
  const userData = await mkdtemp(join(tmpdir(), 'mgs-bench-studio-'));
  const waiters: { event: StudioEventName; test: (p: never) => boolean; resolve: (at: number, p: unknown) => void }[] = [];
  const emit = <E extends StudioEventName>(event: E, payload: StudioEvents[E]): void => {
    const at = performance.now();
    for (const w of [...waiters]) {
      if (w.event === event && w.test(payload as never)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(at, payload);
      }
    }
  };
  const next = <E extends StudioEventName>(event: E, test: (p: StudioEvents[E]) => boolean): Promise<{ at: number; payload: StudioEvents[E] }> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: no ${event} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      waiters.push({ event, test: test as (p: never) => boolean, resolve: (at, payload) => (clearTimeout(timer), resolve({ at, payload: payload as StudioEvents[E] })) });
    });

  await writeFile(join(dir, SCRIPT), mainScript(0));
  const studio = createStudio({ userDataDir: userData, resourcesDir: join(PACKAGE_ROOT, 'resources'), emit, locale: 'en-US' });
  const browser = await launchChromium();
  const results: Sample[] = [];
  try {
    await studio.openProject({ dir });
    let state: SimulatorState = await studio.startSimulator({});
    if (state.status !== 'running' || !state.url) throw new Error(`bench: the simulator did not start: ${state.message}`);
    const context = await browser.newContext({ viewport: { width: state.screen.width, height: state.screen.height }, deviceScaleFactor: state.device.pixelRatio });
    const page = await context.newPage();
    type Status = { drawn: boolean; firstFrameMs: number | null };
    const firstFrame = async (url: string): Promise<number> => {
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => {
          const status = (window as unknown as { __simulator?: { status(): Status } }).__simulator?.status();
          return status?.drawn === true ? status.firstFrameMs : null;
        },
        undefined,
        { timeout: TIMEOUT_MS, polling: 'raf' },
      );
      return (await handle.jsonValue()) ?? 0;
    };
    await firstFrame(state.url);
    for (let i = 1; i <= samples; i++) {
      const run = state.run;
      const building = next('simulator:changed', (s) => s.status === 'building');
      const served = next('simulator:changed', (s) => s.status === 'running' && s.run > run);
      const start = performance.now();
      await writeFile(join(dir, SCRIPT), mainScript(i));
      const built = await building;
      const running = await served;
      state = running.payload;
      const pageFirstFrameMs = await firstFrame(state.url as string);
      const end = performance.now();
      const buildMs = state.buildMs ?? 0;
      results.push({
        totalMs: end - start,
        detectMs: built.at - start,
        buildMs,
        serveMs: Math.max(0, running.at - built.at - buildMs),
        frameMs: end - running.at,
        pageFirstFrameMs,
      });
      // Let the watcher's re-check of this save pass before the next one (it must not count twice).
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await context.close();
  } finally {
    await browser.close();
    await studio.close();
    await rm(userData, { recursive: true, force: true });
  }

  const of = (key: keyof Sample) => median(results.map((r) => r[key]));
  const total = of('totalMs');
  const p95 = percentile(results.map((r) => r.totalMs), 95);
  return {
    id: 'E1',
    label: `edit-to-play loop: save → reloaded game's first frame (${name})`,
    target: '≤ 1 s median',
    measured: `median ${ms(total)}, p95 ${ms(p95)} (detect ${ms(of('detectMs'))}, build ${ms(of('buildMs'))}, serve ${ms(of('serveMs'))}, page + first frame ${ms(of('frameMs'))}, of which the page's own count ${ms(of('pageFirstFrameMs'))})`,
    ratio: `${(total / GOAL_MS).toFixed(2)}× of budget`,
    pass: total <= GOAL_MS,
    raw: {
      medianMs: total,
      p95Ms: p95,
      samples,
      detectMs: of('detectMs'),
      buildMs: of('buildMs'),
      serveMs: of('serveMs'),
      frameMs: of('frameMs'),
      pageFirstFrameMs: of('pageFirstFrameMs'),
      ...Object.fromEntries(results.map((r, i) => [`sample${i + 1}Ms`, r.totalMs])),
    },
  };
}
