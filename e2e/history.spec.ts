/** The History view: three builds are three points on the chart; the diff of two lists the file added between them. */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keepScreenshot, test } from './support/studio.js';

test('History shows a point per build and the diff of two builds lists the added file', async ({ page, studio }) => {
  const history = join(studio.dir, 'build', 'history');
  const builds = async (): Promise<number> => (await readdir(history).catch(() => [] as string[])).filter((name) => name.startsWith('wechat-')).length;
  const buildButton = page.getByRole('button', { name: 'Build', exact: true });
  const build = async (count: number): Promise<void> => {
    await expect(buildButton).toBeEnabled();
    await buildButton.click();
    // The build's entry is written after its output: wait for it, then for the button to come back.
    await expect.poll(builds, { timeout: 30_000 }).toBe(count);
    await expect(page.getByRole('status', { name: 'Build result' })).toHaveAttribute('data-status', /^built/);
  };

  await build(1);
  await writeFile(join(studio.dir, 'images', 'added.png'), Buffer.alloc(30_000, 5));
  await expect(page.locator('[data-path="images/added.png"]')).toBeVisible({ timeout: 15_000 });
  await build(2);
  await build(3);

  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  await expect(dialog.getByRole('img', { name: 'Package sizes over builds' })).toHaveAttribute('data-points', '3');
  const list = dialog.getByRole('list', { name: 'Builds' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  // uPlot drew the chart: its canvas and a legend entry per package.
  await expect(dialog.locator('.history-chart canvas')).toBeVisible();
  await expect(dialog.locator('.u-legend')).toContainText('__GAME__');

  // Pick builds 1 and 2: the diff lists the image added between them.
  await list.getByRole('listitem').nth(0).getByRole('button', { name: 'Pick' }).click();
  await list.getByRole('listitem').nth(1).getByRole('button', { name: 'Pick' }).click();
  const diff = dialog.getByRole('region', { name: 'Build diff' });
  await expect(diff).toContainText('Build 1 → build 2');
  const added = diff.getByRole('group', { name: 'Added' });
  await expect(added).toContainText('Added (1)');
  await expect(added.locator('[data-file="images/added.png"]')).toContainText('+29.3 KiB');
  await expect(diff.locator('tr[data-package="__GAME__"]')).toContainText('+');
  await keepScreenshot(page, 'history-view');

  // Compare with previous: build 3 against build 2, nothing changed.
  await dialog.getByRole('button', { name: 'Compare with previous' }).click();
  await expect(diff).toContainText('Build 2 → build 3');
  await expect(diff).toContainText('No file changed.');

  // A file's row leads to it in the project tree.
  await list.getByRole('listitem').nth(0).getByRole('button', { name: 'Pick' }).click();
  await list.getByRole('listitem').nth(2).getByRole('button', { name: 'Pick' }).click();
  await diff.getByRole('button', { name: 'images/added.png' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-path="images/added.png"]')).toHaveClass(/is-selected/);
});
