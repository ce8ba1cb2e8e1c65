/** The command line as a user runs it: `node bin/minigame-studio.mjs …` on real folders. */
import { execa, type ResultPromise } from 'execa';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../shared/report.js';
import { tempDir, writeTree } from './engine/output/plan-fixture.js';
import { readTree } from './engine/output/tree.js';
import { assertWechatAccepts } from './engine/test-support/wechat-validator.js';

const BIN = fileURLToPath(new URL('../bin/minigame-studio.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../resources/sample-game', import.meta.url));

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function cli(args: readonly string[], cwd?: string) {
  return execa('node', [BIN, ...args], { reject: false, cwd, env: { FORCE_COLOR: '0' } });
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir('mgs-cli-');
  dirs.push(dir);
  await writeTree(dir, files);
  return dir;
}

async function sample(): Promise<string> {
  const dir = await tempDir('mgs-cli-sample-');
  dirs.push(dir);
  await cp(SAMPLE, dir, { recursive: true });
  return dir;
}

async function missing(path: string): Promise<boolean> {
  return stat(path).then(
    () => false,
    () => true,
  );
}

/** Collects a child's output from the start, so nothing printed between two waits is lost. */
function collect(stream: NodeJS.ReadableStream): { waitFor(pattern: RegExp): Promise<RegExpMatchArray>; text(): string } {
  let text = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const match = text.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  stream.on('data', (chunk: Buffer | string) => {
    text += chunk.toString();
    check();
  });
  return {
    waitFor: (pattern) =>
      new Promise((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
    text: () => text,
  };
}

describe('minigame-studio build', () => {
  it('builds the sample game and prints a readable summary (exit 0)', async () => {
    const dir = await sample();
    const result = await cli(['build', dir, '--platform', 'wechat']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Built WeChat Mini Game → /);
    expect(result.stdout).toMatch(/__GAME__\s+main\s+\d+ files\s+[\d.]+ KiB \/ 4\.0 MiB\s+\(\d+ %\)/);
    expect(result.stdout).toMatch(/share\s+independent\s+2 files\s+[\d.]+ KiB \/ 4\.0 MiB/);
    expect(result.stdout).toMatch(/runtime\s+[\d.]+ KiB/);
    expect(result.stdout).toContain('README.md  (not on the upload whitelist)');
    expect(result.stdout).toMatch(/warning\s+FILE_NOT_WHITELISTED/);
    expect(result.stdout).toMatch(/Exit 0: built/);
    await assertWechatAccepts(join(dir, 'build/wechatgame'));
  });

  it('with --json prints only the report on stdout, the same as OUT.report.json', async () => {
    const dir = await sample();
    const result = await cli(['build', dir, '--platform', 'alipay', '--json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.platform).toBe('alipay');
    expect(report.outDir).toBe(join(dir, 'build/alipay'));
    expect(JSON.parse(await readFile(join(dir, 'build/alipay.report.json'), 'utf8'))).toEqual(report);
    expect(result.stderr).toMatch(/built in \d+ ms/);
  });

  it('exits 3 when the main package is over its limit, and 0 with a Remote URL', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': randomBytes(2_200_000), 'images/b.png': randomBytes(2_200_000) });
    const over = await cli(['build', dir, '--platform', 'wechat', '--json']);
    expect(over.exitCode).toBe(3);
    expect((JSON.parse(over.stdout) as Report).problems.map((p) => p.code)).toContain('MAIN_PACKAGE_TOO_LARGE');
    const remote = await cli(['build', dir, '--platform', 'wechat', '--remote-url', 'https://cdn.example.com/', '--md5-cache']);
    expect(remote.exitCode).toBe(0);
    expect(remote.stdout).toMatch(/remote\s+2 files\s+4\.2 MiB in /);
    await assertWechatAccepts(join(dir, 'build/wechatgame'));
  });

  it('exits 2 with a hint on a usage error, printing nothing on stdout', async () => {
    for (const args of [['build', '--platform', 'douyin'], ['build', '--frobnicate'], ['bake']]) {
      const result = await cli(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: .+\nRun "minigame-studio --help"/);
    }
  });

  it('report writes nothing', async () => {
    const dir = await sample();
    const result = await cli(['report', dir, '--platform', 'wechat', '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as Report).packages.map((p) => p.name)).toEqual(['__GAME__', 'stage1', 'share']);
    expect(await missing(join(dir, 'build'))).toBe(true);
  });
});

describe('bad input: a message naming the path or field, exit 1, nothing written', () => {
  const game = { 'game.js': 'go();\n', 'game.json': '{}' };
  const sub = (subpackages: unknown, extra: Record<string, string> = {}) => ({
    ...game,
    'minigame-studio.json': JSON.stringify({ subpackages }),
    ...extra,
  });
  const cases: [string, Record<string, string>, RegExp, string[]?][] = [
    ['a folder without an entry', { 'game.json': '{}' }, /ENTRY_MISSING .*game\.js/],
    ['minigame-studio.json that is not JSON', { ...game, 'minigame-studio.json': '{ nope' }, /minigame-studio\.json is not valid JSON/],
    ['minigame-studio.json with a wrong type', { ...game, 'minigame-studio.json': '{"md5Cache":"yes"}' }, /"md5Cache" must be/],
    ['an invalid game.json', { 'game.js': 'go();\n', 'game.json': '{ "deviceOrientation": ' }, /game\.json is not valid JSON/],
    ['a missing subpackage root', sub([{ name: 'lvl', root: 'levels/' }]), /SUBPACKAGE_ROOT_MISSING .*levels\//],
    [
      'a duplicated subpackage root',
      sub([{ name: 'a', root: 'lvl/' }, { name: 'b', root: 'lvl' }], { 'lvl/game.js': '' }),
      /SUBPACKAGE_DUPLICATE .*lvl\//,
    ],
    [
      'a nested subpackage root',
      sub([{ name: 'a', root: 'lvl/' }, { name: 'b', root: 'lvl/inner/' }], { 'lvl/game.js': '', 'lvl/inner/game.js': '' }),
      /SUBPACKAGE_NESTED .*lvl\/inner\//,
    ],
    ['a reserved subpackage name', sub([{ name: '__GAME__', root: 'lvl/' }], { 'lvl/game.js': '' }), /SUBPACKAGE_RESERVED_NAME .*__GAME__/],
    [
      'the open data context inside a subpackage',
      {
        ...game,
        'lvl/game.js': '',
        'lvl/odc/index.js': '',
        'minigame-studio.json': JSON.stringify({ subpackages: [{ name: 'lvl', root: 'lvl/' }], openDataContext: 'lvl/odc/' }),
      },
      /OPEN_DATA_CONTEXT_IN_SUBPACKAGE .*lvl\/odc\//,
    ],
    ['an output folder inside the source but outside build/', game, /OUTPUT_INSIDE_SOURCE .*dist/, ['--out', 'dist']],
  ];

  it.each(cases)('%s', async (_name, files, message, extra = []) => {
    const dir = await project(files);
    const result = await cli(['build', dir, '--platform', 'wechat', ...extra], dir);
    expect(result.exitCode).toBe(1);
    expect(`${result.stdout}\n${result.stderr}`).toMatch(message);
    expect(await missing(join(dir, 'build'))).toBe(true);
    expect(await missing(join(dir, 'dist'))).toBe(true);
  });

  it('with --json, the report on stdout names the problem', async () => {
    const dir = await project({ 'game.json': '{}' });
    const result = await cli(['build', dir, '--platform', 'wechat', '--json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'ENTRY_MISSING', severity: 'error' }));
    expect(await missing(join(dir, 'build'))).toBe(true);
  });

  it('a missing folder', async () => {
    const dir = await project({});
    const result = await cli(['build', join(dir, 'nope'), '--platform', 'wechat']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(join(dir, 'nope'));
    expect(await missing(join(dir, 'nope'))).toBe(true);
  });

  it('a full disk (a small tmpfs): the previous output is untouched', async (context) => {
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': randomBytes(20_000) });
    const disk = join(dir, '..', `${dir.split('/').pop()}-disk`);
    await mkdir(disk);
    const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk], { reject: false });
    if (mounted.exitCode !== 0) {
      await rm(disk, { recursive: true });
      context.skip(); // mounting needs privileges this machine does not give
    }
    try {
      const out = join(disk, 'wechatgame');
      expect((await cli(['build', dir, '--platform', 'wechat', '--out', out])).exitCode).toBe(0);
      const before = await readTree(disk);
      await writeTree(dir, { 'images/b.png': randomBytes(400_000) });
      const result = await cli(['build', dir, '--platform', 'wechat', '--out', out]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`error: The disk is full while writing ${disk}/.+; free space and build again; the previous output is untouched`));
      expect(await readTree(disk)).toEqual(before);
    } finally {
      await execa('umount', [disk], { reject: false });
      await rm(disk, { recursive: true, force: true });
    }
  });
});

describe('minigame-studio build --watch', () => {
  /** `build DIR --watch` until `steps` are done, then Ctrl+C: its exit code. */
  async function whileWatching(dir: string, steps: (stderr: ReturnType<typeof collect>) => Promise<void>): Promise<number | undefined> {
    const child: ResultPromise = execa('node', [BIN, 'build', dir, '--platform', 'wechat', '--watch'], { reject: false });
    const stderr = collect(child.stderr as NodeJS.ReadableStream);
    try {
      await stderr.waitFor(/Watching /);
      await steps(stderr);
      child.kill('SIGINT');
      return (await child).exitCode;
    } finally {
      child.kill('SIGKILL');
    }
  }

  it('rebuilds on a change and prints one line per rebuild', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': 'a' });
    const exitCode = await whileWatching(dir, async (stderr) => {
      await writeTree(dir, { 'images/b.png': 'bb' });
      await stderr.waitFor(/\] built in \d+ ms.*\n(?:.|\n)*\] built in \d+ ms/);
      expect((await readTree(join(dir, 'build/wechatgame'))).get('images/b.png')?.toString()).toBe('bb');
    });
    expect(exitCode).toBe(0);
  });

  it('tells a project file saved with an error, builds nothing from it, and rebuilds once it is fixed', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'images/a.png': 'a' });
    const exitCode = await whileWatching(dir, async (stderr) => {
      await writeTree(dir, { 'minigame-studio.json': '{"md5Cache":"yes"}' });
      await stderr.waitFor(/"md5Cache" must be/);
      expect(stderr.text().match(/\] built in/g)).toHaveLength(1);
      await writeTree(dir, { 'minigame-studio.json': '{"md5Cache":true}', 'images/b.png': 'bb' });
      await stderr.waitFor(/"md5Cache" must be(?:.|\n)*\] built in \d+ ms/);
      const out = await readTree(join(dir, 'build/wechatgame'));
      expect([...out.keys()].some((path) => /^images\/b\.[0-9a-f]{10}\.png$/.test(path))).toBe(true);
    });
    expect(exitCode).toBe(0);
  });

  it('a project that cannot be read at the start is an error naming the file, as for build', async () => {
    const dir = await project({ 'game.js': 'go();\n', 'minigame-studio.json': '{ nope' });
    const result = await execa('node', [BIN, 'build', dir, '--platform', 'wechat', '--watch'], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/minigame-studio\.json is not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('minigame-studio serve-remote', () => {
  it('builds with its own Remote URL and serves OUT-res read-only', async () => {
    const dir = await sample();
    const child: ResultPromise = execa('node', [BIN, 'serve-remote', dir, '--port', '0'], { reject: false });
    const stdout = collect(child.stdout as NodeJS.ReadableStream);
    try {
      const [, url] = await stdout.waitFor(/Serving .* at (http:\/\/[\d.]+:\d+\/)/);
      expect(stdout.text()).toContain('不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书');
      const manifest = await readFile(join(dir, 'build/wechatgame/minigame-studio/manifest.js'), 'utf8');
      expect(manifest).toContain(`"remoteUrl": "${url}"`);
      const image = await fetch(`${url}images/sky.png`);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).equals(await readFile(join(dir, 'images/sky.png')))).toBe(true);
      expect((await fetch(String(url))).status).toBe(404);
      child.kill('SIGINT');
      await child;
    } finally {
      child.kill('SIGKILL');
    }
  });
});
