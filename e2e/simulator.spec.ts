/**
 * The simulator view in web mode: Run in studio runs the sample game in an iframe on the
 * simulator's own origin, a click is a tap the game reacts to, the file and network log lists the
 * package's files, Play with no developer tool offers it, and a save in the game reloads it.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/studio.js';

/** The simulator page of a given run, once its canvas has drawn a frame that is not blank. */
async function drawnFrame(page: Page, run: number): Promise<Frame> {
  const view = page.getByRole('region', { name: 'Simulator' });
  await expect(view.getByRole('status', { name: 'Simulator status' })).toHaveAttribute('data-run', String(run), { timeout: 60_000 });
  const iframe = view.locator('iframe[title="Simulated game"]');
  await expect(iframe).toHaveAttribute('src', new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?run=${run}$`));
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error('the simulator frame has no document');
  await frame.waitForFunction(() => (window as unknown as { __simulator?: { status(): { drawn: boolean } } }).__simulator?.status().drawn === true, undefined, { timeout: 60_000 });
  // The engine's record says so too (the first frame is in the session log).
  await expect(view.getByRole('status', { name: 'Simulator status' })).toHaveAttribute('data-first-frame', 'yes');
  return frame;
}

/** Each test starts the game at least once and waits for its frames: on a shared 2-core machine that takes a while. */
test.describe.configure({ timeout: 180_000 });

const screenPixels = (frame: Frame): Promise<string> => frame.evaluate(() => (document.querySelector('canvas#screen') as HTMLCanvasElement).toDataURL());

test('Run in studio shows the game on its own origin; a click is a tap the game reacts to; the log lists the package files', async ({ page, studio }) => {
  await page.getByRole('button', { name: 'Run in studio', exact: true }).click();
  const view = page.getByRole('region', { name: 'Simulator' });
  const frame = await drawnFrame(page, 1);

  // Its own origin, nothing of the studio's in its URL, and no way to the StudioApi from it.
  const src = (await view.locator('iframe[title="Simulated game"]').getAttribute('src')) ?? '';
  expect(new URL(src).origin).toBe(`http://127.0.0.1:${studio.server.simulatorPort}`);
  expect(new URL(src).origin).not.toBe(studio.server.origin);
  expect(src).not.toContain(studio.server.token);
  expect(await frame.evaluate(() => [typeof (window as unknown as { studio?: unknown }).studio, document.referrer])).toEqual(['undefined', '']);
  const reached = await frame.evaluate(async (origin) => {
    try {
      await fetch(`${origin}/`, { mode: 'no-cors' });
      return true;
    } catch {
      return false;
    }
  }, studio.server.origin);
  expect(reached).toBe(false);

  // The title screen stands still until a tap: wait for two equal frames, then tap the middle.
  let title = '';
  await expect
    .poll(async () => {
      const [a, b] = [await screenPixels(frame), await screenPixels(frame)];
      title = a;
      return a === b && a.length > 1000;
    })
    .toBe(true);
  await keepScreenshot(page, 'simulator-title');
  await view.locator('iframe[title="Simulated game"]').click();
  // The game left its title screen (the run started: stars fall), and the timeline has the touch.
  await expect.poll(async () => (await screenPixels(frame)) !== title).toBe(true);
  await view.getByRole('tab', { name: 'Cold start' }).click();
  const timeline = view.getByRole('list', { name: 'Cold-start timeline' });
  await expect(timeline.locator('[data-kind="touch"]')).toBeVisible();
  await expect(timeline.locator('[data-kind="first-frame"]')).toBeVisible();
  await expect(timeline.locator('[data-kind="start"]')).toBeVisible();
  await keepScreenshot(page, 'simulator-after-tap-timeline');

  await view.getByRole('tab', { name: 'Files and network' }).click();
  const files = view.getByRole('table', { name: 'File and network log' });
  for (const path of ['game.js', 'platform.js', 'levels.js', 'images/star.png', 'images/sky.png', 'audio/pop.wav']) {
    await expect(files.locator(`tr[data-path="${path}"][data-status="200"]`)).toContainText('package');
  }
  // The runtime reads its cache index before it has saved one: the game's own storage, not a file the build left out.
  const firstRead = files.locator('tr[data-status="404"]', { hasText: 'minigame-studio-cache/index.json' });
  await expect(firstRead).toHaveClass(/sim-request--absent/);
  await expect(firstRead).toContainText('Not saved in the game’s storage yet');
  await expect(view.getByRole('alert', { name: 'Left out of the build' })).toHaveCount(0);
  await keepScreenshot(page, 'simulator-files');

  // Pause and resume: the page answers the studio page that framed it.
  await view.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(view.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  await view.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(view.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();

  await view.getByRole('button', { name: 'Close simulator' }).click();
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Live report' })).toBeVisible();
});

test('Play with no developer tool offers Run in studio beside the way to Preferences', async ({ page }) => {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const result = page.getByRole('status', { name: 'Tool result' });
  await expect(result).toHaveAttribute('data-failure', 'no-path', { timeout: 30_000 });
  await expect(result.getByRole('button', { name: 'Open Preferences' })).toBeVisible();
  await keepScreenshot(page, 'simulator-play-offers-run-in-studio');
  await result.getByRole('button', { name: 'Run in studio instead' }).click();
  await drawnFrame(page, 1);
  await keepScreenshot(page, 'simulator-running');
});

test('a save in the game rebuilds and reloads it; a file the build left out is named with the reason', async ({ page, studio }) => {
  await mkdir(join(studio.dir, 'shaders'), { recursive: true });
  await writeFile(join(studio.dir, 'shaders', 'blur.frag'), 'void main() {}\n');
  await page.getByRole('button', { name: 'Run in studio', exact: true }).click();
  await drawnFrame(page, 1);
  const view = page.getByRole('region', { name: 'Simulator' });
  await expect(view.getByRole('log', { name: 'Game console' })).not.toContainText('saved: version 2');

  // A save: game.js now writes a line and reads a shader that is not on the upload whitelist.
  const logLine = (await readFile(join(studio.dir, 'game.js'), 'utf8')).split('\n').length + 1;
  await appendFile(
    join(studio.dir, 'game.js'),
    "\nconsole.log('saved: version 2');\ntry { api.getFileSystemManager().readFileSync('shaders/blur.frag', 'utf8'); } catch (error) { console.warn('no shader'); }\n",
  );
  // The new run's console has the new line (one save may be seen as more than one change, each a run).
  const consoleLog = view.getByRole('log', { name: 'Game console' });
  await expect(consoleLog).toContainText('saved: version 2', { timeout: 60_000 });
  const run = Number(await view.getByRole('status', { name: 'Simulator status' }).getAttribute('data-run'));
  expect(run).toBeGreaterThan(1);
  await drawnFrame(page, run);
  await expect(consoleLog.locator('[data-level="warn"]', { hasText: 'no shader' })).toBeVisible();
  // Each line says where in the package the game wrote it (OUT/game.js has the runtime's require as its first line).
  await expect(consoleLog.locator('[data-level="log"]', { hasText: 'saved: version 2' }).locator('.sim-where')).toHaveText(new RegExp(`^game\\.js:${logLine + 1}:\\d+$`));
  await expect(consoleLog.locator('[data-level="warn"]', { hasText: 'no shader' }).locator('.sim-where')).toHaveText(new RegExp(`^game\\.js:${logLine + 2}:\\d+$`));
  await keepScreenshot(page, 'simulator-reloaded-console');

  await view.getByRole('tab', { name: /Files and network/ }).click();
  const missing = view.locator('tr[data-path="shaders/blur.frag"][data-status="404"]');
  await expect(missing).toHaveClass(/sim-request--missing/);
  await expect(missing).toContainText('.frag is not on the WeChat Mini Game upload whitelist, so the build left it out');
  await expect(view.getByRole('alert', { name: 'Left out of the build' })).toContainText('shaders/blur.frag was requested');
  await keepScreenshot(page, 'simulator-missing-file');
});

test('the view in Chinese, turned to landscape on another device', async ({ page }) => {
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: 'Close preferences' }).click();
  await page.getByRole('button', { name: 'Run in studio', exact: true }).click();
  await drawnFrame(page, 1);
  const view = page.getByRole('region', { name: 'Simulator' });
  await view.getByRole('tab').nth(1).click();
  await keepScreenshot(page, 'simulator-zh-CN');

  await view.getByLabel('Device').selectOption('android-1080x2400');
  await drawnFrame(page, 2);
  await view.getByRole('button', { name: 'Rotate' }).click();
  const frame = await drawnFrame(page, 3);
  // The game sees the turned screen: 800 × 360 CSS pixels.
  expect(await frame.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([800, 360]);
  await expect(view.locator('iframe[title="Simulated game"]')).toHaveAttribute('width', '800');
  await keepScreenshot(page, 'simulator-landscape-zh-CN');
});
