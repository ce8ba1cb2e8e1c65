/** Build panel settings the engine refuses or switches: the Remote URL and the platform. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keepScreenshot, test } from './support/studio.js';

async function projectFile(dir: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(dir, 'minigame-studio.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

test('a bad Remote URL shows an inline error and is not saved as valid', async ({ page, studio }) => {
  const field = page.getByLabel('Remote URL', { exact: true });
  await field.fill('https://cdn.example.com/game/');
  await field.blur();
  await expect.poll(async () => (await projectFile(studio.dir)).remoteUrl).toBe('https://cdn.example.com/game/');

  await field.fill('not a url');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-setting="setting-remoteUrl"] .field-error')).toContainText('not a url');
  await keepScreenshot(page, 'panel-build-settings-remote-url-error', 'Build settings');
  // The file keeps the last valid value.
  expect((await projectFile(studio.dir)).remoteUrl).toBe('https://cdn.example.com/game/');
});

test('switching the platform to Alipay changes the limits and the output folder', async ({ page, studio }) => {
  const report = page.getByRole('region', { name: 'Live report' });
  await expect(report.locator('[data-profile]')).toHaveAttribute('data-profile', /^wechat/);
  await expect(page.getByLabel('Output folder', { exact: true })).toHaveValue(/wechatgame$/);

  await page.getByLabel('Platform', { exact: true }).selectOption('alipay');
  await expect(report.locator('[data-profile]')).toHaveAttribute('data-profile', 'alipay-current');
  await expect(page.getByLabel('Output folder', { exact: true })).toHaveValue(/alipay$/);
  await expect(page.getByLabel('Limit profile', { exact: true })).toHaveValue('alipay-current');
  await expect(report.locator('[data-package="total"]')).toContainText('20.0 MiB');
  await expect.poll(async () => (await projectFile(studio.dir)).platform).toBe('alipay');
  await keepScreenshot(page, 'panel-build-settings-alipay', 'Build settings');
});

test('"Serve from this computer" moves images and audio off the package to this computer', async ({ page }) => {
  const report = page.getByRole('region', { name: 'Live report' });
  await expect(report.locator('[data-remote-bytes]')).toHaveCount(0);
  await page.getByLabel('Serve from this computer').check();
  await expect(page.locator('[data-setting="setting-remoteUrl"]').locator('..')).toContainText(/http:\/\/(127\.0\.0\.1|localhost|[\d.]+):\d+/, { timeout: 30_000 });
  await expect(report.locator('[data-remote-bytes]')).toBeVisible();
  await keepScreenshot(page, 'studio-window-serving-remote');
  await page.getByLabel('Serve from this computer').uncheck();
  await expect(report.locator('[data-remote-bytes]')).toHaveCount(0);
});

test('a folder dropped on the open-data-context slot becomes the open data context, with the engine’s message', async ({ page, studio }) => {
  await page.locator('[data-folder="images/"]').dragTo(page.getByRole('region', { name: 'Open data context drop zone' }));
  await expect(page.getByLabel('Open data context', { exact: true })).toHaveValue('images/');
  await expect(page.getByRole('region', { name: 'Open data context drop zone' }).locator('[data-code="OPEN_DATA_CONTEXT_ENTRY_MISSING"]')).toBeVisible();
  await expect.poll(async () => (await projectFile(studio.dir)).openDataContext).toBe('images/');

  await page.getByLabel('Open data context', { exact: true }).selectOption('openDataContext/');
  await expect(page.locator('[data-code="OPEN_DATA_CONTEXT_ENTRY_MISSING"]')).toHaveCount(0);
});

test('a problem about a setting links to that setting', async ({ page }) => {
  const field = page.getByLabel('Remote URL', { exact: true });
  await field.fill('http://cdn.example.com/game/');
  await field.blur();
  const problem = page.getByRole('region', { name: 'Live report' }).locator('[data-code="REMOTE_URL_NOT_HTTPS"]');
  await problem.getByRole('button', { name: /Remote URL/ }).click();
  await expect(field).toBeFocused();
});
