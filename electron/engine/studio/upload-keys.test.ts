/**
 * The app's Preview and Upload with an upload key set in Preferences for the game's AppID: WeChat
 * through miniprogram-ci (its module replaced at the package's boundary by fake-miniprogram-ci.cjs),
 * with no DevTools anywhere; Alipay through minidev with --identity-key-path.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PreferencesPatchSchema } from '../../../shared/api.js';
import { fakeMiniprogramCiEnv, installFakeMinidev, readFakeCalls, readFakeCiCalls } from '../devtools/fixtures/fake-tools.js';
import { stateDirFor } from '../output/locations.js';
import { createStudio, type Studio } from './create-studio.js';
import { eventRecorder, makeWorkspace, type Workspace } from './test-helpers.js';

const WX = 'wx0123456789abcdef';
const ALIPAY = '2021000000000000';

let work: Workspace;
let studio: Studio;
let record: string;
let key: string;

beforeEach(async () => {
  work = await makeWorkspace();
  studio = createStudio({ userDataDir: work.userData, resourcesDir: join(work.root, 'no-resources'), emit: eventRecorder().emit, locale: 'en' });
  record = join(work.root, 'ci-calls.jsonl');
  key = join(work.root, 'keys', `private.${WX}.key`);
  await mkdir(join(work.root, 'keys'));
  for (const [name, value] of Object.entries(fakeMiniprogramCiEnv(record))) vi.stubEnv(name, value);
  // No DevTools anywhere: an empty PATH for the locator, and no path in Preferences.
  vi.stubEnv('MINIGAME_STUDIO_WECHAT_DEVTOOLS', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await studio.close();
  await work.dispose();
});

async function withKey(appid: string, path: string) {
  await writeFile(join(work.project, 'minigame-studio.json'), JSON.stringify(appid === WX ? { wechat: { appid } } : { platform: 'alipay', alipay: { appid } }));
  await studio.openProject({ dir: work.project });
  await studio.setPreferences({ patch: { uploadKeys: { [appid]: path } } });
}

describe('WeChat with an upload key in Preferences', () => {
  it('Preview runs headless through miniprogram-ci, with the key of this AppID, and shows its JPEG QR', async () => {
    await writeFile(key, '-----BEGIN RSA PRIVATE KEY-----\n');
    await withKey(WX, key);
    const result = await studio.runTool({ action: 'preview' });
    expect(result).toMatchObject({ ok: true, failure: null });
    expect(result.qrDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const outDir = join(work.project, 'build', 'wechatgame');
    expect(result.qrPath).toBe(join(stateDirFor(outDir), 'preview-qr.jpg'));
    const [call] = await readFakeCiCalls(record);
    expect(call).toMatchObject({ action: 'preview', qrcodeFormat: 'image', project: { appid: WX, type: 'miniGame', projectPath: outDir, privateKeyPath: key } });
    // The sizes miniprogram-ci reported sit beside the estimates, per package.
    expect(result.report?.sizesAre).toBe('reported');
    expect(result.report?.packages.find((p) => p.name === 'stage1')?.reportedBytes).toBe(1024);
  });

  it('Upload passes version, description and robot through', async () => {
    await writeFile(key, 'k');
    await withKey(WX, key);
    const result = await studio.runTool({ action: 'upload', version: '1.4.0', description: 'boss level', robot: 3 });
    expect(result.ok).toBe(true);
    expect(await readFakeCiCalls(record)).toEqual([expect.objectContaining({ action: 'upload', version: '1.4.0', desc: 'boss level', robot: 3 })]);
    expect(result.reportedSizes?.packages.find((p) => p.name === '__GAME__')?.bytes).toBeGreaterThan(1024);
  });

  it('a key file that has moved is a key failure naming the path and Preferences, and nothing is run', async () => {
    await withKey(WX, key);
    const result = await studio.runTool({ action: 'preview' });
    expect(result.failure).toBe('key');
    expect(result.message).toContain(key);
    expect(result.message).toContain('Preferences → Upload key');
    expect(await readFakeCiCalls(record)).toEqual([]);
  });

  it('the key of another AppID is not used: without one for this game, Preview looks for DevTools', async () => {
    await writeFile(key, 'k');
    await withKey(WX, key);
    await studio.setPreferences({ patch: { uploadKeys: { [WX]: '', wx00000000000000aa: key } } });
    const result = await studio.runTool({ action: 'preview' });
    expect(['no-path', 'not-found']).toContain(result.failure);
    expect(await readFakeCiCalls(record)).toEqual([]);
  });

  it('Preferences refuse a key stored under something that is not an AppID', () => {
    expect(PreferencesPatchSchema.safeParse({ uploadKeys: { 'my game': '/k' } }).success).toBe(false);
    expect(PreferencesPatchSchema.safeParse({ uploadKeys: { [WX]: '/k', [ALIPAY]: '/j' } }).success).toBe(true);
  });
});

describe('Alipay with an identity key in Preferences', () => {
  it('Upload gives minidev --identity-key-path with the key of this AppID', async () => {
    const minidev = await installFakeMinidev(join(work.root, 'minidev-bin'));
    const identity = join(work.root, 'identity.json');
    await writeFile(identity, JSON.stringify({ alipay: { authentication: { toolId: 'T', privateKey: 'K' } } }));
    await withKey(ALIPAY, identity);
    await studio.setPreferences({ patch: { alipayIdePath: minidev.preference } });
    const result = await studio.runTool({ action: 'upload', version: '1.0.1', description: 'first' });
    expect(result).toMatchObject({ ok: true, failure: null });
    const upload = (await readFakeCalls(minidev.record)).find((c) => c.argv[0] === 'upload');
    expect(upload?.argv).toEqual(expect.arrayContaining(['-a', ALIPAY, '--identity-key-path', identity, '-v', '1.0.1']));
  });

  it('an identity key that is not minidev JSON is refused before minidev starts', async () => {
    const minidev = await installFakeMinidev(join(work.root, 'minidev-bin'));
    const identity = join(work.root, 'identity.json');
    await writeFile(identity, '-----BEGIN PRIVATE KEY-----');
    await withKey(ALIPAY, identity);
    await studio.setPreferences({ patch: { alipayIdePath: minidev.preference } });
    const result = await studio.runTool({ action: 'preview' });
    expect(result.failure).toBe('key');
    expect(result.message).toContain(identity);
    expect(result.message).toContain('is not JSON');
    expect(await readFakeCalls(minidev.record)).toEqual([]);
    await rm(identity);
  });
});
