/**
 * Alipay without a login: minidev 2.2.5 with --identity-key-path. Its real output for each way the
 * key can be wrong (fixtures/minidev/upload-identity-*, made by capture.sh) maps to a failure kind,
 * and the real package, run offline in a child process, is refused the same way.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyRun, failureMessage, type RunOutcome } from './failures.js';
import { MINIDEV_FIXTURES } from './fixtures/fake-tools.js';
import { runDeveloperTool } from './run-tool.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..', '..');
const APPID = '2021000000000000';

async function captured(name: string): Promise<RunOutcome> {
  const [stdout, stderr, exit] = await Promise.all(['stdout', 'stderr', 'exit'].map((ext) => readFile(join(MINIDEV_FIXTURES, `${name}.${ext}`), 'utf8')));
  return { exitCode: Number(exit), timedOut: false, cancelled: false, startError: null, seen: null, lines: `${stdout}\n${stderr}`.split('\n').filter(Boolean), timeoutMs: 1 };
}

describe("minidev's real answers to a bad identity key", () => {
  it.each([
    ['upload-identity-missing', 'key', /找不到授权信息文件/],
    ['upload-identity-not-json', 'key', /不是有效的 JSON 文件/],
    ['upload-identity-no-field', 'key', /没有 alipay\.authentication 字段/],
    ['upload-identity-malformed', 'key', /DECODER routines::unsupported/],
    ['upload-identity-offline', 'network', /getaddrinfo ENOTFOUND ideservice\.alipay\.com/],
    // Preview fetches its build tools before it reads the key: offline, a missing key looks like no network.
    ['preview-identity-missing', 'network', /ENOTFOUND mdn\.alipayobjects\.com/],
  ] as const)('%s is a %s failure, with minidev’s own words and no stack frames', async (name, kind, words) => {
    const outcome = await captured(name);
    expect(classifyRun('alipay', outcome)).toBe(kind);
    const message = failureMessage(kind, { platform: 'alipay', action: 'upload', cli: 'minidev', outcome, keyPath: '/keys/identity.json' });
    expect(message).toMatch(words);
    expect(message).not.toMatch(/\n\s+at /);
    if (kind === 'key') expect(message).toContain('{"alipay":{"authentication":{"toolId":"…","privateKey":"…"}}}');
  });
});

describe('the real minidev 2.2.5 with an identity key, offline', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'minidev-identity-'));
    out = join(root, 'out');
    await cp(join(REPO, 'resources', 'sample-game'), out, { recursive: true, filter: (src) => !src.includes('/build') });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const run = (identityKeyPath: string) =>
    runDeveloperTool({
      action: 'upload',
      platform: 'alipay',
      outDir: out,
      appid: APPID,
      version: '1.0.0',
      description: 'test',
      identityKeyPath,
      toolPath: join(REPO, 'node_modules', '.bin', 'minidev'),
      // minidev keeps its login in HOME: an empty one, so nothing of this machine's is used.
      env: { HOME: root, USERPROFILE: root },
      timeoutMs: 180_000,
    });

  it('a privateKey that is not a key is a key failure (Node refuses to sign with it)', async () => {
    const key = join(root, 'malformed.json');
    await writeFile(key, JSON.stringify({ alipay: { authentication: { toolId: '2021004100000000', privateKey: 'not a key' } } }));
    const result = await run(key);
    expect(result.failure).toBe('key');
    expect(result.message).toContain(key);
    expect(result.message).toContain('DECODER routines');
  });

  it('a real key with no network is a network failure naming its server', async () => {
    const key = join(root, 'good.json');
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(key, JSON.stringify({ alipay: { authentication: { toolId: '2021004100000000', privateKey } } }));
    const result = await run(key);
    expect(result.failure).toBe('network');
    expect(result.message).toContain('ENOTFOUND ideservice.alipay.com');
  });
});
