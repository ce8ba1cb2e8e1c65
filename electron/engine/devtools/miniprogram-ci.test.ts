import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runToolCommand } from '../../cli/tool-command.js';
import { stateDirFor } from '../output/locations.js';
import { CI_MODULE_ENV, ciFailureKind, ciFailureMessage, ciResultIn, runCiJob, type CiResult } from './miniprogram-ci.js';
import { runDeveloperTool } from './run-tool.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SAMPLE = join(HERE, '..', '..', '..', 'resources', 'sample-game');
const APPID = 'wx0123456789abcdef';

let root: string;
let out: string;
let standIn: string;
let captured: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'miniprogram-ci-'));
  out = join(root, 'game out');
  await mkdir(out);
  await writeFile(join(out, 'game.js'), 'console.log("hi");\n');
  await writeFile(join(out, 'game.json'), '{"deviceOrientation":"portrait"}\n');
  await writeFile(join(out, 'project.config.json'), JSON.stringify({ appid: APPID, compileType: 'game', setting: { es6: false, minified: true } }));
  captured = join(root, 'options.json');
  // The studio checks that the key file is there before it starts miniprogram-ci.
  await writeFile(join(root, 'k.key'), '-----BEGIN RSA PRIVATE KEY-----\n');
  // A stand-in for 'miniprogram-ci': records what it was given at the package's boundary.
  standIn = join(root, 'stand-in.cjs');
  await writeFile(standIn, `
const fs = require('node:fs');
class Project { constructor(options) { this.options = options; } }
function record(action, options) {
  fs.writeFileSync(${JSON.stringify(captured)}, JSON.stringify({ ...options, action, project: options.project.options, onProgressUpdate: typeof options.onProgressUpdate }));
}
module.exports = {
  Project,
  async preview(options) {
    record('preview', options);
    fs.writeFileSync(options.qrcodeOutputDest, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3, 4, 0xff, 0xd9]));
    return { subPackageInfo: [{ name: '__FULL__', size: 2048 }, { name: '__GAME__', size: 1024 }] };
  },
  async upload(options) {
    record('upload', options);
    return { subPackageInfo: [{ name: '__FULL__', size: 4096 }, { name: '__GAME__', size: 3072 }] };
  },
};
`);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the real miniprogram-ci, offline, in a child process', () => {
  it('a missing key file is its PARAM_ERROR 10000 (ENOENT), a key failure, with where to download one', async () => {
    const keyPath = join(root, 'no-such-key');
    const ran = await runCiJob({ action: 'preview', appid: APPID, projectPath: out, privateKeyPath: keyPath, ignores: [], setting: {}, qrcodeOutputDest: join(root, 'qr.jpg') }, { timeoutMs: 120_000 });
    expect(ran.result).toMatchObject({ ok: false, code: 10000, message: expect.stringContaining(`ENOENT: no such file or directory, open '${keyPath}'`) });
    const failed = ran.result as Extract<CiResult, { ok: false }>;
    expect(ciFailureKind(failed)).toBe('key');
    const message = ciFailureMessage('key', failed, keyPath);
    expect(message).toContain('mp.weixin.qq.com → 开发 → 开发设置');
    expect(message).toContain('code 10000');
  });

  it('through the studio, the missing key is said before miniprogram-ci starts, naming the path and the flag', async () => {
    const result = await runDeveloperTool({ action: 'preview', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: join(root, 'no-such-key') });
    expect(result.failure).toBe('key');
    expect(result.message).toContain(join(root, 'no-such-key'));
    expect(result.message).toContain('--private-key FILE');
  });

  it('reports no network as a network failure (servicewechat.com unreachable)', async () => {
    const key = join(root, 'key.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    await writeFile(key, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const result = await runDeveloperTool({ action: 'upload', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: key, version: '1.0.0', description: 'd' });
    expect(result.failure).toBe('network');
    expect(result.message).toContain('servicewechat.com');
  });
});

describe('the real miniprogram-ci with WeChat stood in for at its request() (fixtures/miniprogram-ci/stub-network.cjs)', () => {
  const withServer = (answers: Record<string, unknown>) => ({
    NODE_OPTIONS: `--require ${JSON.stringify(join(HERE, 'fixtures', 'miniprogram-ci', 'stub-network.cjs'))}`,
    STUB_CI_ANSWERS: JSON.stringify(answers),
  });

  it('a malformed key, once the server has answered, is its 20002: a key failure that says the key is not valid', async () => {
    const key = join(root, 'malformed.key');
    await writeFile(key, 'not a key\n');
    const result = await runDeveloperTool({
      action: 'preview', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: key,
      env: withServer({ '/wxa/ci/getrandstr': { errCode: 0, data: { randomString: '0123456789abcdef' } } }),
    });
    expect(result.failure).toBe('key');
    expect(result.message).toContain(`The upload key ${key} is not a valid key`);
    expect(result.message).toContain('code 20002');
    expect(result.message).toContain('generate local signature fail');
  });

  it("WeChat's refusal of this machine's IP (errCode -10008, wrapped by the package under 20001) says to add it to the whitelist", async () => {
    const key = join(root, 'good.key');
    const { generateKeyPairSync } = await import('node:crypto');
    await writeFile(key, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const result = await runDeveloperTool({
      action: 'preview', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: key,
      env: withServer({ '/wxa/ci/getrandstr': { errCode: -10008, errMsg: 'invalid ip: 203.0.113.7, reference: https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html' } }),
    });
    expect(result.failure).toBe('key');
    expect(result.message).toContain("WeChat refused this machine's IP address: it is not on the upload IP whitelist");
    expect(result.message).toContain('IP白名单');
    expect(result.message).toContain('code 20001');
  });

  it('an upload without a version is refused by the package itself, offline: a bad-argument failure', async () => {
    const result = await runDeveloperTool({ action: 'upload', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: join(root, 'k.key') });
    expect(result.failure).toBe('bad-argument');
    expect(result.message).toContain('function: "upload" lack of parameter: "version"');
    expect(result.message).toContain('give a version like 1.0.0');
  });
});

describe('captured fixtures of miniprogram-ci 2.1.42 (capture.sh)', () => {
  it.each([
    ['missing-key', 10000, 'key'],
    ['missing-version', 10000, 'bad-argument'],
    ['offline', 20001, 'network'],
    ['malformed-key', 20002, 'key'],
    ['ip-whitelist', 20001, 'key'],
  ] as const)('%s: code %s is a %s failure', async (name, code, kind) => {
    const line = (await readFile(join(HERE, 'fixtures', 'miniprogram-ci', `${name}.stdout.txt`), 'utf8')).trim().split('\n').at(-1) ?? '';
    const result = ciResultIn([line]);
    expect(result).toMatchObject({ ok: false, code });
    expect(ciFailureKind(result as Extract<CiResult, { ok: false }>)).toBe(kind);
  });
});

describe('the options the studio passes to miniprogram-ci', () => {
  it('upload: appid, miniGame, OUT, ignores, setting, version, desc, robot; sizes come back', async () => {
    vi.stubEnv(CI_MODULE_ENV, standIn);
    const result = await runDeveloperTool({ action: 'upload', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: join(root, 'k.key'), version: '1.2.3', description: 'new level', robot: 7 });
    expect(result.ok).toBe(true);
    const got = JSON.parse(await readFile(captured, 'utf8'));
    expect(got.project).toEqual({ appid: APPID, type: 'miniGame', projectPath: out, privateKeyPath: join(root, 'k.key'), ignores: expect.arrayContaining(['node_modules/**/*']) });
    expect(got).toMatchObject({ action: 'upload', version: '1.2.3', desc: 'new level', robot: 7, setting: { es6: false, minified: true } });
    expect(result.reportedSizes).toEqual({ totalBytes: 4096, packages: [{ name: expect.any(String), bytes: 3072 }] });
  });

  it('preview: the JPEG QR lands in the studio folder beside OUT and is shown', async () => {
    vi.stubEnv(CI_MODULE_ENV, standIn);
    const result = await runDeveloperTool({ action: 'preview', platform: 'wechat', outDir: out, appid: APPID, privateKeyPath: join(root, 'k.key'), version: '1.2.4', description: 'try this', robot: 2 });
    expect(result.ok).toBe(true);
    const got = JSON.parse(await readFile(captured, 'utf8'));
    expect(got.project).toEqual({ appid: APPID, type: 'miniGame', projectPath: out, privateKeyPath: join(root, 'k.key'), ignores: expect.arrayContaining(['node_modules/**/*']) });
    expect(got).toMatchObject({ action: 'preview', qrcodeFormat: 'image', version: '1.2.4', desc: 'try this', robot: 2, setting: { es6: false, minified: true } });
    expect(dirname(got.qrcodeOutputDest)).toBe(stateDirFor(out));
    expect(result.qrPath).toBe(got.qrcodeOutputDest);
    expect(result.qrDataUrl).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('the CLI with --private-key uploads with no DevTools anywhere', async () => {
    vi.stubEnv(CI_MODULE_ENV, standIn);
    const project = join(root, 'project');
    await cp(SAMPLE, project, { recursive: true });
    await writeFile(join(project, 'minigame-studio.json'), JSON.stringify({ wechat: { appid: APPID } }));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const said: string[] = [];
    stdout.on('data', (b) => said.push(String(b)));
    stderr.on('data', (b) => said.push(String(b)));
    const code = await runToolCommand('upload', { dir: project, platform: 'wechat', privateKey: join(root, 'k.key'), version: '2.0.0', tool: join(root, 'no-devtools-here') }, { stdout, stderr }, {});
    expect(said.join('')).toContain('miniprogram-ci');
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(captured, 'utf8'))).toMatchObject({ action: 'upload', version: '2.0.0' });
  });
});
