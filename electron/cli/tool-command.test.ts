import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { installFakeMinidev, installFakeWechatDevtools, readFakeCalls } from '../engine/devtools/fixtures/fake-tools.js';
import { assertWechatAccepts } from '../engine/test-support/wechat-validator.js';
import { runToolCommand } from './tool-command.js';
import { stateDirFor } from '../engine/output/locations.js';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'sample-game');

let root: string;
let project: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tool-command-'));
  project = join(root, '星星 game');
  await cp(SAMPLE, project, { recursive: true });
  await writeFile(join(project, 'minigame-studio.json'), JSON.stringify({ wechat: { appid: 'wx0123456789abcdef' }, alipay: { appid: '2021000000000001' } }));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { io: { stdout, stderr, cwd: root }, out: () => out.join(''), err: () => err.join('') };
}

describe('minigame-studio play|preview|upload', () => {
  it('preview prints the saved QR image path on stdout and the tool output and sizes on stderr', async () => {
    const fake = await installFakeWechatDevtools(join(root, 'wx one'), 'install-folder');
    const c = capture();
    const code = await runCli(['preview', project, '--platform', 'wechat', '--tool', fake.preference], c.io);
    const out = join(project, 'build', 'wechatgame');
    expect(code).toBe(0);
    expect(c.out()).toBe(`${join(stateDirFor(out), 'preview-qr.png')}\n`);
    expect(c.err()).toContain('  ✔ preview\n');
    expect(c.err()).toMatch(/Sizes reported by the tool:\n {2}__GAME__ +\d+\.\d KB/);
    expect((await readFakeCalls(fake.record))[0]?.argv[0]).toBe('preview');
    await assertWechatAccepts(out);
  });

  it('takes the tool from the environment, then from Preferences, when --tool is absent', async () => {
    const fromEnv = await installFakeWechatDevtools(join(root, 'wx env'), 'cli');
    const c = capture();
    expect(await runToolCommand('play', { dir: project, platform: 'wechat' }, c.io, { MINIGAME_STUDIO_WECHAT_DEVTOOLS: fromEnv.preference })).toBe(0);
    expect(await readFakeCalls(fromEnv.record)).toHaveLength(1);

    const fromPrefs = await installFakeWechatDevtools(join(root, 'wx prefs'), 'mac-app');
    const userData = join(root, 'user data');
    const { createPreferencesStore } = await import('../engine/preferences.js');
    await createPreferencesStore(userData).update({ wechatDevtoolsPath: fromPrefs.cli });
    expect(await runToolCommand('play', { dir: project, platform: 'wechat' }, capture().io, { MINIGAME_STUDIO_USER_DATA: userData })).toBe(0);
    expect(await readFakeCalls(fromPrefs.record)).toHaveLength(1);
  });

  it('upload without --version is a usage error (2); a failing tool is 1 with the way out on stderr', async () => {
    const c = capture();
    expect(await runToolCommand('upload', { dir: project, platform: 'wechat' }, c.io, {})).toBe(2);
    expect(c.err()).toMatch(/upload needs --version/);

    const fake = await installFakeWechatDevtools(join(root, 'wx closed'), 'install-folder', 'port-closed');
    const failed = capture();
    expect(await runToolCommand('play', { dir: project, platform: 'wechat', tool: fake.preference }, failed.io, {})).toBe(1);
    expect(failed.err()).toMatch(/service port is off.*设置 → 安全设置 → 服务端口/);
    expect(failed.out()).toBe('');
  });

  it('--json prints the result object alone on stdout', async () => {
    const fake = await installFakeMinidev(join(root, 'ali'));
    const c = capture();
    const code = await runToolCommand('upload', { dir: project, platform: 'alipay', tool: fake.cli, version: '1.0.0', json: true }, c.io, {});
    expect(code).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ action: 'upload', ok: true, failure: null, message: 'Uploaded version 1.0.0 as a development version.' });
    expect((await readFakeCalls(fake.record))[0]?.argv).toEqual([
      'upload', '-a', '2021000000000001', '-p', join(project, 'build', 'alipay'), '-v', '1.0.0', '--game', '--version-description', 'Uploaded with Minigame Studio', '--machine-output',
    ]);
  });
});
