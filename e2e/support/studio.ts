/**
 * The e2e fixture: a temp copy of the sample game, the real engine in web mode (startWebServer)
 * with its own user-data folder, and the page opened on the URL it prints. Every test gets fresh
 * ones, so tests never see each other's settings or files.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installFakeWechatDevtools, type FakeInstall } from '../../electron/engine/devtools/fixtures/fake-tools.js';
import { startWebServer, type WebServer } from '../../electron/server.js';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const SAMPLE_GAME = join(REPO, 'resources', 'sample-game');
const ARTIFACTS = join(REPO, 'e2e', 'artifacts');

export interface Studio {
  readonly server: WebServer;
  /** The game folder (a temp copy of the sample game). */
  readonly dir: string;
  readonly userDataDir: string;
  /** Scratch space outside the game folder. */
  readonly scratch: string;
  /** Loads the page again, waiting for the project to show. */
  reload(): Promise<void>;
}

interface Fixtures {
  studio: Studio;
}

/** Waits until the first project state has arrived and the panels are drawn. */
export async function waitForProject(page: Page, dir: string): Promise<void> {
  await expect(page.getByLabel('Project folder')).toHaveValue(dir);
  await expect(page.getByRole('region', { name: 'Live report' }).locator('[data-package="__GAME__"]')).toBeVisible();
}

export const test = base.extend<Fixtures>({
  // Automatic: every test gets its own engine and an opened page, even if it never names `studio`.
  studio: [
    async ({ page }, use) => {
      const base = await mkdtemp(join(tmpdir(), 'studio-e2e-'));
      const dir = join(base, 'game');
      const userDataDir = join(base, 'user-data');
      const scratch = join(base, 'scratch');
      await cp(SAMPLE_GAME, dir, { recursive: true, filter: (src) => !src.includes(`${SAMPLE_GAME}/build`) });
      await mkdir(scratch, { recursive: true });
      const server = await startWebServer({ dir, port: 0, userDataDir, rendererDir: process.env.STUDIO_RENDERER_DIR || undefined });
      const reload = async () => {
        await page.goto(server.url);
        await waitForProject(page, dir);
      };
      try {
        await reload();
        await use({ server, dir, userDataDir, scratch, reload });
      } finally {
        await page.close();
        await server.close();
        await rm(base, { recursive: true, force: true });
      }
    },
    { auto: true },
  ],
});

export { expect };

/** Owner D's fake WeChat DevTools, installed as a folder with `cli` in it, under a path with a space and Chinese. */
export function installFakeDevtool(scratch: string): Promise<FakeInstall> {
  return installFakeWechatDevtools(join(scratch, 'fake devtools 工具'), 'install-folder');
}

/** Keeps a screenshot of the page or one panel in e2e/artifacts/ (git-ignored), for people to look at. */
export async function keepScreenshot(page: Page, name: string, region?: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if (!region) {
    await page.screenshot({ path });
    return;
  }
  // A panel inside a scrolling column is cut off at the window's edge: grow the window to fit it.
  const panel = page.getByRole('region', { name: region });
  const size = page.viewportSize();
  const height = await panel.evaluate((el) => el.scrollHeight);
  if (size && height + 160 > size.height) await page.setViewportSize({ width: size.width, height: height + 160 });
  await panel.screenshot({ path });
  if (size) await page.setViewportSize(size);
}
