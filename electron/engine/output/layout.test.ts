import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { isWhitelisted } from '../../../shared/platforms.js';
import type { Manifest } from '../../../shared/manifest.js';
import { planFor, settingsFor, tempDir, writeTree } from './plan-fixture.js';
import { createHashCache, sha1Bytes } from '../hash-cache.js';
import type { OutputLayout } from '../types.js';
import { layoutOutput } from './layout.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function game(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  await writeTree(dir, files);
  return dir;
}

function outOf(layout: OutputLayout, source: string): string | undefined {
  return layout.files.find((file) => file.source === source)?.out;
}

function text(layout: OutputLayout, out: string): string {
  const file = layout.files.find((f) => f.out === out && !f.remote);
  if (!file || file.content === null) throw new Error(`${out} is not generated`);
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
}

function manifestOf(layout: OutputLayout): Manifest {
  const module = { exports: {} as Manifest };
  new Function('module', text(layout, 'minigame-studio/manifest.js'))(module);
  return module.exports;
}

const basic = {
  'game.js': "require('./src/main.js');\n",
  'src/main.js': 'console.log(1);\n',
  'images/bg.png': 'png-bytes',
  'images/logo.png': 'png-bytes',
  'fonts/title.ttf': 'ttf-bytes',
  'data/levels.json': '{"a":1}',
  'game.json': '{"deviceOrientation":"portrait"}',
};

describe('layoutOutput with MD5 Cache', () => {
  it('names a file after its content: same content same name, changed content a new one', async () => {
    const dir = await game(basic);
    const settings = settingsFor(dir, { md5Cache: true });
    const first = await layoutOutput(await planFor(settings, Object.keys(basic)), createHashCache());
    const bg = outOf(first, 'images/bg.png');
    const hash = sha1Bytes('png-bytes').slice(0, 10);
    expect(bg).toBe(`images/bg.${hash}.png`);
    expect(outOf(first, 'images/logo.png')).toBe(`images/logo.${hash}.png`);

    await writeTree(dir, { 'images/bg.png': 'new-png-bytes' });
    const second = await layoutOutput(await planFor(settings, Object.keys(basic)), createHashCache());
    expect(outOf(second, 'images/bg.png')).toBe(`images/bg.${sha1Bytes('new-png-bytes').slice(0, 10)}.png`);
    expect(outOf(second, 'images/logo.png')).toBe(outOf(first, 'images/logo.png'));
  });

  it('lays out the later changes of a session exactly as a fresh layout would (changed, added, removed, moved remote)', async () => {
    const dir = await game(basic);
    const settings = settingsFor(dir, { md5Cache: true, remoteUrl: 'https://cdn.example.com/' });
    const session = createHashCache();
    await layoutOutput(await planFor(settings, Object.keys(basic)), session);

    await writeTree(dir, { 'images/bg.png': 'bg, second take', 'images/new.png': 'new' });
    const paths = [...Object.keys(basic).filter((path) => path !== 'data/levels.json'), 'images/new.png'];
    const plan = await planFor(settings, paths, { 'images/logo.png': 'package' });
    const later = await layoutOutput(plan, session);
    const fresh = await layoutOutput(plan, createHashCache());
    expect(later).toEqual(fresh);
    expect(text(later, 'minigame-studio/manifest.js')).toBe(text(fresh, 'minigame-studio/manifest.js'));
    expect(outOf(later, 'images/bg.png')).toBe(`images/bg.${sha1Bytes('bg, second take').slice(0, 10)}.png`);
    expect(later.files.find((file) => file.source === 'images/logo.png')?.remote).toBe(false);
  });

  it('keeps the last extension last so the whitelist still matches (V-R04), and scripts and config keep their names', async () => {
    const dir = await game(basic);
    const layout = await layoutOutput(await planFor(settingsFor(dir, { md5Cache: true }), Object.keys(basic)), createHashCache());
    for (const file of layout.files) expect(isWhitelisted(file.out)).toBe(true);
    expect(outOf(layout, 'src/main.js')).toBe('src/main.js');
    expect(outOf(layout, 'data/levels.json')).toMatch(/^data\/levels\.[0-9a-f]{10}\.json$/);
    expect(layout.files.filter((f) => f.out === 'game.json')).toHaveLength(1);
  });

  it('puts a font, name unchanged, inside a hashed folder', async () => {
    const dir = await game(basic);
    const layout = await layoutOutput(await planFor(settingsFor(dir, { md5Cache: true }), Object.keys(basic)), createHashCache());
    expect(outOf(layout, 'fonts/title.ttf')).toBe(`fonts/title.${sha1Bytes('ttf-bytes').slice(0, 10)}/title.ttf`);
  });

  it('hashes nothing without MD5 Cache or remote files, and each file once across layouts', async () => {
    const dir = await game(basic);
    const hashes = createHashCache();
    const plain = await layoutOutput(await planFor(settingsFor(dir), Object.keys(basic)), hashes);
    expect(hashes.reads).toBe(0);
    expect(outOf(plain, 'images/bg.png')).toBe('images/bg.png');
    const plan = await planFor(settingsFor(dir, { md5Cache: true }), Object.keys(basic));
    await layoutOutput(plan, hashes);
    const reads = hashes.reads;
    expect(reads).toBe(4); // two images, the font, the json
    await layoutOutput(plan, hashes);
    expect(hashes.reads).toBe(reads);
  });
});

describe('layoutOutput generated files', () => {
  it('puts the runtime first in the user game.js, after a use strict directive', async () => {
    const dir = await game({ ...basic, 'game.js': "'use strict';\nrequire('./src/main.js');\n" });
    const layout = await layoutOutput(await planFor(settingsFor(dir), Object.keys(basic)), createHashCache());
    expect(text(layout, 'game.js')).toBe("'use strict';\nrequire('./minigame-studio/runtime.js');\nrequire('./src/main.js');\n");
    expect(layout.files.find((f) => f.out === 'game.js')?.source).toBe('game.js');
  });

  it('requires another entry from a generated game.js', async () => {
    const dir = await game({ 'main.js': 'x();\n', 'game.json': '{}' });
    const layout = await layoutOutput(await planFor(settingsFor(dir, { entry: 'main.js' }), ['main.js', 'game.json']), createHashCache());
    expect(text(layout, 'game.js')).toBe("require('./minigame-studio/runtime.js');\nrequire('./main.js');\n");
    expect(outOf(layout, 'main.js')).toBe('main.js');
  });

  it('writes game.json with the user fields, orientation, subpackages and open data context in a stable order', async () => {
    const dir = await game({ ...basic, 'stage1/game.js': '', 'share/game.js': '', 'odc/index.js': '' });
    const settings = settingsFor(dir, {
      orientation: 'landscape',
      gameJson: { networkTimeout: { request: 10000 }, plugins: { p: { provider: 'wx1', version: '1.0.0' } }, lockStepOptions: {} },
      subpackages: [
        { name: 'stage1', root: 'stage1/', independent: false },
        { name: 'share', root: 'share/', independent: true },
      ],
      openDataContext: 'odc/',
    });
    const layout = await layoutOutput(await planFor(settings, [...Object.keys(basic), 'stage1/game.js', 'share/game.js', 'odc/index.js']), createHashCache());
    expect(text(layout, 'game.json')).toBe(
      `${JSON.stringify(
        {
          deviceOrientation: 'landscape',
          networkTimeout: { request: 10000 },
          plugins: { p: { provider: 'wx1', version: '1.0.0' } },
          lockStepOptions: {},
          subpackages: [
            { name: 'stage1', root: 'stage1/' },
            { name: 'share', root: 'share/', independent: true },
          ],
          openDataContext: 'odc/',
        },
        null,
        2,
      )}\n`,
    );
  });

  it('leaves WeChat-only keys out of game.json and writes no project.config.json on Alipay', async () => {
    const dir = await game({ ...basic, 'share/game.js': '', 'odc/index.js': '' });
    const settings = settingsFor(dir, {
      platform: 'alipay',
      gameJson: { navigateToMiniProgramAppIdList: ['wx1'], lockStepOptions: {}, workers: { path: 'w', isSubpackage: true }, showStatusBar: true },
      subpackages: [{ name: 'share', root: 'share/', independent: true }],
      openDataContext: 'odc/',
    });
    const layout = await layoutOutput(await planFor(settings, [...Object.keys(basic), 'share/game.js', 'odc/index.js']), createHashCache());
    expect(JSON.parse(text(layout, 'game.json'))).toEqual({
      deviceOrientation: 'portrait',
      screenOrientation: 'portrait',
      showStatusBar: true,
      subpackages: [{ name: 'share', root: 'share/' }],
    });
    expect(layout.files.some((f) => f.out === 'project.config.json')).toBe(false);
    expect(manifestOf(layout).platform).toBe('alipay');
  });

  it('writes Alipay orientation as both keys, landscapeLeft as landscape', async () => {
    const dir = await game(basic);
    const layout = await layoutOutput(await planFor(settingsFor(dir, { platform: 'alipay', orientation: 'landscapeLeft' }), Object.keys(basic)), createHashCache());
    expect(JSON.parse(text(layout, 'game.json'))).toMatchObject({ deviceOrientation: 'landscape', screenOrientation: 'landscape' });
  });

  it("keeps a subpackage item's other fields (its plugins) in game.json", async () => {
    const dir = await game({ ...basic, 'stage1/game.js': '' });
    const plugins = { chart: { provider: 'wx2', version: '1.0.0' } };
    const settings = settingsFor(dir, { subpackages: [{ name: 'stage1', root: 'stage1/', independent: false, extra: { plugins } }] });
    const layout = await layoutOutput(await planFor(settings, [...Object.keys(basic), 'stage1/game.js']), createHashCache());
    expect(JSON.parse(text(layout, 'game.json')).subpackages).toEqual([{ name: 'stage1', root: 'stage1/', plugins }]);
  });

  it('writes project.config.json for WeChat, carrying the source fields over', async () => {
    const dir = await game(basic);
    const settings = settingsFor(dir, {
      projectConfig: { appid: 'wxold', miniprogramRoot: 'miniprogram/', setting: { urlCheck: false }, condition: { game: {} } },
    });
    const layout = await layoutOutput(await planFor(settings, Object.keys(basic)), createHashCache());
    expect(JSON.parse(text(layout, 'project.config.json'))).toEqual({
      appid: 'wx0123456789abcdef',
      projectname: 'fixture',
      compileType: 'game',
      miniprogramRoot: '',
      libVersion: 'latest',
      setting: { urlCheck: false, es6: false, minified: true, uploadWithSourceMap: true },
      packOptions: { ignore: [], include: [] },
      condition: { game: {} },
    });
  });

  it('copies the runtime byte for byte and reports its size', async () => {
    const dir = await game(basic);
    const layout = await layoutOutput(await planFor(settingsFor(dir), Object.keys(basic)), createHashCache());
    const runtime = layout.files.find((f) => f.out === 'minigame-studio/runtime.js');
    const { readFile } = await import('node:fs/promises');
    const real = await readFile(new URL('../../../resources/runtime/runtime.js', import.meta.url));
    expect(Buffer.from(runtime?.content as Uint8Array).equals(real)).toBe(true);
    expect(layout.runtimeBytes).toBe(real.byteLength);
  });
});

describe('layoutOutput with a Remote URL', () => {
  it('sends main-package non-scripts to OUT-res, keeps pinned and subpackage files, and lists them in the manifest', async () => {
    const files = { ...basic, 'images/loading/bar.png': 'bar', 'stage1/game.js': '', 'stage1/map.png': 'map' };
    const dir = await game(files);
    const settings = settingsFor(dir, {
      md5Cache: true,
      remoteUrl: 'https://cdn.example.com/game',
      subpackages: [{ name: 'stage1', root: 'stage1/', independent: false }],
    });
    const plan = await planFor(settings, Object.keys(files), { 'images/loading/bar.png': 'package' });
    const layout = await layoutOutput(plan, createHashCache());
    expect(layout.remoteDir).toBe(`${settings.outDir}-res`);
    const remote = layout.files.filter((f) => f.remote).map((f) => f.source);
    expect(remote.sort()).toEqual(['data/levels.json', 'fonts/title.ttf', 'images/bg.png', 'images/logo.png']);
    const manifest = manifestOf(layout);
    expect(manifest.remoteUrl).toBe('https://cdn.example.com/game/');
    expect(manifest.subpackages).toEqual({ stage1: { root: 'stage1/', independent: false } });
    expect(manifest.files['images/bg.png']).toEqual({
      out: `images/bg.${sha1Bytes('png-bytes').slice(0, 10)}.png`,
      hash: sha1Bytes('png-bytes').slice(0, 20),
      size: 9,
      where: 'remote',
    });
    expect(manifest.files['images/loading/bar.png']?.where).toBe('__GAME__');
    expect(manifest.files['stage1/map.png']?.where).toBe('stage1');
    expect(Object.keys(manifest.files).some((path) => path.endsWith('.js'))).toBe(false);
  });

  it('gives remote files a content-hash cache key even without MD5 Cache', async () => {
    const dir = await game(basic);
    const settings = settingsFor(dir, { remoteUrl: 'https://cdn.example.com/' });
    const layout = await layoutOutput(await planFor(settings, Object.keys(basic)), createHashCache());
    const manifest = manifestOf(layout);
    expect(manifest.files['images/bg.png']).toMatchObject({ out: 'images/bg.png', hash: sha1Bytes('png-bytes').slice(0, 20) });
  });

  it('gives a manifest the runtime can require', async () => {
    const dir = await game(basic);
    const layout = await layoutOutput(await planFor(settingsFor(dir), Object.keys(basic)), createHashCache());
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/manifest.cjs`, text(layout, 'minigame-studio/manifest.js'));
    const required = createRequire(import.meta.url)(`${dir}/manifest.cjs`) as Manifest;
    expect(required.version).toBe(1);
    expect(required.files['images/bg.png']).toEqual({ out: 'images/bg.png', hash: '', size: 9, where: '__GAME__' });
  });
});

describe('layoutOutput progress', () => {
  it('reports hashing in files and bytes, ending at the totals', async () => {
    const dir = await game(basic);
    const seen: { files: number; totalFiles: number; bytes: number; totalBytes: number }[] = [];
    const plan = await planFor(settingsFor(dir, { md5Cache: true }), Object.keys(basic));
    await layoutOutput(plan, createHashCache(), { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ phase: 'hash', files: 4, totalFiles: 4, bytes: 9 + 9 + 9 + 7, totalBytes: 34 });
  });
});
