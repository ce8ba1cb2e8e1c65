/**
 * The upload key of a game's AppID, kept in Preferences (its path only), and Preview / Upload from
 * the app going headless with it: miniprogram-ci's module is replaced at the package's boundary by
 * fake-miniprogram-ci.cjs (the runner loads what MINIGAME_STUDIO_MINIPROGRAM_CI names), with no
 * DevTools set or installed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeMiniprogramCiEnv, readFakeCiCalls } from '../electron/engine/devtools/fixtures/fake-tools.js';
import { stateDirFor } from '../electron/engine/output/locations.js';
import { expect, keepScreenshot, test } from './support/studio.js';
import type { Page } from '@playwright/test';

const WX = 'wx0123456789abcdef';

async function setAppid(page: Page, appid: string) {
  const field = page.getByLabel('AppID', { exact: true });
  await field.fill(appid);
  await field.blur();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

async function setUploadKey(page: Page, appid: string, path: string) {
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences', exact: true });
  await expect(dialog.locator(`[data-upload-key="${appid}"]`)).toBeVisible();
  await dialog.getByLabel('Upload key path').fill(path);
  await dialog.getByRole('button', { name: 'Close preferences' }).click();
  await expect(dialog).toBeHidden();
}

/** The runner child inherits this process's environment: the fake module and its record, for one test. */
function useFakeMiniprogramCi(record: string): () => void {
  const env = fakeMiniprogramCiEnv(record);
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

test('an upload key is kept per AppID in Preferences, shown for its game, and listed under other games', async ({ page, studio }) => {
  const key = join(studio.scratch, `private.${WX}.key`);
  await setAppid(page, WX);
  await setUploadKey(page, WX, key);

  await studio.reload();
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences', exact: true });
  await expect(dialog.getByLabel('Upload key path')).toHaveValue(key);
  await expect(dialog).toContainText(`Upload key for ${WX}`);
  await keepScreenshot(page, 'dialog-preferences-upload-key');
  await dialog.getByRole('button', { name: 'Close preferences' }).click();

  // Another AppID: its own, empty key; the first game's key is listed, and can be removed.
  await setAppid(page, 'wx00000000000000aa');
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await expect(dialog.getByLabel('Upload key path')).toHaveValue('');
  const others = dialog.getByRole('list', { name: 'Upload keys of other games' });
  await expect(others).toContainText(WX);
  await expect(others).toContainText(key);
  await dialog.getByRole('button', { name: `Remove upload key of ${WX}` }).click();
  await expect(others).toBeHidden();
});

test('Preview with an upload key goes through miniprogram-ci, no DevTools, and shows its QR and reported sizes', async ({ page, studio }) => {
  const record = join(studio.scratch, 'ci-calls.jsonl');
  const restore = useFakeMiniprogramCi(record);
  try {
    const key = join(studio.scratch, 'keys', `private.${WX}.key`);
    await mkdir(join(studio.scratch, 'keys'));
    await writeFile(key, '-----BEGIN RSA PRIVATE KEY-----\n');
    await setAppid(page, WX);
    await setUploadKey(page, WX, key);

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const qr = page.getByRole('img', { name: 'Preview QR code' });
    await expect(qr).toBeVisible({ timeout: 30_000 });
    await expect(qr).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
    // A real image, drawn: not a broken one.
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await expect(page.getByRole('log', { name: 'Log output' })).toContainText('miniprogram-ci');
    const result = page.getByRole('status', { name: 'Tool result' });
    await expect(result).toContainText(join(stateDirFor(join(studio.dir, 'build', 'wechatgame')), 'preview-qr.jpg'));
    const report = page.getByRole('region', { name: 'Live report' });
    await expect(report.locator('[data-sizes="reported"]')).toBeVisible();
    await expect(report.locator('[data-package="stage1"]')).toContainText('The developer tool reported 1.00 KiB');
    await keepScreenshot(page, 'panel-preview-qr-headless');

    const [call] = await readFakeCiCalls(record);
    expect(call).toMatchObject({ action: 'preview', qrcodeFormat: 'image', project: { appid: WX, type: 'miniGame', privateKeyPath: key } });
  } finally {
    restore();
  }
});

test('Upload with an upload key asks for the robot and passes version, description and robot', async ({ page, studio }) => {
  const record = join(studio.scratch, 'ci-calls.jsonl');
  const restore = useFakeMiniprogramCi(record);
  try {
    const key = join(studio.scratch, `private.${WX}.key`);
    await writeFile(key, 'k');
    await setAppid(page, WX);
    await setUploadKey(page, WX, key);

    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload' });
    await expect(dialog.locator('[data-headless="yes"]')).toBeVisible();
    await dialog.getByLabel('Version').fill('2.1.0');
    await dialog.getByLabel('Description').fill('Boss level');
    await dialog.getByLabel('Robot').fill('31');
    await expect(dialog.getByRole('button', { name: 'Upload now' })).toBeDisabled();
    await dialog.getByLabel('Robot').fill('4');
    await keepScreenshot(page, 'dialog-upload-headless');
    await dialog.getByRole('button', { name: 'Upload now' }).click();
    await expect(page.getByRole('status', { name: 'Tool result' })).toHaveAttribute('data-failure', '', { timeout: 30_000 });
    expect(await readFakeCiCalls(record)).toEqual([expect.objectContaining({ action: 'upload', version: '2.1.0', desc: 'Boss level', robot: 4 })]);
  } finally {
    restore();
  }
});

test('a key file that has moved is said naming its path, with the way to Preferences', async ({ page, studio }) => {
  const key = join(studio.scratch, 'gone', `private.${WX}.key`);
  await setAppid(page, WX);
  await setUploadKey(page, WX, key);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const result = page.getByRole('status', { name: 'Tool result' });
  await expect(result).toHaveAttribute('data-failure', 'key', { timeout: 30_000 });
  await expect(result).toContainText(key);
  await page.getByRole('button', { name: 'Open Preferences' }).click();
  await expect(page.getByRole('dialog', { name: 'Preferences', exact: true }).getByLabel('Upload key path')).toHaveValue(key);
});
