/** Preferences are kept by the engine across reloads; the language switches the whole UI. */
import { expect, keepScreenshot, test } from './support/studio.js';

test('Preferences persist across a reload', async ({ page, studio }) => {
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences', exact: true });
  await dialog.getByLabel('WeChat DevTools path').fill('/opt/wechat-devtools');
  await dialog.getByLabel('Alipay IDE path').fill('/opt/alipay-ide');
  await keepScreenshot(page, 'dialog-preferences');
  await dialog.getByRole('button', { name: 'Close preferences' }).click();
  await expect(dialog).toBeHidden();

  await studio.reload();
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await expect(dialog.getByLabel('WeChat DevTools path')).toHaveValue('/opt/wechat-devtools');
  await expect(dialog.getByLabel('Alipay IDE path')).toHaveValue('/opt/alipay-ide');
});

test('switching the language changes the words, not the accessible names', async ({ page, studio }) => {
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: 'Close preferences' }).click();
  const build = page.getByRole('button', { name: 'Build', exact: true });
  await expect(build).toHaveText('构建');
  await expect(page.getByRole('region', { name: 'Live report' })).toContainText('实时报告');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await keepScreenshot(page, 'studio-window-zh');

  await studio.reload();
  await expect(build).toHaveText('构建');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('Language').selectOption('en');
  await expect(build).toHaveText('Build');
});
