/** Fit the package: an over-limit game shows the card; applying a plan brings the main bar within the limit; Undo brings it back. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loosePng } from '../electron/engine/optimize/test-support/images.js';
import { expect, keepScreenshot, test } from './support/studio.js';

async function projectFile(dir: string): Promise<string | null> {
  try {
    return await readFile(join(dir, 'minigame-studio.json'), 'utf8');
  } catch {
    return null;
  }
}

test('an over-limit game: the Fit card previews each plan, Apply turns the main bar within the limit, Undo turns it back', async ({ page, studio }) => {
  const report = page.getByRole('region', { name: 'Live report' });
  const mainBar = report.locator('.package-bars [data-package="__GAME__"]');
  await expect(mainBar).toHaveAttribute('data-level', 'ok');
  await expect(report.getByRole('region', { name: 'Fit the package' })).toHaveCount(0);

  // A forgotten 5 MiB video: the main package goes over 4 MiB.
  await mkdir(join(studio.dir, 'video'), { recursive: true });
  await writeFile(join(studio.dir, 'video/intro-old.mp4'), randomBytes(5 * 1024 * 1024));
  await expect(mainBar).toHaveAttribute('data-level', 'error');
  const card = report.getByRole('region', { name: 'Fit the package' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('The main package is 5.');

  // Plan 1: a Remote URL; its preview shows the main bar within the limit before anything is applied.
  const plan = card.getByRole('listitem', { name: 'Plan 1' });
  await expect(plan).toContainText('Remote URL');
  await expect(plan).toHaveAttribute('data-fits', 'true');
  await expect(plan.locator('.fit-preview [data-package="__GAME__"]')).toHaveAttribute('data-status', 'ok');
  const unused = card.getByRole('listitem', { name: 'Plan 2' });
  await expect(unused).toContainText('video/intro-old.mp4');
  await keepScreenshot(page, 'panel-live-report-fit-card', 'Live report');

  // It needs the URL: Apply waits for it.
  const apply = plan.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await plan.getByLabel('Remote URL for plan 1').fill('https://cdn.example.com/star/');
  await apply.click();
  await expect(mainBar).toHaveAttribute('data-level', 'ok');
  await expect(card.getByRole('status')).toContainText('Applied plan 1');
  await expect.poll(() => projectFile(studio.dir)).toContain('"remoteUrl": "https://cdn.example.com/star/"');
  await keepScreenshot(page, 'panel-live-report-fit-applied', 'Live report');

  await card.getByRole('button', { name: 'Undo' }).click();
  await expect(mainBar).toHaveAttribute('data-level', 'error');
  // The sample game had no project file: Undo removes the one the plan wrote.
  await expect.poll(() => projectFile(studio.dir)).toBeNull();
  await expect(card.getByRole('status')).toHaveCount(0);
  await keepScreenshot(page, 'panel-live-report-fit-undone', 'Live report');
  // The game's file was never touched.
  expect((await readFile(join(studio.dir, 'video/intro-old.mp4'))).length).toBe(5 * 1024 * 1024);
});

test('a game over the limit only because of large PNGs: the Fit card offers lossless compression, measured, and Apply brings the main bar within the limit', async ({ page, studio }) => {
  // Encoding 5 MB of PNGs (lossless and palette) on a busy machine: a wider bound for the states it waits for.
  test.setTimeout(240_000);
  const report = page.getByRole('region', { name: 'Live report' });
  const mainBar = report.locator('.package-bars [data-package="__GAME__"]');
  await expect(mainBar).toHaveAttribute('data-level', 'ok');

  const [sky, sea] = await Promise.all([loosePng(820, 820, 3), loosePng(820, 820, 5)]);
  await mkdir(join(studio.dir, 'backgrounds'), { recursive: true });
  await writeFile(join(studio.dir, 'backgrounds/sky.png'), sky);
  await writeFile(join(studio.dir, 'backgrounds/sea.png'), sea);
  await expect(mainBar).toHaveAttribute('data-level', 'error');
  const card = report.getByRole('region', { name: 'Fit the package' });
  const plan = card.getByRole('listitem').filter({ hasText: 'Compress PNGs losslessly' });
  await expect(plan).toBeVisible({ timeout: 180_000 });
  await expect(plan).toHaveAttribute('data-fits', 'true');
  await expect(plan).toContainText(/Image compression: \d+ PNGs of the main package save [\d.]+ MiB/);
  await expect(plan).toContainText('pixels identical');
  await expect(plan.locator('.fit-preview [data-package="__GAME__"]')).toHaveAttribute('data-status', 'ok');
  await keepScreenshot(page, 'panel-live-report-fit-compression', 'Live report');

  await plan.getByRole('button', { name: 'Apply' }).click();
  await expect(mainBar).toHaveAttribute('data-level', 'ok', { timeout: 120_000 });
  await expect.poll(() => projectFile(studio.dir)).toMatch(/"optimize": \{\s*"png": "lossless"\s*\}/);
  // The game's images are never touched: only the build ships them compressed.
  expect((await readFile(join(studio.dir, 'backgrounds/sky.png'))).equals(sky)).toBe(true);
});
