/** The largest-files list keeps a long path (a Cocos build's hashed assets) on one line, clear of its size. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, keepScreenshot, test } from './support/studio.js';

const COCOS_PATH = 'subpackages/resources/native/33/3348b2c1-93a4-4d0e-bb5f-2f51c2b8a9e7.8d2f1a9c0b7e6d5f4a3b2c1d0e9f8a7b.png';

test('a long path in the largest files is cut in the middle, keeps its end and size in view, and shows whole on hover', async ({ page, studio }) => {
  const file = join(studio.dir, COCOS_PATH);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(900 * 1024, 3));

  const list = page.getByRole('list', { name: 'Largest files' });
  const row = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: COCOS_PATH }) });
  await expect(row).toBeVisible();
  const link = row.getByRole('button', { name: COCOS_PATH });
  const size = row.locator('.file-size');
  await expect(link).toHaveAttribute('title', COCOS_PATH);

  const linkBox = (await link.boundingBox())!;
  const sizeBox = (await size.boundingBox())!;
  const rowBox = (await row.boundingBox())!;
  // One line, the path ending before its size starts, the size inside the row.
  expect(linkBox.height).toBeLessThan(24);
  expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(sizeBox.x);
  expect(sizeBox.x + sizeBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width + 0.5);
  // The end of the path (the file name's extension) stays visible; the middle gives way.
  const tail = link.locator('.path-tail');
  await expect(tail).toBeVisible();
  expect(await tail.textContent()).toMatch(/\.png$/);
  expect(await link.locator('.path-head').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

  await keepScreenshot(page, 'panel-report-long-path', 'Live report');
});
