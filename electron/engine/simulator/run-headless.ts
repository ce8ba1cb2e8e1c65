/**
 * One headless run of a built package: the simulator server, Chromium at the device's size and
 * pixel ratio, N seconds of play with taps sent after the first frame (in order, half a second
 * apart), then a PNG of the screen and the session's record. Knows nothing of the terminal.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Platform } from '../../../shared/platforms.js';
import { launchChromium } from './chromium.js';
import type { Device } from './devices.js';
import type { MissingFile } from './missing.js';
import { platformScript } from './platform-bundle.js';
import { startSimulatorServer } from './server.js';
import type { ProjectRunOptions } from './run-options.js';
import type { ConsoleEntry, RequestSource, SimError, TimelineEntry } from './session-log.js';

export const TAP_INTERVAL_MS = 500;
/** How long a game may take to draw its first frame, at least (a busy machine starts slowly). */
export const FIRST_FRAME_TIMEOUT_MS = 20_000;
const CONSOLE_LINES = 50;

export interface HeadlessRun {
  readonly outDir: string;
  readonly platform: Platform;
  readonly seconds: number;
  readonly device?: string;
  readonly network?: string;
  readonly storageQuotaBytes?: number;
  /** In the device's CSS pixels. */
  readonly taps?: readonly { readonly x: number; readonly y: number }[];
  /** Where to save the PNG of the screen at the end. */
  readonly screenshot?: string;
  /** Default: the longer of the run and FIRST_FRAME_TIMEOUT_MS. */
  readonly firstFrameTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The project's network and servers' settings (run-options.ts). */
  readonly project?: ProjectRunOptions;
}

export interface SimulationResult {
  /** The game drew a frame that is not blank and threw no uncaught error. */
  readonly ok: boolean;
  /** From page start to the first frame that is not blank; null when none was. */
  readonly firstFrameMs: number | null;
  readonly frames: number;
  readonly errors: readonly SimError[];
  readonly unsupported: readonly string[];
  readonly requests: readonly { readonly path: string; readonly source: RequestSource; readonly status: number; readonly note?: string }[];
  readonly missing: readonly MissingFile[];
  readonly console: readonly string[];
  /** The same last lines with their level and call site (file:line:column in the package). */
  readonly consoleLines: readonly ConsoleEntry[];
  /** The cold start: the main package's download, the first frame, subpackages, the first touch. */
  readonly timeline: readonly TimelineEntry[];
  readonly device: Device;
  readonly screenshot: string | null;
}

interface PageStatus {
  frames: number;
  firstFrameMs: number | null;
  drawn: boolean;
}

const status = (page: Page): Promise<PageStatus | null> =>
  page.evaluate(() => {
    const sim = (window as unknown as { __simulator?: { status(): PageStatus } }).__simulator;
    return sim ? sim.status() : null;
  });

const flush = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    const sim = (window as unknown as { __simulator?: { flush(): Promise<void> } }).__simulator;
    if (sim) await sim.flush();
  });

export async function runHeadless(run: HeadlessRun): Promise<SimulationResult> {
  // Built before anything starts: without its platform there is nothing to run (exit 1, with why).
  await platformScript();
  const server = await startSimulatorServer({ outDir: run.outDir, platform: run.platform, device: run.device, network: run.network, storageQuotaBytes: run.storageQuotaBytes, ...run.project });
  try {
    const browser = await launchChromium(run.env);
    try {
      const device = server.device;
      const context = await browser.newContext({ viewport: { width: device.width, height: device.height }, deviceScaleFactor: device.pixelRatio });
      const page = await context.newPage();
      // The N seconds of play count from the first frame (a busy machine may take a while to start
      // the page). Taps go in order, half a second apart; after the last one the game gets at least
      // two more frames before the screenshot, so the tap's effect is on it.
      await page.goto(server.url, { waitUntil: 'load' });
      const drawn = await page
        .waitForFunction(() => (window as unknown as { __simulator?: { status(): PageStatus } }).__simulator?.status().drawn === true, undefined, {
          timeout: run.firstFrameTimeoutMs ?? Math.max(run.seconds * 1000, FIRST_FRAME_TIMEOUT_MS),
          polling: 50,
        })
        .then(
          () => true,
          () => false,
        );
      const endAt = Date.now() + run.seconds * 1000;
      if (drawn && run.taps?.length) {
        for (const [i, tap] of run.taps.entries()) {
          if (i > 0) await page.waitForTimeout(TAP_INTERVAL_MS);
          await page.mouse.click(tap.x, tap.y);
        }
        const framesAtTap = (await status(page))?.frames ?? 0;
        await page.waitForTimeout(TAP_INTERVAL_MS);
        await page
          .waitForFunction((n) => ((window as unknown as { __simulator?: { status(): PageStatus } }).__simulator?.status().frames ?? 0) >= n, framesAtTap + 2, {
            timeout: FIRST_FRAME_TIMEOUT_MS,
            polling: 50,
          })
          .catch(() => undefined);
      }
      const left = drawn ? endAt - Date.now() : 0;
      if (left > 0) await page.waitForTimeout(left);
      await flush(page);
      const final = await status(page);
      let screenshot: string | null = null;
      if (run.screenshot) {
        await writeFile(run.screenshot, await page.screenshot({ type: 'png' }));
        screenshot = run.screenshot;
      }
      const log = server.log.snapshot();
      return {
        ok: Boolean(final?.drawn) && log.errors.length === 0,
        firstFrameMs: final?.firstFrameMs ?? null,
        frames: final?.frames ?? 0,
        errors: log.errors,
        unsupported: log.unsupported,
        requests: log.requests.map(({ path, source, status: code, note }) => ({ path, source, status: code, ...(source === 'network' && note && { note }) })),
        missing: log.missing,
        console: log.console.slice(-CONSOLE_LINES),
        consoleLines: log.consoleEntries.slice(-CONSOLE_LINES),
        timeline: log.timeline,
        device,
        screenshot,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
