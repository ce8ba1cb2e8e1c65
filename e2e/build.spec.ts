/** Build from the top bar: progress, then the package on disk; a cancelled build leaves the old one. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/studio.js';

/** Collects the engine's 'build:progress' events as the page receives them over its WebSocket. */
function recordProgress(page: Page): { files: number; totalFiles: number }[] {
  const seen: { files: number; totalFiles: number }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload);
      if (!text.includes('"build:progress"')) return;
      const message = JSON.parse(text) as { event: string; payload: { files: number; totalFiles: number } };
      if (message.event === 'build:progress') seen.push(message.payload);
    }),
  );
  return seen;
}

test('Build shows progress, then the output is on disk', async ({ page, studio }) => {
  const progress = recordProgress(page);
  await studio.reload();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const result = page.getByRole('status', { name: 'Build result' });
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-status', /^built/);
  await expect(page.getByRole('button', { name: 'Open output folder' })).toBeVisible();
  // The summary: the sample game's three packages, and its one warning (README.md is left out).
  await expect(result).toContainText('Packages: 3');
  await expect(result).toContainText('Errors: 0, warnings: 1');
  await keepScreenshot(page, 'panel-build-done');

  const out = join(studio.dir, 'build', 'wechatgame');
  expect(JSON.parse(await readFile(join(out, 'game.json'), 'utf8'))).toBeTruthy();
  await expect(stat(join(out, 'game.js'))).resolves.toBeTruthy();
  expect(progress.length).toBeGreaterThan(0);
  expect(progress.at(-1)!.totalFiles).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Open output folder' }).click();
  await expect(result).toContainText(out);
});

test('cancelling a build leaves the previous output intact', async ({ page, studio }) => {
  const buildButton = page.getByRole('button', { name: 'Build', exact: true });
  const result = page.getByRole('status', { name: 'Build result' });
  await buildButton.click();
  await expect(result).toHaveAttribute('data-status', /^built/, { timeout: 30_000 });
  const out = join(studio.dir, 'build', 'wechatgame');
  const before = (await readdir(out, { recursive: true })).sort();
  const gameJson = await readFile(join(out, 'game.json'), 'utf8');

  // New data, so a build that ran to the end would change OUT.
  const bulk = join(studio.dir, 'bulk');
  await mkdir(bulk);
  for (let i = 0; i < 40; i += 1) await writeFile(join(bulk, `chunk-${i}.bin`), randomBytes(256 * 1024));
  await expect(page.locator('[data-path="bulk/chunk-39.bin"], [data-folder="bulk/"]').first()).toBeVisible({ timeout: 15_000 });

  // Build, then Cancel the moment it shows, as a quick hand would. The page names the build, so its
  // Cancel goes to the engine right behind the start, in the same page task, without waiting for
  // the start's reply: a build cannot outrun it, however small or fast the machine.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const clickCancel = (): boolean => {
          const cancel = document.querySelector<HTMLButtonElement>('button[aria-label="Cancel build"]');
          cancel?.click();
          return cancel !== null;
        };
        const observer = new MutationObserver(() => clickCancel() && (observer.disconnect(), done()));
        observer.observe(document.body, { childList: true, subtree: true });
        document.querySelector<HTMLButtonElement>('button[aria-label="Build"]')!.click();
      }),
  );
  await expect(result).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });

  expect((await readdir(out, { recursive: true })).sort()).toEqual(before);
  expect(await readFile(join(out, 'game.json'), 'utf8')).toBe(gameJson);
});
