/** Size budgets edited in the Build panel: saved to minigame-studio.json, drawn on the report's bars, refused when the unit is wrong. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keepScreenshot, test } from './support/studio.js';

async function budgets(dir: string): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(join(dir, 'minigame-studio.json'), 'utf8')) as { budgets?: unknown }).budgets;
  } catch {
    return undefined;
  }
}

test('a budget for the main package is saved, drawn on its bar, and judged by the engine', async ({ page, studio }) => {
  const report = page.getByRole('region', { name: 'Live report' });
  const mainBar = report.locator('[data-package="__GAME__"]');
  const field = page.getByLabel('Budget __GAME__', { exact: true });

  await field.fill('3.5 MiB');
  await field.blur();
  await expect.poll(() => budgets(studio.dir)).toEqual({ __GAME__: '3.5 MiB' });
  const marker = mainBar.getByRole('img', { name: 'Budget 3.50 MiB' });
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute('data-status', 'ok');
  await expect(report.locator('[data-code="BUDGET_EXCEEDED"]')).toHaveCount(0);
  await keepScreenshot(page, 'panel-live-report-budget-marker', 'Live report');

  // Below the package's current size: over budget, an error in the report.
  await field.fill('1 KiB');
  await field.blur();
  await expect.poll(() => budgets(studio.dir)).toEqual({ __GAME__: '1 KiB' });
  await expect(mainBar.getByRole('img', { name: 'Budget 1.00 KiB' })).toHaveAttribute('data-status', 'exceeded');
  await expect(report.locator('[data-code="BUDGET_EXCEEDED"]')).toBeVisible();
  await keepScreenshot(page, 'studio-window-budget-exceeded');

  // Emptied: no budget, no marker.
  await field.fill('');
  await field.blur();
  await expect.poll(() => budgets(studio.dir)).toEqual({});
  await expect(mainBar.locator('[data-budget]')).toHaveCount(0);
  await expect(report.locator('[data-code="BUDGET_EXCEEDED"]')).toHaveCount(0);
});

test('a budget with a bad unit shows an inline error naming the field and is not saved', async ({ page, studio }) => {
  const field = page.getByLabel('Budget total', { exact: true });
  await field.fill('12 MiB');
  await field.blur();
  await expect.poll(() => budgets(studio.dir)).toEqual({ total: '12 MiB' });

  await field.fill('12 MIB');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const error = page.locator('[data-setting="setting-budget-total"] .field-error');
  await expect(error).toContainText('budgets.total');
  await expect(error).toContainText('MIB');
  await keepScreenshot(page, 'panel-build-settings-budget-error', 'Build settings');
  expect(await budgets(studio.dir)).toEqual({ total: '12 MiB' });

  // Fixed: saved, and the error goes.
  await field.fill('11 MiB');
  await field.blur();
  await expect.poll(() => budgets(studio.dir)).toEqual({ total: '11 MiB' });
  await expect(error).toHaveCount(0);
});
