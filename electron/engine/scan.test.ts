import { chmod, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSkippedPath, scan, statFile } from './scan.js';
import { makeProject, removeProjects } from './test-support/make-project.js';

afterAll(removeProjects);

describe('scan', () => {
  it('lists files with POSIX relative paths, sizes and mtimes, leaving out build/, dotfiles and the project file', async () => {
    const project = await makeProject({
      'game.js': 'x',
      'images/bg.png': Buffer.alloc(300),
      'build/wechatgame/game.js': 'old build',
      '.git/config': 'x',
      'images/.DS_Store': 'x',
      '.hidden/a.png': 'x',
      'minigame-studio.json': '{}',
      'sub/build/keep.txt': 'nested build folders are the user’s',
      'sub/minigame-studio.json': 'only the top one is the project file',
    });
    const inventory = await scan(project.dir);
    expect([...inventory.files.keys()]).toEqual(['game.js', 'images/bg.png', 'sub/build/keep.txt', 'sub/minigame-studio.json']);
    expect(inventory.files.get('images/bg.png')).toMatchObject({ size: 300 });
    expect(inventory.files.get('game.js')?.mtimeMs).toBeGreaterThan(0);
    expect(inventory.folders?.has('images')).toBe(true);
    expect(inventory.folders?.has('build')).toBe(false);
    expect(inventory.unreadable).toEqual([]);
  });

  it('keeps Unicode and space-laden names as they are', async () => {
    const project = await makeProject({ '关卡 1/背景 图.png': 'x', 'sounds/my sound.mp3': 'xy', 'émoji 🎮.json': '{}' });
    const inventory = await scan(project.dir);
    expect([...inventory.files.keys()].sort()).toEqual(['sounds/my sound.mp3', '关卡 1/背景 图.png', 'émoji 🎮.json'].sort());
    expect(inventory.files.get('sounds/my sound.mp3')?.size).toBe(2);
  });

  it('follows links to files and folders, and survives a symlink loop and a dangling link', async () => {
    const project = await makeProject({ 'game.js': 'x', 'real/a.png': 'aa' });
    await symlink(project.path('real'), project.path('linked'));
    await symlink(project.path('real/a.png'), project.path('alias.png'));
    await symlink(project.dir, project.path('real/loop'));
    await symlink(project.path('missing.png'), project.path('dangling.png'));
    const inventory = await scan(project.dir);
    expect([...inventory.files.keys()]).toEqual(['alias.png', 'game.js', 'linked/a.png', 'real/a.png']);
    expect(inventory.unreadable.map((u) => u.path).sort()).toEqual(['dangling.png', 'linked/loop', 'real/loop']);
    expect(inventory.unreadable.find((u) => u.path === 'real/loop')?.message).toMatch(/loop/);
  });

  it('leaves out links whose real target is outside the game folder, listing each with its target, unless asked to follow them', async () => {
    const elsewhere = await makeProject({ 'secret.txt': 'not the game’s', 'art/b.png': 'bb' });
    const project = await makeProject({ 'game.js': 'x', 'images/a.png': 'aa' });
    await symlink(elsewhere.path('secret.txt'), project.path('images/x.png'));
    await symlink(relative(project.dir, elsewhere.path('art')), project.path('assets'));
    // 25 links to outside files (many links must not trouble the scan) and links that stay inside.
    await mkdir(project.path('many'));
    for (let i = 0; i < 25; i++) await symlink(elsewhere.path('secret.txt'), project.path(`many/l${i}.txt`));
    await symlink('images', project.path('pictures'));
    await symlink(project.path('images/a.png'), project.path('alias.png'));

    // Opened through a link to the project itself: inside and outside are decided by real paths.
    const viaLink = `${project.dir}-via-link`;
    await symlink(project.dir, viaLink);
    try {
      const inventory = await scan(viaLink);
      expect([...inventory.files.keys()]).toEqual(['alias.png', 'game.js', 'images/a.png', 'pictures/a.png']);
      const secret = await realpath(elsewhere.path('secret.txt'));
      expect(inventory.linksOutside?.filter((l) => !l.path.startsWith('many/'))).toEqual([
        { path: 'assets', target: await realpath(elsewhere.path('art')), kind: 'folder', followed: false },
        { path: 'images/x.png', target: secret, kind: 'file', followed: false },
        // The same link again through the folder link pictures -> images.
        { path: 'pictures/x.png', target: secret, kind: 'file', followed: false },
      ]);
      expect(inventory.linksOutside?.filter((l) => l.path.startsWith('many/'))).toHaveLength(25);
      expect(inventory.unreadable).toEqual([]);
      expect(await statFile(viaLink, 'images/x.png')).toBeNull();
      expect(await statFile(viaLink, 'alias.png')).toMatchObject({ size: 2 });

      const followed = await scan(viaLink, { followLinksOutside: true });
      expect([...followed.files.keys()].filter((p) => !p.startsWith('many/'))).toEqual([
        'alias.png',
        'assets/b.png',
        'game.js',
        'images/a.png',
        'images/x.png',
        'pictures/a.png',
        'pictures/x.png',
      ]);
      expect(followed.linksOutside?.every((l) => l.followed)).toBe(true);
      expect(await statFile(viaLink, 'images/x.png', { followLinksOutside: true })).toMatchObject({ size: Buffer.byteLength('not the game’s') });
    } finally {
      await rm(viaLink);
    }
  });

  it('records a folder it cannot read and goes on', async (context) => {
    if (process.getuid?.() === 0) {
      console.log('skipped: running as root, which reads every folder whatever its mode (the link cases above cover unreadable entries)');
      context.skip();
    }
    const project = await makeProject({ 'game.js': 'x', 'locked/a.png': 'x', 'secret.png': 'x' });
    await chmod(project.path('locked'), 0o000);
    await chmod(project.path('secret.png'), 0o000);
    try {
      const inventory = await scan(project.dir);
      expect([...inventory.files.keys()]).toEqual(['game.js']);
      expect(inventory.unreadable.map((u) => u.path)).toEqual(['locked', 'secret.png']);
    } finally {
      await chmod(project.path('locked'), 0o755);
    }
  });

  it('scans 10,000 files without running out of handles', async () => {
    const project = await makeProject({ 'game.js': 'x' });
    for (let d = 0; d < 100; d++) {
      const folder = project.path(`assets/d${d}`);
      await mkdir(folder, { recursive: true });
      await Promise.all(Array.from({ length: 100 }, (_, f) => writeFile(join(folder, `f${f}.png`), `${d}-${f}`)));
    }
    const inventory = await scan(project.dir);
    expect(inventory.files.size).toBe(10_001);
    expect(inventory.files.get('assets/d99/f99.png')?.size).toBe('99-99'.length);
  });

  it('stops when its signal is aborted', async () => {
    const project = await makeProject({ 'game.js': 'x' });
    const controller = new AbortController();
    controller.abort();
    await expect(scan(project.dir, { signal: controller.signal })).rejects.toThrow();
  });

  it('tells which relative paths it leaves out', () => {
    expect(isSkippedPath('build/wechatgame/game.js')).toBe(true);
    expect(isSkippedPath('a/.git/x')).toBe(true);
    expect(isSkippedPath('minigame-studio.json')).toBe(true);
    expect(isSkippedPath('sub/build/x.png')).toBe(false);
    expect(isSkippedPath('images/a.png')).toBe(false);
  });
});
