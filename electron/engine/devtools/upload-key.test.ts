import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadKeyProblem } from './upload-key.js';

const APPID = 'wx0123456789abcdef';
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'upload-key-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the upload key, checked when it is used', () => {
  it('a key file that is there and readable is fine', async () => {
    const key = join(root, `private.${APPID}.key`);
    await writeFile(key, '-----BEGIN RSA PRIVATE KEY-----\n…\n');
    expect(await uploadKeyProblem(key, 'wechat', APPID, 'preferences')).toBeNull();
  });

  it('a missing file names the path, the AppID, where it was set and where to get a key', async () => {
    const key = join(root, 'moved', `private.${APPID}.key`);
    const message = await uploadKeyProblem(key, 'wechat', APPID, 'preferences');
    expect(message).toContain(key);
    expect(message).toContain(APPID);
    expect(message).toContain('does not exist');
    expect(message).toContain('Preferences → Upload key');
    expect(message).toContain('mp.weixin.qq.com → 开发 → 开发设置 → 小程序代码上传');
  });

  it('given on the command line, it says which flag to give it with', async () => {
    expect(await uploadKeyProblem(join(root, 'none.key'), 'wechat', APPID, 'flag')).toContain('--private-key FILE');
    expect(await uploadKeyProblem(join(root, 'none.json'), 'alipay', '2021000000000000', 'flag')).toContain('--identity-key-path FILE');
  });

  it('a folder is not a key file', async () => {
    const folder = join(root, 'keys');
    await mkdir(folder);
    expect(await uploadKeyProblem(folder, 'wechat', APPID, 'preferences')).toContain('is not a file');
  });

  it.skipIf(process.getuid?.() === 0)('a file this user may not read says so (skipped as root, who reads everything)', async () => {
    const key = join(root, 'locked.key');
    await writeFile(key, 'x');
    await chmod(key, 0o000);
    expect(await uploadKeyProblem(key, 'wechat', APPID, 'preferences')).toMatch(/can't be read/);
  });

  it('an Alipay identity key must be minidev JSON with alipay.authentication.toolId and .privateKey', async () => {
    const id = '2021000000000000';
    const write = async (name: string, text: string) => {
      const path = join(root, name);
      await writeFile(path, text);
      return path;
    };
    expect(await uploadKeyProblem(await write('notjson.json', 'not json'), 'alipay', id, 'preferences')).toContain('is not JSON');
    expect(await uploadKeyProblem(await write('nofield.json', '{"toolId":"T","privateKey":"K"}'), 'alipay', id, 'preferences')).toContain('no alipay.authentication field');
    expect(await uploadKeyProblem(await write('half.json', '{"alipay":{"authentication":{"toolId":"T"}}}'), 'alipay', id, 'preferences')).toContain('lacks alipay.authentication.toolId or .privateKey');
    expect(await uploadKeyProblem(await write('ok.json', '{"alipay":{"authentication":{"toolId":"T","privateKey":"K"}}}'), 'alipay', id, 'preferences')).toBeNull();
  });
});
