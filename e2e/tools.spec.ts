/** Play and Preview through a fake developer tool; Play with no tool set leads to Preferences. */
import { readFakeCalls, setFakeScenario } from '../electron/engine/devtools/fixtures/fake-tools.js';
import { expect, installFakeDevtool, keepScreenshot, test } from './support/studio.js';

test('with the DevTools path set, Play opens the tool and its output streams into the log', async ({ page, studio }) => {
  const tool = await installFakeDevtool(studio.scratch);
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await dialog.getByLabel('WeChat DevTools path').fill(tool.preference);
  await dialog.getByRole('button', { name: 'Close preferences' }).click();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const log = page.getByRole('log', { name: 'Log output' });
  await expect(log).toContainText('IDE server has started', { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Tool result' })).toHaveAttribute('data-failure', '', { timeout: 30_000 });
  await keepScreenshot(page, 'panel-tool-log', 'Tool log');
});

test('Preview shows the QR image', async ({ page, studio }) => {
  const tool = await installFakeDevtool(studio.scratch);
  // Preview needs the game's own AppID: the sample's placeholder is refused by the engine.
  await page.getByLabel('AppID', { exact: true }).fill('wx0123456789abcdef');
  await page.getByLabel('AppID', { exact: true }).blur();
  await expect(page.getByLabel('AppID', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('WeChat DevTools path').fill(tool.preference);
  await page.getByRole('button', { name: 'Close preferences' }).click();

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const qr = page.getByRole('img', { name: 'Preview QR code' });
  await expect(qr).toBeVisible({ timeout: 30_000 });
  await expect(qr).toHaveAttribute('src', /^data:image\/png;base64,/);
  // The sizes the tool reported sit beside the studio's estimates.
  const report = page.getByRole('region', { name: 'Live report' });
  await expect(report.locator('[data-sizes="reported"]')).toBeVisible();
  await expect(report.locator('[data-package="__GAME__"]')).toContainText(/reported/i);
  await keepScreenshot(page, 'panel-preview-qr');
});

test('with no DevTools path set, Play says so and leads to Preferences (or Run in studio)', async ({ page }) => {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const result = page.getByRole('status', { name: 'Tool result' });
  await expect(result).toHaveAttribute('data-failure', 'no-path', { timeout: 30_000 });
  await expect(result.getByRole('button', { name: 'Run in studio instead' })).toBeVisible();
  await result.getByRole('button', { name: 'Open Preferences' }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText(/DevTools|developer tool/i);
  await expect(dialog.getByLabel('WeChat DevTools path')).toBeFocused();
});

test('Upload asks for a version and description and hands them to the tool', async ({ page, studio }) => {
  const tool = await installFakeDevtool(studio.scratch);
  await page.getByLabel('AppID', { exact: true }).fill('wx0123456789abcdef');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('WeChat DevTools path').fill(tool.preference);
  await page.getByRole('button', { name: 'Close preferences' }).click();

  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload' });
  await dialog.getByLabel('Version').fill('1.2.3');
  await dialog.getByLabel('Description').fill('第一个版本 first build');
  await keepScreenshot(page, 'dialog-upload');
  await dialog.getByRole('button', { name: 'Upload now' }).click();
  await expect(page.getByRole('status', { name: 'Tool result' })).toHaveAttribute('data-failure', '', { timeout: 30_000 });

  const calls = await readFakeCalls(tool.record);
  const upload = calls.find((c) => c.argv[0] === 'upload');
  expect(upload?.argv).toEqual(expect.arrayContaining(['1.2.3', '第一个版本 first build']));
});

test('a tool whose service port is closed says which setting to turn on, and offers to try again', async ({ page, studio }) => {
  const tool = await installFakeDevtool(studio.scratch);
  await setFakeScenario(tool.cli, 'port-closed');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('WeChat DevTools path').fill(tool.preference);
  await page.getByRole('button', { name: 'Close preferences' }).click();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const result = page.getByRole('status', { name: 'Tool result' });
  await expect(result).toHaveAttribute('data-failure', 'port-closed', { timeout: 30_000 });
  await expect(result).toContainText(/Service Port|服务端口/i);
  await keepScreenshot(page, 'panel-tool-port-closed');

  await setFakeScenario(tool.cli, 'success');
  await result.getByRole('button', { name: 'Try again' }).click();
  await expect(result).toHaveAttribute('data-failure', '', { timeout: 30_000 });
});

test('a tool that is not logged in offers the login', async ({ page, studio }) => {
  const tool = await installFakeDevtool(studio.scratch);
  await setFakeScenario(tool.cli, 'not-logged-in');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await page.getByLabel('WeChat DevTools path').fill(tool.preference);
  await page.getByRole('button', { name: 'Close preferences' }).click();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const result = page.getByRole('status', { name: 'Tool result' });
  await expect(result).toHaveAttribute('data-failure', 'not-logged-in', { timeout: 30_000 });
  await expect(result.getByRole('button', { name: 'Log in' })).toBeVisible();
});
