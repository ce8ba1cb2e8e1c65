import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { installFakeMinidev, installFakeMinidevPackage, installFakeWechatDevtools, readFakeCalls, setFakeConfig, type FakeScenario } from './fixtures/fake-tools.js';
import { renderQrPng } from './qr.js';
import { nodeHost, type Host } from './host.js';
import { runDeveloperTool, type RunToolOptions } from './run-tool.js';
import { stateDirFor } from '../output/locations.js';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'sample-game');
const APPID = 'wx0123456789abcdef';

let root: string;
let project: string;
let OUT: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'run-tool-'));
  project = join(root, '我的 游戏');
  await cp(SAMPLE, project, { recursive: true });
  OUT = join(project, 'build', 'wechatgame');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const linux = (env: Record<string, string> = { PATH: '' }): Host => ({ ...nodeHost(), os: 'linux', env });

async function fakeWechat(scenario: FakeScenario = 'success', shape: Parameters<typeof installFakeWechatDevtools>[1] = 'install-folder') {
  return installFakeWechatDevtools(join(root, `tools ${++n}`, '微信 开发者工具'), shape, scenario);
}

function run(options: Partial<RunToolOptions> & Pick<RunToolOptions, 'action'>) {
  const log: string[] = [];
  const result = runDeveloperTool({
    platform: 'wechat',
    projectDir: project,
    host: linux(),
    onLine: (line, stream) => log.push(`${stream}: ${line}`),
    ...options,
  });
  return { log, result };
}

describe('WeChat DevTools through the fake cli', () => {
  it('Play builds first when there is no build, then opens OUT; a second Play does not rebuild', async () => {
    const fake = await fakeWechat('success', 'mac-app');
    const first = run({ action: 'play', toolPath: fake.preference, host: { ...linux(), os: 'darwin' } });
    expect(await first.result).toMatchObject({ ok: true, failure: null, message: `Opened ${OUT} in WeChat DevTools.` });
    expect(first.log).toContain('studio: Building first: there is no build yet…');
    expect(first.log).toContain('stdout: ✔ open');
    expect(await readFakeCalls(fake.record)).toEqual([{ tool: fake.cli, argv: ['open', '--project', OUT], cwd: OUT, pid: expect.any(Number) }]);

    const builtAt = (await stat(`${OUT}.report.json`)).mtimeMs;
    const second = run({ action: 'play', toolPath: fake.preference, host: { ...linux(), os: 'darwin' } });
    expect((await second.result).ok).toBe(true);
    expect(second.log).toContain(`studio: The build in ${OUT} is up to date.`);
    expect((await stat(`${OUT}.report.json`)).mtimeMs).toBe(builtAt);
  });

  it('rebuilds when a source file is newer than the last build', async () => {
    const fake = await fakeWechat();
    await run({ action: 'play', toolPath: fake.preference }).result;
    const later = new Date(Date.now() + 60_000);
    await utimes(join(project, 'levels.js'), later, later);
    const again = run({ action: 'play', toolPath: fake.preference });
    expect((await again.result).ok).toBe(true);
    expect(again.log).toContain('studio: Building first: levels.js changed…');
  });

  it('Preview passes the QR and info paths, shows the QR image, and puts the reported sizes in the report', async () => {
    const fake = await fakeWechat();
    // Files of the user's at the names beside OUT that earlier versions wrote: never touched.
    await mkdir(dirname(OUT), { recursive: true });
    await writeFile(`${OUT}.preview-qr.png`, 'mine');
    await writeFile(`${OUT}.preview-info.json`, 'mine too');
    const qrs: string[] = [];
    const { result } = run({ action: 'preview', toolPath: fake.preference, overrides: { appid: APPID }, onQr: (qr) => qrs.push(qr.path) });
    const done = await result;
    expect(done).toMatchObject({ ok: true, qrPath: join(stateDirFor(OUT), 'preview-qr.png') });
    expect(await readFile(`${OUT}.preview-qr.png`, 'utf8')).toBe('mine');
    expect(await readFile(`${OUT}.preview-info.json`, 'utf8')).toBe('mine too');
    expect(done.qrDataUrl).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(qrs).toEqual([join(stateDirFor(OUT), 'preview-qr.png')]);
    expect(done.message).toContain(join(stateDirFor(OUT), 'preview-qr.png'));
    const [call] = await readFakeCalls(fake.record);
    expect(call?.argv).toEqual(['preview', '--project', OUT, '--qr-format', 'image', '--qr-output', join(stateDirFor(OUT), 'preview-qr.png'), '--info-output', join(stateDirFor(OUT), 'preview-info.json')]);

    const info = JSON.parse(await readFile(join(stateDirFor(OUT), 'preview-info.json'), 'utf8')) as { size: { packages: { name: string; size: number }[] } };
    // DevTools reports KB; the report holds bytes.
    const told = new Map(info.size.packages.map((p) => [p.name, Math.round(p.size * 1024)]));
    expect(done.report?.sizesAre).toBe('reported');
    expect(done.report?.packages.map((p) => [p.name, p.reportedBytes])).toEqual([
      ['__GAME__', told.get('__GAME__')],
      ['stage1', told.get('stage1')],
      ['share', told.get('share')],
    ]);
    expect(done.reportedSizes?.totalBytes).toBe(told.get('__FULL__'));
  });

  it('Preview shows a JPEG QR (as miniprogram-ci writes it) as a JPEG', async () => {
    const fake = await fakeWechat('jpeg-qr');
    const done = await run({ action: 'preview', toolPath: fake.preference, overrides: { appid: APPID } }).result;
    expect(done).toMatchObject({ ok: true, failure: null });
    expect(done.qrDataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect(Buffer.from(done.qrDataUrl!.split(',')[1]!, 'base64')).toEqual(await readFile(done.qrPath!));
  });

  it('Upload passes version and description (spaces, Chinese, shell characters) as single elements', async () => {
    const fake = await fakeWechat();
    const done = await run({ action: 'upload', toolPath: fake.preference, overrides: { appid: APPID }, version: '1.0.3', description: 'Boss 关卡 & $HOME; `ls`' }).result;
    expect(done).toMatchObject({ ok: true, message: 'Uploaded version 1.0.3 as a development version.' });
    expect((await readFakeCalls(fake.record))[0]?.argv).toEqual(['upload', '--project', OUT, '-v', '1.0.3', '-d', 'Boss 关卡 & $HOME; `ls`', '--info-output', join(stateDirFor(OUT), 'upload-info.json')]);
    expect(done.report?.sizesAre).toBe('reported');
  });

  it('Login asks for the QR image and hands it over', async () => {
    const fake = await fakeWechat();
    const done = await run({ action: 'login', toolPath: fake.preference }).result;
    expect(done.ok).toBe(true);
    expect(done.qrDataUrl).toMatch(/^data:image\/png/);
    const argv = (await readFakeCalls(fake.record))[0]?.argv ?? [];
    expect(argv.slice(0, 4)).toEqual(['login', '--qr-format', 'image', '--qr-output']);
    expect(argv[4]).toMatch(/minigame-studio-wechat-login-qr\.png$/);
  });
});

describe('the exact argv for each install shape and action', () => {
  const shapes = [
    ['install-folder', 'linux'],
    ['mac-app', 'darwin'],
    ['mac-app-old', 'darwin'],
    ['cli', 'linux'],
  ] as const;
  for (const [shape, os] of shapes) {
    it(`${shape} (${os}): play, preview, upload`, async () => {
      const fake = await fakeWechat('success', shape);
      const host = { ...linux(), os };
      const OUT = join(root, `built ${shape}`, '小 游戏');
      await mkdir(OUT, { recursive: true });
      const common = { toolPath: fake.preference, host, outDir: OUT, appid: APPID, projectDir: undefined, version: '2.0.0', description: '新 关卡' };
      for (const action of ['play', 'preview', 'upload'] as const) expect((await run({ action, ...common }).result).ok).toBe(true);
      const calls = await readFakeCalls(fake.record);
      expect(calls.map((c) => [c.tool, c.cwd])).toEqual([[fake.cli, OUT], [fake.cli, OUT], [fake.cli, OUT]]);
      expect(calls.map((c) => c.argv)).toEqual([
        ['open', '--project', OUT],
        ['preview', '--project', OUT, '--qr-format', 'image', '--qr-output', join(stateDirFor(OUT), 'preview-qr.png'), '--info-output', join(stateDirFor(OUT), 'preview-info.json')],
        ['upload', '--project', OUT, '-v', '2.0.0', '-d', '新 关卡', '--info-output', join(stateDirFor(OUT), 'upload-info.json')],
      ]);
    });
  }
});

describe('failures, each with its own kind and way out', () => {
  const cases: [FakeScenario, string, RegExp][] = [
    ['port-closed', 'port-closed', /Settings → Security → Service port \(设置 → 安全设置 → 服务端口\)/],
    ['not-logged-in', 'not-logged-in', /not logged in\. Click Log in and scan the QR code with WeChat/],
    ['crash', 'exit', /failed \(exit code 3\)\.\nLast lines:\n.*\n?.*compile failed: game\.js line 3/],
    ['no-qr', 'exit', /finished but gave no QR code/],
    ['starting', 'tool-starting', /still starting.*\n?.*try again, or run `.*cli quit`/],
    ['already-started', 'tool-starting', /still starting.*\n?.*try again, or run `.*cli quit`/],
  ];
  for (const [scenario, failure, message] of cases) {
    it(`${scenario} → ${failure}`, async () => {
      const fake = await fakeWechat(scenario);
      const done = await run({ action: 'preview', toolPath: fake.preference, outDir: OUT, appid: APPID, projectDir: undefined }).result;
      expect(done).toMatchObject({ ok: false, failure });
      expect(done.message).toMatch(message);
      expect(done.lastLines.length).toBeGreaterThan(0);
    });
  }

  it('a hang ends at the timeout, with the advice to answer the tool', async () => {
    const fake = await fakeWechat('hang');
    const done = await run({ action: 'play', toolPath: fake.preference, outDir: OUT, projectDir: undefined, timeoutMs: 1500 }).result;
    expect(done).toMatchObject({ ok: false, failure: 'timeout' });
    expect(done.message).toMatch(/did not finish within 2 s and was stopped/);
    await expectGone(fake.record, fake.cli);
  });

  it('cancel kills the hanging tool', async () => {
    const fake = await fakeWechat('hang');
    const controller = new AbortController();
    const done = await runDeveloperTool({
      action: 'play', platform: 'wechat', toolPath: fake.preference, outDir: OUT, host: linux(), signal: controller.signal,
      onLine: (line) => { if (line === 'Starting…') controller.abort(); },
    });
    expect(done).toMatchObject({ ok: false, failure: 'cancelled', message: 'Cancelled: WeChat DevTools was stopped.' });
    await expectGone(fake.record, fake.cli);
  });

  it('no path set and nothing installed → no-path, pointing at Preferences', async () => {
    const done = await run({ action: 'play', host: linux() }).result;
    expect(done).toMatchObject({ ok: false, failure: 'no-path' });
    expect(done.message).toMatch(/Preferences/);
  });

  it('a path with no cli → not-found; a cli without the x bit → not-executable', async () => {
    await mkdir(join(root, 'empty'), { recursive: true });
    expect((await run({ action: 'play', toolPath: join(root, 'empty') }).result).failure).toBe('not-found');
    const fake = await fakeWechat();
    await chmod(fake.cli, 0o644);
    const done = await run({ action: 'play', toolPath: fake.preference }).result;
    expect(done.failure).toBe('not-executable');
    expect(await readFakeCalls(fake.record)).toEqual([]);
  });

  it("preview with the sample's dummy AppID → no-appid, pointing at the Build panel, and the tool is not run", async () => {
    const fake = await fakeWechat();
    const done = await run({ action: 'preview', toolPath: fake.preference }).result;
    expect(done.failure).toBe('no-appid');
    expect(done.message).toMatch(/"wx0000000000000000" is not one\. Set it in the Build panel/);
    expect(await readFakeCalls(fake.record)).toEqual([]);
  });

  it('a project that cannot be built → build-failed with its problems, and the tool is not run', async () => {
    const broken = join(root, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'game.json'), '{}');
    const fake = await fakeWechat();
    const done = await run({ action: 'play', projectDir: broken, toolPath: fake.preference }).result;
    expect(done.failure).toBe('build-failed');
    expect(done.message).toMatch(/ENTRY_MISSING/);
    expect(await readFakeCalls(fake.record)).toEqual([]);
  });
});

describe('Alipay through a fake minidev', () => {
  const ALIPAY_OUT = () => join(project, 'build', 'alipay');
  const ALIPAY_APPID = { appid: '2021000000000001' };

  it("Play runs `minidev ide -p OUT --app-path IDE --machine-output` with the project's minidev", async () => {
    const fake = await installFakeMinidev(join(project, 'node_modules', '.bin'));
    const ide = join(root, '小程序开发者工具.app');
    await mkdir(ide, { recursive: true });
    const done = await run({ action: 'play', platform: 'alipay', toolPath: ide }).result;
    expect(done).toMatchObject({ ok: true, message: `Opened ${ALIPAY_OUT()} in Alipay Mini Program Studio.` });
    expect((await readFakeCalls(fake.record))[0]?.argv).toEqual(['ide', '-p', ALIPAY_OUT(), '--app-path', ide, '--machine-output']);
    await rm(join(project, 'node_modules'), { recursive: true });
  });

  it("Preview shows the QR image minidev's server drew, as it is, and Upload passes --game and the description", async () => {
    const image = await QRCode.toBuffer('alipays://platformapi/startapp?appId=2021000000000001&debug=1', { type: 'png' });
    const served = await serveBytes(image);
    try {
      const fake = await installFakeMinidev(join(root, 'bin'));
      await setFakeConfig(fake.cli, { qrImageUrl: served.url });
      const host = linux({ PATH: join(root, 'bin') });
      const preview = await run({ action: 'preview', platform: 'alipay', host, overrides: ALIPAY_APPID }).result;
      expect(preview).toMatchObject({ ok: true, qrPath: join(stateDirFor(ALIPAY_OUT()), 'preview-qr.png') });
      // The image itself, not a new QR that would encode the image's address.
      expect(preview.qrDataUrl).toBe(`data:image/png;base64,${image.toString('base64')}`);
      expect(await readFile(join(stateDirFor(ALIPAY_OUT()), 'preview-qr.png'))).toEqual(image);
      const upload = await run({ action: 'upload', platform: 'alipay', host, overrides: ALIPAY_APPID, version: '0.2.0', description: '第二版 beta' }).result;
      expect(upload.ok).toBe(true);
      expect((await readFakeCalls(fake.record)).map((c) => c.argv)).toEqual([
        ['preview', '-a', '2021000000000001', '-p', ALIPAY_OUT(), '--machine-output'],
        ['upload', '-a', '2021000000000001', '-p', ALIPAY_OUT(), '-v', '0.2.0', '--game', '--version-description', '第二版 beta', '--machine-output'],
      ]);
    } finally {
      await served.close();
    }
  });

  it('Preview encodes the Schema Url as minidev does when the image cannot be had, and never the image URL', async () => {
    const served = await serveBytes(Buffer.from('<html>gone</html>'));
    await served.close();
    const fake = await installFakeMinidev(join(root, 'bin-schema'));
    const schema = 'https://render.alipay.com/p/s/i?scheme=alipays%3A%2F%2Fplatformapi%2Fstartapp%3FappId%3D2021000000000001';
    await setFakeConfig(fake.cli, { qrImageUrl: served.url, qrSchema: schema });
    const host = linux({ PATH: join(root, 'bin-schema') });
    const preview = await run({ action: 'preview', platform: 'alipay', host, overrides: ALIPAY_APPID }).result;
    expect(preview.ok).toBe(true);
    const expected = await renderQrPng('alipays://platformapi/startapp?appId=2021000000000001', join(root, 'expected-qr.png'));
    expect(preview.qrDataUrl).toBe(expected);

    // minidev 2.x gives a deprecation notice where the scheme was: no QR then, and the image's address to open.
    await setFakeConfig(fake.cli, { qrImageUrl: served.url, qrSchema: '' });
    const none = await run({ action: 'preview', platform: 'alipay', host, overrides: ALIPAY_APPID }).result;
    expect(none).toMatchObject({ ok: false, qrDataUrl: null });
    expect(none.message).toContain(served.url);
  });

  const failing: [FakeScenario, 'preview' | 'upload' | 'play', string, RegExp][] = [
    ['not-logged-in', 'upload', 'not-logged-in', /minidev is not logged in/],
    ['network', 'preview', 'network', /could not reach its servers\. Check this computer's internet connection[^]*minidev says: getaddrinfo ENOTFOUND mdn\.alipayobjects\.com/],
    ['ide-not-installed', 'play', 'not-found', /found no Mini Program Studio[^]*minidev says: 未找到已安装的 IDE/],
    ['bad-version', 'upload', 'bad-argument', /minidev says: 不合法的版本号: 1\.0，请保证是 a\.b\.c 的版本号/],
    ['description-too-long', 'upload', 'bad-argument', /minidev says: versionDescription 字段超过最大长度 200/],
  ];
  for (const [scenario, action, failure, message] of failing) {
    it(`minidev's own ${scenario} output (captured from minidev 2.2.5) → ${failure}, with its message and no stack frames`, async () => {
      await installFakeMinidev(join(root, `bin-${scenario}`), scenario);
      const done = await run({ action, platform: 'alipay', host: linux({ PATH: join(root, `bin-${scenario}`) }), overrides: ALIPAY_APPID, version: '1.0.0' }).result;
      expect(done).toMatchObject({ ok: false, failure });
      expect(done.message).toMatch(message);
      expect(done.message).not.toMatch(/\bat .*index\.js:\d+/);
    });
  }

  it('refuses a version that is not a.b.c, or a description of 200 characters, without starting minidev', async () => {
    const fake = await installFakeMinidev(join(root, 'bin-checks'));
    const host = linux({ PATH: join(root, 'bin-checks') });
    const badVersion = await run({ action: 'upload', platform: 'alipay', host, overrides: ALIPAY_APPID, version: '1.0' }).result;
    expect(badVersion).toMatchObject({ ok: false, failure: 'bad-argument', message: expect.stringMatching(/"1\.0".*a\.b\.c/) });
    const longText = await run({ action: 'upload', platform: 'alipay', host, overrides: ALIPAY_APPID, version: '1.0.0', description: 'x'.repeat(200) }).result;
    expect(longText).toMatchObject({ ok: false, failure: 'bad-argument', message: expect.stringMatching(/200 characters long/) });
    expect(await readFakeCalls(fake.record)).toEqual([]);
  });
});

describe('Alipay login through minidev\'s JS API', () => {
  it('shows the QR that minidev.login announces (qrcode-generated), and succeeds once scanned', async () => {
    const content = 'https://qr.alipay.com/login-task-42';
    const cli = await installFakeMinidevPackage(join(root, 'login-pkg'), content);
    const qrs: string[] = [];
    const done = await run({ action: 'login', platform: 'alipay', toolPath: cli, projectDir: undefined, onQr: (qr) => qrs.push(qr.dataUrl) }).result;
    const expected = await renderQrPng(content, join(root, 'expected-login-qr.png'));
    expect(done).toMatchObject({ ok: true, failure: null, qrDataUrl: expected });
    expect(qrs).toEqual([expected]);
  });

  it('with the real minidev 2.2.5, offline: a network failure with its message', async () => {
    const home = await mkdtemp(join(tmpdir(), 'minidev-home-'));
    try {
      const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules', '.bin', 'minidev');
      const done = await run({ action: 'login', platform: 'alipay', toolPath: cli, projectDir: undefined, env: { HOME: home, USERPROFILE: home }, timeoutMs: 120_000 }).result;
      expect(done).toMatchObject({ ok: false, failure: 'network' });
      expect(done.message).toMatch(/minidev says: getaddrinfo (ENOTFOUND|EAI_AGAIN) ideservice\.alipay\.com/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 150_000);

  it('a minidev with no package beside it → the advice to run `minidev login` in a terminal', async () => {
    await installFakeMinidev(join(root, 'bin-login-shim'));
    const done = await run({ action: 'login', platform: 'alipay', host: linux({ PATH: join(root, 'bin-login-shim') }), projectDir: undefined }).result;
    expect(done).toMatchObject({ ok: false });
    expect(done.message).toMatch(/Run `minidev login` in a terminal/);
  });
});

/** A loopback HTTP server answering every request with these bytes. */
async function serveBytes(bytes: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(bytes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mini_assets/preview-qr.png`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The fake recorded its pid: after the run, no such process is left. */
/**
 * The fake tool is not running: not the process it recorded, nor any process started from its cli.
 * (On a busy machine a timeout can stop the tool before its first line ran, leaving no record.)
 */
async function expectGone(record: string, cli: string): Promise<void> {
  for (const call of await readFakeCalls(record)) expect(() => process.kill(call.pid, 0)).toThrow(/ESRCH/);
  expect(await processesStartedFrom(cli)).toEqual([]);
}

/** The pids whose command line names `path` (Linux's /proc). */
async function processesStartedFrom(path: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return pids.filter((_, index) => lines[index]!.split('\0').includes(path)).map(Number);
}
