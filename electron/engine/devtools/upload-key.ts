/**
 * The upload key a headless Preview or Upload is given, checked when it is used: the studio keeps
 * only its path (Preferences, per AppID, or a flag), never a copy, so the file may have moved or
 * lost its permissions since. A key that is not there is said before any tool starts, naming the
 * path and what to do, instead of surfacing later as the tool's own error (minidev's preview even
 * tries its network first and hides a missing key behind ENOTFOUND).
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import type { Platform } from '../../../shared/platforms.js';

/** Where the key path came from: said in the message, so the user knows what to change. */
export type KeySource = 'preferences' | 'flag';

/** Where each platform's key comes from (also in docs/developer-tools.md). */
export const KEY_DOWNLOAD: Readonly<Record<Platform, string>> = {
  wechat: 'download the upload key (代码上传密钥) at mp.weixin.qq.com → 开发 → 开发设置 → 小程序代码上传',
  alipay:
    'create a tool key (tool ID and private key) on the Alipay Open Platform (open.alipay.com) and save it as a JSON file ' +
    '{"alipay":{"authentication":{"toolId":"…","privateKey":"…"}}}, the identity key minidev reads',
};

const WHERE_TO_SET: Readonly<Record<KeySource, Record<Platform, string>>> = {
  preferences: {
    wechat: 'choose it again in Preferences → Upload key',
    alipay: 'choose it again in Preferences → Upload key',
  },
  flag: { wechat: 'give it with --private-key FILE', alipay: 'give it with --identity-key-path FILE' },
};

/** Null when the key file can be used; else the message saying what is wrong and what to do. */
export async function uploadKeyProblem(path: string, platform: Platform, appid: string, source: KeySource): Promise<string | null> {
  const whose = `The upload key for ${appid || 'this game'} (${source === 'preferences' ? 'set in Preferences' : 'given on the command line'}), ${path},`;
  const fix = `${KEY_DOWNLOAD[platform]}, then ${WHERE_TO_SET[source][platform]}.`;
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    return info.code === 'ENOENT' || info.code === 'ENOTDIR'
      ? `${whose} does not exist. Put the key file back there, or ${fix}`
      : `${whose} can't be read (${info.code ?? info.message}). Check the file's permissions, or ${fix}`;
  }
  if (!info.isFile()) return `${whose} is not a file. Choose the key file itself: ${fix}`;
  const readable = await access(path, constants.R_OK).then(() => true, () => false);
  if (!readable) return `${whose} can't be read by this user. Allow reading it (chmod u+r), or ${fix}`;
  if (platform === 'alipay') return identityKeyProblem(path, whose, fix);
  return null;
}

/**
 * minidev's identity key is JSON with `alipay.authentication` (its resolveConfigFromPath and
 * injectRuntimeConfig). Checked here because minidev's preview downloads its build tools before it
 * reads the key: offline, a wrong file would only ever show as a network error.
 */
async function identityKeyProblem(path: string, whose: string, fix: string): Promise<string | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return `${whose} is not JSON, so minidev can't read it as an identity key. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}`;
  }
  const auth = (data as { alipay?: { authentication?: { toolId?: unknown; privateKey?: unknown } } } | null)?.alipay?.authentication;
  if (!auth || typeof auth !== 'object') {
    return `${whose} has no alipay.authentication field, which minidev needs. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}`;
  }
  if (typeof auth.toolId !== 'string' || !auth.toolId || typeof auth.privateKey !== 'string' || !auth.privateKey) {
    return `${whose} lacks alipay.authentication.toolId or .privateKey. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}`;
  }
  return null;
}
