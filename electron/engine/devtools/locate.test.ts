import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeMinidev, installFakeWechatDevtools } from './fixtures/fake-tools.js';
import { nodeHost, type Host } from './host.js';
import { locateTool, locateTools } from './locate.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'locate-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The real file system, seen as another OS would see it (macOS and Linux paths work as they are). */
function hostAs(os: NodeJS.Platform, env: Record<string, string> = {}, homeDir = join(root, 'home')): Host {
  return { ...nodeHost(), os, env, homeDir };
}

/** A Windows machine whose drives are folders under root: C:\x\y is root/C/x/y. */
function windowsHost(env: Record<string, string> = {}): Host {
  const real = nodeHost();
  const toReal = (p: string) => join(root, p.replace(/^([A-Za-z]):/, '$1').split('\\').join('/'));
  return { os: 'win32', env, homeDir: 'C:\\Users\\lei', kind: (p) => real.kind(toReal(p)), isExecutable: (p) => real.kind(toReal(p)).then((k) => k === 'file') };
}

const winDir = (p: string) => join(root, p.replace(/^([A-Za-z]):/, '$1').split('\\').join('/'));

describe('locating WeChat DevTools from the Preferences path', () => {
  const shapes = [
    ['install-folder', 'linux'],
    ['mac-app', 'darwin'],
    ['mac-app-old', 'darwin'],
    ['cli', 'darwin'],
    ['cli', 'linux'],
  ] as const;
  for (const [shape, os] of shapes) {
    it(`derives the cli from ${shape} on ${os}, in a folder with spaces and Chinese characters`, async () => {
      const fake = await installFakeWechatDevtools(join(root, '微信 开发者工具'), shape);
      const found = await locateTool('wechat', { wechatDevtoolsPath: fake.preference, host: hostAs(os) });
      expect(found).toMatchObject({ platform: 'wechat', cli: fake.cli, source: 'preferences', problem: null });
      expect(found.message).toContain(fake.cli);
    });
  }

  it('derives cli.bat from a Windows install folder', async () => {
    const install = 'C:\\Program Files (x86)\\Tencent\\微信web开发者工具';
    await installFakeWechatDevtools(winDir(install), 'windows-folder');
    const found = await locateTool('wechat', { wechatDevtoolsPath: install, host: windowsHost() });
    expect(found).toMatchObject({ cli: `${install}\\cli.bat`, source: 'preferences', problem: null });
  });

  it("takes the cli beside the app's own executable when that was picked", async () => {
    const install = 'C:\\Tools\\微信开发者工具';
    await installFakeWechatDevtools(winDir(install), 'windows-folder');
    await writeFile(winDir(`${install}\\微信开发者工具.exe`), 'MZ');
    expect((await locateTool('wechat', { wechatDevtoolsPath: `${install}\\微信开发者工具.exe`, host: windowsHost() })).cli).toBe(`${install}\\cli.bat`);
    const mac = await installFakeWechatDevtools(join(root, 'mac'), 'mac-app');
    const binary = join(mac.preference, 'Contents', 'MacOS', 'wechatwebdevtools');
    await writeFile(binary, '', { mode: 0o755 });
    expect((await locateTool('wechat', { wechatDevtoolsPath: binary, host: hostAs('darwin') })).cli).toBe(mac.cli);
  });

  it('says what it looked for when the folder holds no cli', async () => {
    await mkdir(join(root, 'empty'));
    const found = await locateTool('wechat', { wechatDevtoolsPath: join(root, 'empty'), host: hostAs('darwin') });
    expect(found).toMatchObject({ cli: null, problem: 'not-found' });
    expect(found.message).toContain(join(root, 'empty', 'Contents', 'MacOS', 'cli'));
    expect(found.message).toMatch(/install folder, its \.app, or the cli itself/);
  });

  it('says so when the path does not exist', async () => {
    const found = await locateTool('wechat', { wechatDevtoolsPath: join(root, 'gone'), host: hostAs('linux') });
    expect(found).toMatchObject({ cli: null, problem: 'not-found' });
    expect(found.message).toMatch(/does not exist/);
  });

  it('finds a cli that is not executable and says how to fix it', async () => {
    const fake = await installFakeWechatDevtools(join(root, 'tools'), 'install-folder');
    await chmod(fake.cli, 0o644);
    const found = await locateTool('wechat', { wechatDevtoolsPath: fake.preference, host: hostAs('linux') });
    expect(found).toMatchObject({ cli: fake.cli, problem: 'not-executable' });
    expect(found.message).toContain(`chmod +x "${fake.cli}"`);
  });
});

describe('probing the default install places', () => {
  it('finds ~/Applications/wechatwebdevtools.app on macOS, new and old layouts', async () => {
    const fake = await installFakeWechatDevtools(join(root, 'home', 'Applications'), 'mac-app-old');
    expect(await locateTool('wechat', { host: hostAs('darwin') })).toMatchObject({ cli: fake.cli, source: 'default-location' });
  });

  it('finds cli.bat under Program Files (x86) and Program Files, with both folder names', async () => {
    const env = { 'ProgramFiles(x86)': 'C:\\PF86', ProgramFiles: 'D:\\PF' };
    await installFakeWechatDevtools(winDir('D:\\PF\\Tencent\\微信开发者工具'), 'windows-folder');
    expect(await locateTool('wechat', { host: windowsHost(env) })).toMatchObject({
      cli: 'D:\\PF\\Tencent\\微信开发者工具\\cli.bat',
      source: 'default-location',
    });
    await installFakeWechatDevtools(winDir('C:\\PF86\\Tencent\\微信web开发者工具'), 'windows-folder');
    expect((await locateTool('wechat', { host: windowsHost(env) })).cli).toBe('C:\\PF86\\Tencent\\微信web开发者工具\\cli.bat');
  });

  it('finds wechat-devtools-cli on PATH on Linux', async () => {
    const bin = join(root, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'wechat-devtools-cli'), '#!/bin/sh\n', { mode: 0o755 });
    const found = await locateTool('wechat', { host: hostAs('linux', { PATH: `${join(root, 'nothing')}:${bin}` }) });
    expect(found).toMatchObject({ cli: join(bin, 'wechat-devtools-cli'), source: 'path' });
  });

  it('reports no-path, naming the places it tried and Preferences, when nothing is installed', async () => {
    const mac = await locateTool('wechat', { host: hostAs('darwin') });
    expect(mac).toMatchObject({ cli: null, problem: 'no-path', source: null });
    expect(mac.message).toContain('/Applications/wechatwebdevtools.app');
    expect(mac.message).toContain('Preferences');
    const linux = await locateTool('wechat', { host: hostAs('linux', { PATH: '' }) });
    expect(linux.message).toContain('wechat-devtools-cli');
  });
});

describe('locating minidev and the Alipay IDE', () => {
  it("prefers the project's node_modules/.bin, then PATH, and passes the IDE from Preferences", async () => {
    const project = join(root, '我的 游戏');
    const dep = await installFakeMinidev(join(project, 'node_modules', '.bin'));
    const onPath = await installFakeMinidev(join(root, 'bin'));
    const ide = join(root, '小程序开发者工具.app');
    await mkdir(ide);
    const host = hostAs('darwin', { PATH: join(root, 'bin') });
    expect(await locateTool('alipay', { alipayIdePath: ide, dependencyDirs: [project], host })).toMatchObject({
      cli: dep.cli, source: 'dependency', ide, problem: null,
    });
    expect(await locateTool('alipay', { alipayIdePath: ide, host })).toMatchObject({ cli: onPath.cli, source: 'path', ide });
  });

  it('accepts minidev itself as the Preferences path', async () => {
    const fake = await installFakeMinidev(join(root, 'tools'));
    expect(await locateTool('alipay', { alipayIdePath: fake.cli, host: hostAs('linux', { PATH: '' }) })).toMatchObject({
      cli: fake.cli, source: 'preferences', ide: null,
    });
  });

  it('finds minidev.cmd on a Windows PATH', async () => {
    await mkdir(winDir('C:\\npm'), { recursive: true });
    await writeFile(winDir('C:\\npm\\minidev.cmd'), '@echo off\n');
    const found = await locateTool('alipay', { host: windowsHost({ Path: 'C:\\npm', PATHEXT: '.EXE;.CMD' }) });
    expect(found).toMatchObject({ cli: 'C:\\npm\\minidev.cmd', source: 'path' });
  });

  it('explains how to install minidev when it is missing', async () => {
    const none = await locateTool('alipay', { host: hostAs('linux', { PATH: '' }) });
    expect(none).toMatchObject({ cli: null, problem: 'no-path' });
    expect(none.message).toContain('npm install -g minidev');
    await mkdir(join(root, 'ide'));
    const ideOnly = await locateTool('alipay', { alipayIdePath: join(root, 'ide'), host: hostAs('linux', { PATH: '' }) });
    expect(ideOnly).toMatchObject({ cli: null, problem: 'not-found', ide: join(root, 'ide') });
  });

  it('lists both platforms for Preferences', async () => {
    const tools = await locateTools({ host: hostAs('linux', { PATH: '' }) });
    expect(tools.map((t) => [t.platform, t.cli])).toEqual([['wechat', null], ['alipay', null]]);
  });
});
