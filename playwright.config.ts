/**
 * Playwright: the renderer in Debian's Chromium against the real engine over web mode (each spec
 * starts its own server on a temporary copy of the sample game, through startWebServer from
 * electron/server.ts), and, where an Electron binary exists, the desktop app (e2e/electron/).
 * Build the renderer first: `npm run build:web` (npm run test:e2e does).
 */
import { defineConfig } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/test-results',
  // One engine, one watcher and one browser at a time: the machines have 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: 'e2e/artifacts/report', open: 'never' }],
    // CI reads the JSON report for its closing line (scripts/test-summary.mjs).
    ...(process.env.CI ? [['json', { outputFile: 'test-results/playwright.json' }] as const] : []),
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1360, height: 860 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'web', testIgnore: ['electron/**'] },
    { name: 'electron', testMatch: ['electron/**/*.spec.ts'] },
  ],
});
