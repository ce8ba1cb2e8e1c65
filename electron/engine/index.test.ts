import { randomBytes } from 'node:crypto';
import { cp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../shared/manifest.js';
import { isWhitelisted } from '../../shared/platforms.js';
import type { Report } from '../../shared/report.js';
import { tempDir, writeTree } from './output/plan-fixture.js';
import { readTree } from './output/tree.js';
import { buildProject } from './test-support/build-checked.js';

const SAMPLE = fileURLToPath(new URL('../../resources/sample-game', import.meta.url));
const RUNTIME = fileURLToPath(new URL('../../resources/runtime/runtime.js', import.meta.url));
const RUNTIME_LINE = "require('./minigame-studio/runtime.js');\n";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function sample(): Promise<string> {
  const dir = await tempDir('mgs-sample-');
  dirs.push(dir);
  await cp(SAMPLE, dir, { recursive: true });
  return dir;
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  await writeTree(dir, files);
  return dir;
}

function manifestIn(outDir: string): Manifest {
  return createRequire(import.meta.url)(join(outDir, 'minigame-studio/manifest.js')) as Manifest;
}

/** Bytes and file counts on disk per package root, to compare with the report. */
function sizesOnDisk(tree: Map<string, Buffer>, report: Report): Map<string, { files: number; bytes: number }> {
  const roots = report.packages.filter((p) => p.kind !== 'main').sort((a, b) => b.root.length - a.root.length);
  const sizes = new Map(report.packages.map((p) => [p.name, { files: 0, bytes: 0 }]));
  for (const [path, bytes] of tree) {
    const pkg = roots.find((p) => (p.root.endsWith('/') ? path.startsWith(p.root) : path === p.root))?.name ?? '__GAME__';
    const entry = sizes.get(pkg) as { files: number; bytes: number };
    entry.files += 1;
    entry.bytes += bytes.byteLength;
  }
  return sizes;
}

describe('the sample game for WeChat, file by file', () => {
  it('builds with exit 0 and writes exactly the expected files', async () => {
    const dir = await sample();
    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    const out = join(dir, 'build/wechatgame');
    const tree = await readTree(out);
    const source = await readTree(dir);

    const copied = [...source.keys()].filter(
      (path) => isWhitelisted(path) && !['game.json', 'project.config.json', 'game.js'].includes(path) && !path.startsWith('build/'),
    );
    expect([...tree.keys()].sort()).toEqual(
      [...copied, 'game.js', 'game.json', 'project.config.json', 'minigame-studio/runtime.js', 'minigame-studio/manifest.js'].sort(),
    );
    for (const path of copied) expect(tree.get(path)?.equals(source.get(path) as Buffer), path).toBe(true);

    expect(tree.get('game.js')?.toString()).toBe(RUNTIME_LINE + source.get('game.js')?.toString());
    expect(tree.get('minigame-studio/runtime.js')?.equals(await readFile(RUNTIME))).toBe(true);
    expect(JSON.parse(tree.get('game.json')?.toString() ?? '')).toEqual({
      deviceOrientation: 'portrait',
      showStatusBar: false,
      networkTimeout: { request: 10000, downloadFile: 10000 },
      subpackages: [
        { name: 'stage1', root: 'stage1/' },
        { name: 'share', root: 'share/', independent: true },
      ],
      openDataContext: 'openDataContext/',
    });
    expect(JSON.parse(tree.get('project.config.json')?.toString() ?? '')).toMatchObject({
      appid: 'wx0000000000000000',
      projectname: 'star-catcher',
      compileType: 'game',
      miniprogramRoot: '',
      libVersion: 'latest',
    });
    const manifest = manifestIn(out);
    expect(manifest.platform).toBe('wechat');
    expect(Object.keys(manifest.files).sort()).toEqual(copied.filter((path) => !path.endsWith('.js')).sort());
    expect(manifest.files['share/medal.png']?.where).toBe('share');
    expect(manifest.subpackages.share).toEqual({ root: 'share/', independent: true });

    const written = JSON.parse(await readFile(`${out}.report.json`, 'utf8')) as Report;
    expect(written).toEqual(JSON.parse(JSON.stringify(outcome.analysis.report)));
  });

  it('gives identical output when rebuilt', async () => {
    const dir = await sample();
    // build/history/ gains an entry per build, and the studio's own folder beside OUT records the new
    // OUT's inode; everything else is the same bytes.
    const output = async () =>
      new Map([...(await readTree(join(dir, 'build')))].filter(([path]) => !path.startsWith('history/') && !path.startsWith('.wechatgame.minigame-studio/')));
    await buildProject(dir, { platform: 'wechat', md5Cache: true });
    const first = await output();
    await buildProject(dir, { platform: 'wechat', md5Cache: true });
    expect(await output()).toEqual(first);
    expect([...first.keys()]).toContain('wechatgame.report.json');
  });
});

describe('the sample game for Alipay, file by file', () => {
  it('writes game.json without WeChat-only keys, no project.config.json, and the same game files', async () => {
    const dir = await sample();
    const outcome = await buildProject(dir, { platform: 'alipay' });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    const out = join(dir, 'build/alipay');
    const tree = await readTree(out);
    const source = await readTree(dir);
    const copied = [...source.keys()].filter(
      (path) => isWhitelisted(path) && !['game.json', 'project.config.json', 'game.js'].includes(path) && !path.startsWith('build/'),
    );
    expect([...tree.keys()].sort()).toEqual([...copied, 'game.js', 'game.json', 'minigame-studio/runtime.js', 'minigame-studio/manifest.js'].sort());
    for (const path of copied) expect(tree.get(path)?.equals(source.get(path) as Buffer), path).toBe(true);
    expect(tree.get('game.js')?.toString()).toBe(RUNTIME_LINE + source.get('game.js')?.toString());
    expect(JSON.parse(tree.get('game.json')?.toString() ?? '')).toEqual({
      deviceOrientation: 'portrait',
      screenOrientation: 'portrait',
      showStatusBar: false,
      networkTimeout: { request: 10000, downloadFile: 10000 },
      subpackages: [
        { name: 'stage1', root: 'stage1/' },
        { name: 'share', root: 'share/' },
      ],
    });
    expect(manifestIn(out)).toMatchObject({ platform: 'alipay', subpackages: { share: { root: 'share/', independent: false } } });
    expect(outcome.analysis.report.problems.filter((p) => p.code === 'PLATFORM_UNSUPPORTED_FEATURE')).toHaveLength(2);
  });
});

describe('report sizes', () => {
  it('equal the bytes on disk, package by package, and remote', async () => {
    const dir = await sample();
    const outcome = await buildProject(dir, { platform: 'wechat', md5Cache: true, remoteUrl: 'https://cdn.example.com/star/' });
    const { report } = outcome.analysis;
    const onDisk = sizesOnDisk(await readTree(report.outDir), report);
    for (const pkg of report.packages) expect({ name: pkg.name, files: pkg.files, bytes: pkg.bytes }).toEqual({ name: pkg.name, ...onDisk.get(pkg.name) });
    expect(report.totalBytes).toBe([...onDisk.values()].reduce((sum, p) => sum + p.bytes, 0));
    const remote = await readTree(`${report.outDir}-res`);
    expect(report.remote).toEqual({ dir: `${report.outDir}-res`, files: remote.size, bytes: [...remote.values()].reduce((s, b) => s + b.byteLength, 0) });
    expect(report.remote?.files).toBeGreaterThan(0);
    expect(report.runtimeBytes).toBe((await readFile(RUNTIME)).byteLength);
  });
});

describe('a main package over 4 MiB', () => {
  const big = (): Record<string, string | Uint8Array> => ({
    'game.js': "require('./src/main.js');\n",
    'src/main.js': 'main();\n',
    'images/a.png': randomBytes(1_600_000),
    'images/b.png': randomBytes(1_600_000),
    'audio/c.mp3': randomBytes(1_600_000),
    'images/loading/bar.png': randomBytes(2000),
    'minigame-studio.json': JSON.stringify({ keepInPackage: ['images/loading/**'] }),
  });

  it('builds with exit 3, and with a Remote URL with exit 0 keeping only scripts, pinned files and the runtime', async () => {
    const dir = await project(big());
    const over = await buildProject(dir, { platform: 'wechat' });
    expect(over).toMatchObject({ exitCode: 3, built: true });
    expect(over.analysis.report.problems.map((p) => p.code)).toContain('MAIN_PACKAGE_TOO_LARGE');

    const remote = await buildProject(dir, { platform: 'wechat', remoteUrl: 'https://cdn.example.com/', md5Cache: true });
    expect(remote).toMatchObject({ exitCode: 0, built: true });
    const main = [...(await readTree(join(dir, 'build/wechatgame'))).keys()];
    const pinned = main.filter((path) => path.startsWith('images/'));
    expect(pinned).toEqual([expect.stringMatching(/^images\/loading\/bar\.[0-9a-f]{10}\.png$/)]);
    expect(main.filter((path) => !pinned.includes(path)).sort()).toEqual(
      ['game.js', 'game.json', 'project.config.json', 'minigame-studio/manifest.js', 'minigame-studio/runtime.js', 'src/main.js'].sort(),
    );
    const res = [...(await readTree(join(dir, 'build/wechatgame-res'))).keys()];
    expect(res).toHaveLength(3);
    expect(res.every((path) => /\.[0-9a-f]{10}\.(png|mp3)$/.test(path))).toBe(true);
  });
});

describe('a blocking problem', () => {
  it('writes nothing and leaves the previous output untouched (exit 1)', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': 'a' });
    expect((await buildProject(dir, { platform: 'wechat' })).exitCode).toBe(0);
    const before = await readTree(join(dir, 'build'));
    await writeTree(dir, { 'minigame-studio.json': JSON.stringify({ subpackages: [{ name: 'lvl', root: 'levels/' }] }), 'images/a.png': 'changed' });
    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome).toMatchObject({ exitCode: 1, built: false });
    expect(outcome.analysis.report.problems.map((p) => p.code)).toContain('SUBPACKAGE_ROOT_MISSING');
    expect(await readTree(join(dir, 'build'))).toEqual(before);
  });
});

describe('a 10,000-file project', () => {
  it('builds every file', async () => {
    const files: Record<string, string> = { 'game.js': 'go();\n' };
    for (let i = 0; i < 10_000; i++) files[`assets/d${i % 100}/f${i}.txt`] = `file ${i}\n`;
    const dir = await project(files);
    const outcome = await buildProject(dir, { platform: 'wechat', md5Cache: true });
    expect(outcome.exitCode).toBe(0);
    const tree = await readTree(join(dir, 'build/wechatgame'));
    expect(tree.size).toBe(10_000 + 5);
    expect(outcome.analysis.report.packages[0]?.files).toBe(10_005);
  }, 120_000);
});

describe("project.config.json's libVersion", () => {
  it('replaces a value miniprogram-ci refuses ("game", from old DevTools) by "latest", with a warning, and keeps valid ones', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'project.config.json': JSON.stringify({ appid: 'wx0123456789abcdef', libVersion: 'game', compileType: 'game' }) });
    // buildProject (test-support) runs miniprogram-ci's validators on the output: it throws on "game".
    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    const written = JSON.parse(await readFile(join(dir, 'build/wechatgame/project.config.json'), 'utf8')) as Record<string, unknown>;
    expect(written.libVersion).toBe('latest');
    const warning = outcome.analysis.report.problems.find((p) => p.code === 'LIB_VERSION_REPLACED');
    expect(warning).toMatchObject({ severity: 'warning', path: 'project.config.json' });
    expect(warning?.message).toContain('"game"');

    for (const valid of ['2.30.0', 'trial', 'widelyUsed']) {
      await writeTree(dir, { 'project.config.json': JSON.stringify({ appid: 'wx0123456789abcdef', libVersion: valid }) });
      const again = await buildProject(dir, { platform: 'wechat' });
      const config = JSON.parse(await readFile(join(dir, 'build/wechatgame/project.config.json'), 'utf8')) as Record<string, unknown>;
      expect(config.libVersion, valid).toBe(valid);
      expect(again.analysis.report.problems.map((p) => p.code)).not.toContain('LIB_VERSION_REPLACED');
    }
  });
});

describe('symbolic links that leave the project', () => {
  it('are left out with a LINK_OUTSIDE_PROJECT warning naming link and target, and packaged when the project file opts in', async () => {
    const elsewhere = await project({ 'passwd.png': 'root:x:0:0', 'pack/tile.png': 'tile' });
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': 'a' });
    await symlink(join(elsewhere, 'passwd.png'), join(dir, 'images/x.png'));
    await symlink(relative(dir, join(elsewhere, 'pack')), join(dir, 'assets'));

    const outcome = await buildProject(dir, { platform: 'wechat' });
    expect(outcome).toMatchObject({ exitCode: 0, built: true });
    const shipped = [...(await readTree(join(dir, 'build/wechatgame'))).keys()];
    expect(shipped).toContain('images/a.png');
    expect(shipped.filter((path) => path === 'images/x.png' || path.startsWith('assets/'))).toEqual([]);
    const warnings = outcome.analysis.report.problems.filter((p) => p.code === 'LINK_OUTSIDE_PROJECT');
    expect(warnings.map((p) => [p.severity, p.path])).toEqual([
      ['warning', 'assets'],
      ['warning', 'images/x.png'],
    ]);
    expect(warnings[1]?.message).toContain(`images/x.png is a symbolic link to ${await realpath(join(elsewhere, 'passwd.png'))}`);
    expect(warnings[1]?.message).toContain('"includeLinksOutsideProject": true');

    await writeTree(dir, { 'minigame-studio.json': JSON.stringify({ includeLinksOutsideProject: true }) });
    const included = await buildProject(dir, { platform: 'wechat' });
    const tree = await readTree(join(dir, 'build/wechatgame'));
    expect(tree.get('images/x.png')?.toString()).toBe('root:x:0:0');
    expect(tree.get('assets/tile.png')?.toString()).toBe('tile');
    expect(included.analysis.report.problems.map((p) => p.code)).not.toContain('LINK_OUTSIDE_PROJECT');
  });
});

describe('a problem about a setting', () => {
  it('names the file the setting came from', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'game.json': JSON.stringify({ subpackages: [{ name: 'lvl', root: 'levels/' }] }) });
    const fromGame = await buildProject(dir, { platform: 'wechat' });
    expect(fromGame.analysis.report.problems.find((p) => p.code === 'SUBPACKAGE_ROOT_MISSING')?.message).toContain('game.json');

    await writeTree(dir, { 'minigame-studio.json': JSON.stringify({ remoteUrl: 'cdn.example.com' }) });
    const fromFile = await buildProject(dir, { platform: 'wechat' });
    expect(fromFile.analysis.report.problems.find((p) => p.code === 'REMOTE_URL_INVALID')?.message).toContain('"remoteUrl" comes from minigame-studio.json');
  });
});
