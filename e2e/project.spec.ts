/** Opening a project, editing its settings, and the subpackage editor, against the real engine. */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keepScreenshot, SAMPLE_GAME, test } from './support/studio.js';

const report = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Live report' });

test('opens the project: its path, its files and its report', async ({ page, studio }) => {
  await expect(page.getByLabel('Project folder')).toHaveValue(studio.dir);
  const tree = page.getByRole('region', { name: 'Project files' });
  await expect(tree.locator('[data-path="game.js"]')).toBeVisible();
  await expect(tree.locator('[data-folder="images/"]')).toBeVisible();
  await expect(report(page).locator('[data-package="__GAME__"]')).toContainText(/MiB|KiB/);
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeEnabled();
  await keepScreenshot(page, 'studio-window');
  await keepScreenshot(page, 'panel-project-tree', 'Project files');
  await keepScreenshot(page, 'panel-build-settings', 'Build settings');
  await keepScreenshot(page, 'panel-live-report', 'Live report');
});

test('changing the AppID updates minigame-studio.json on disk', async ({ page, studio }) => {
  const appid = page.getByLabel('AppID', { exact: true });
  await appid.fill('wx0123456789abcdef');
  const file = join(studio.dir, 'minigame-studio.json');
  await expect
    .poll(async () => {
      try {
        return JSON.parse(await readFile(file, 'utf8')).wechat?.appid;
      } catch {
        return undefined;
      }
    })
    .toBe('wx0123456789abcdef');
  await expect(appid).not.toHaveAttribute('aria-invalid', 'true');
});

test('dragging a folder into the subpackage editor makes a new package in the report', async ({ page }) => {
  const source = page.locator('[data-folder="images/"]');
  const zone = page.getByRole('region', { name: 'Subpackage drop zone' });
  await source.dragTo(zone);
  await expect(page.getByRole('listitem', { name: 'Subpackage images' })).toBeVisible();
  await expect(report(page).locator('[data-package="images"]')).toBeVisible();
  await keepScreenshot(page, 'panel-subpackages', 'Subpackage editor');
});

test('a folder dropped on the window in a browser asks for its path instead', async ({ page }) => {
  // A browser hands the page a File with no path; Electron's pathForFile is what opens it there.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['{}'], 'game.json'));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('status').filter({ hasText: 'type or paste' })).toBeVisible();
});

test('a problem links to its file in the tree', async ({ page }) => {
  const problem = page.locator('[data-code="FILE_NOT_WHITELISTED"]').first();
  await problem.getByRole('button', { name: 'README.md' }).click();
  await expect(page.locator('[data-path="README.md"]')).toHaveClass(/is-selected/);
});

test('another folder typed in the path field opens, and is offered again as a recent project', async ({ page, studio }) => {
  const other = join(studio.scratch, 'other-game');
  await cp(SAMPLE_GAME, other, { recursive: true });
  const path = page.getByLabel('Project folder');
  await path.fill(other);
  await page.getByRole('button', { name: 'Open project' }).click();
  await expect(path).toHaveValue(other);
  await expect(page.locator('#recent-projects option[value="' + other + '"]')).toHaveCount(1);

  await path.fill(join(studio.scratch, 'no-such-folder'));
  await page.getByRole('button', { name: 'Open project' }).click();
  await expect(page.locator('#project-open-error')).toContainText('no-such-folder');
});

test('a subpackage can be renamed, made independent and removed, and the project file follows', async ({ page, studio }) => {
  type Saved = { subpackages?: { name: string; independent?: boolean }[] };
  const file = async (): Promise<Saved> => JSON.parse(await readFile(join(studio.dir, 'minigame-studio.json'), 'utf8').catch(() => '{}')) as Saved;
  const name = page.getByLabel('Subpackage name stage1');
  await name.fill('level-one');
  await name.press('Enter');
  await expect.poll(async () => (await file()).subpackages?.map((s) => s.name)).toContain('level-one');

  await page.getByLabel('Independent level-one').check();
  await expect.poll(async () => (await file()).subpackages?.find((s) => s.name === 'level-one')?.independent).toBe(true);

  await page.getByRole('button', { name: 'Remove subpackage level-one' }).click();
  await expect.poll(async () => (await file()).subpackages?.map((s) => s.name)).not.toContain('level-one');
  await expect(page.getByRole('region', { name: 'Live report' }).locator('[data-package="level-one"]')).toHaveCount(0);
});
