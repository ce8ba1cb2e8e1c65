/**
 * Image compression from the Build panel: the options are saved to minigame-studio.json, the
 * project tree shows the engine's saving beside each compressed image, and the before/after
 * preview opens with both images; a bad quality is refused inline, naming the field.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keepScreenshot, test } from './support/studio.js';

async function optimize(dir: string): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(join(dir, 'minigame-studio.json'), 'utf8')) as { optimize?: unknown }).optimize;
  } catch {
    return undefined;
  }
}

test('palette PNGs: saved, the saving beside each image in the tree, and the before/after preview', async ({ page, studio }) => {
  const panel = page.getByRole('group', { name: 'Image compression' });
  await panel.getByLabel('PNG compression').selectOption('palette');
  await expect.poll(() => optimize(studio.dir)).toEqual({ png: 'palette' });

  const tree = page.getByRole('region', { name: 'Project files' });
  const star = tree.locator('[data-path="images/star.png"]');
  const saving = star.getByTestId('tree-saving');
  await expect(saving).toBeVisible();
  await expect(saving).toHaveText(/^−\d+ B$/);
  await expect(panel.getByTestId('optimize-summary')).toContainText('Compression saves');
  // Audio is not an image: no preview.
  await expect(tree.locator('[data-path="audio/pop.wav"] .tree-preview')).toHaveCount(0);
  await keepScreenshot(page, 'panel-project-tree-optimize-saving', 'Project files');
  await keepScreenshot(page, 'panel-build-settings-optimize', 'Build settings');

  await star.getByRole('button', { name: 'Compare images/star.png before and after compression' }).click();
  const dialog = page.getByRole('dialog', { name: 'Image preview' });
  await expect(dialog.getByTestId('preview-verdict')).toContainText(/Saves \d+ B \(PNG, palette\)/);
  for (const name of ['images/star.png before compression', 'images/star.png as shipped']) {
    const image = dialog.getByRole('img', { name });
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await keepScreenshot(page, 'dialog-image-preview-before-after');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // Never compressed: the saving goes; the preview says why the original ships.
  const exclude = panel.getByLabel('Never compress');
  await exclude.fill('images/**');
  await exclude.blur();
  await expect.poll(() => optimize(studio.dir)).toEqual({ png: 'palette', exclude: ['images/**'] });
  await expect(saving).toHaveCount(0);
  await star.getByRole('button', { name: /^Compare images\/star\.png/ }).click();
  await expect(dialog.getByTestId('preview-verdict')).toContainText('Ships as it is');
});

test('a JPEG quality out of range is refused inline, naming optimize.jpeg, and not saved', async ({ page, studio }) => {
  const panel = page.getByRole('group', { name: 'Image compression' });
  const quality = panel.getByLabel('JPEG quality');
  await quality.fill('80');
  await quality.blur();
  await expect.poll(() => optimize(studio.dir)).toEqual({ jpeg: 80 });

  await quality.fill('0');
  await quality.blur();
  await expect(quality).toHaveAttribute('aria-invalid', 'true');
  const error = page.locator('[data-setting="setting-optimize-jpeg"] .field-error');
  await expect(error).toContainText('optimize.jpeg');
  await expect(error).toContainText('from 1 to 100');
  await keepScreenshot(page, 'panel-build-settings-optimize-error', 'Build settings');
  expect(await optimize(studio.dir)).toEqual({ jpeg: 80 });

  await quality.fill('');
  await quality.blur();
  await expect.poll(() => optimize(studio.dir)).toEqual({});
  await expect(error).toHaveCount(0);
});
