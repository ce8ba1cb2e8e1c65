/**
 * The desktop app itself, driven through Playwright's _electron: the same smoke flow as web mode
 * (open the sample game, change the AppID, build). It needs the Electron binary and `npm run build`
 * (dist/electron); where either is missing (offline installs) it is skipped with the reason printed.
 */
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

/** The installed Electron executable, found on disk: require('electron') would try to download it. */
function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function skipReason(): string | null {
  if (!electronBinary()) return 'no Electron binary installed (offline install): the desktop app cannot start here; web mode covers the UI';
  if (!existsSync(join(root, 'dist', 'electron', 'main.js'))) return 'the app is not built: run `npm run build` first';
  return null;
}

test('the desktop app opens the sample game, saves the AppID and builds', async () => {
  const reason = skipReason();
  if (reason) console.log(`Electron smoke test skipped: ${reason}.`);
  test.skip(reason !== null, reason ?? '');

  const work = await mkdtemp(join(tmpdir(), 'mgs-electron-'));
  const project = join(work, 'game');
  await cp(join(root, 'resources', 'sample-game'), project, { recursive: true, filter: (src) => !src.includes(`${join('sample-game', 'build')}`) });
  const app = await electron.launch({
    executablePath: electronBinary()!,
    args: [root],
    env: { ...process.env, MINIGAME_STUDIO_USER_DATA: join(work, 'user-data'), MINIGAME_STUDIO_PROJECT: project },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: 'Build', exact: true })).toBeVisible();
    await window.screenshot({ path: join(root, 'e2e', 'artifacts', 'electron-smoke.png') });

    await window.getByLabel('AppID').fill('wx0123456789abcdef');
    await window.getByLabel('AppID').blur();
    await expect
      .poll(async () => JSON.parse(await readFile(join(project, 'minigame-studio.json'), 'utf8').catch(() => '{}')).wechat?.appid)
      .toBe('wx0123456789abcdef');

    await window.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(async () => (await stat(join(project, 'build', 'wechatgame', 'game.json')).catch(() => null)) !== null).toBe(true);
  } finally {
    await app.close();
    await rm(work, { recursive: true, force: true });
  }
});
