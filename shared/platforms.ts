/**
 * Platform tables read by both the engine and the renderer: limit profiles and the upload
 * whitelist (SPEC Part 1). Data, not code: a limit changes here and nowhere else.
 */

export const PLATFORMS = ['wechat', 'alipay'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The platforms never define "M"; the studio reads it as MiB, in this one constant. */
export const MEGABYTE = 1_048_576;

/** A package at or above this share of its limit gets a NEAR_LIMIT warning. */
export const NEAR_LIMIT_RATIO = 0.95;

export interface LimitProfile {
  readonly id: string;
  readonly platform: Platform;
  readonly label: string;
  readonly mainBytes: number;
  /** null: a normal subpackage has no limit of its own. */
  readonly subpackageBytes: number | null;
  /** null: the profile has no independent subpackages (they are built as normal ones). */
  readonly independentBytes: number | null;
  readonly totalBytes: number;
  /** wechat-2020 allowed 30 MiB in all when virtual payment was on. */
  readonly totalBytesWithVirtualPayment?: number;
  readonly source: string;
}

export const LIMIT_PROFILES: readonly LimitProfile[] = [
  {
    id: 'wechat-current',
    platform: 'wechat',
    label: 'WeChat (current: 4 MiB main, 30 MiB total)',
    mainBytes: 4 * MEGABYTE,
    subpackageBytes: null,
    independentBytes: 4 * MEGABYTE,
    totalBytes: 30 * MEGABYTE,
    source: 'developers.weixin.qq.com/minigame/dev/guide/base-ability/subPackage/useSubPackage.html',
  },
  {
    id: 'wechat-2020',
    platform: 'wechat',
    label: 'WeChat 2020 (20 MiB total, 30 MiB with virtual payment)',
    mainBytes: 4 * MEGABYTE,
    subpackageBytes: null,
    independentBytes: 4 * MEGABYTE,
    totalBytes: 20 * MEGABYTE,
    totalBytesWithVirtualPayment: 30 * MEGABYTE,
    source: 'developers.weixin.qq.com/minigame/dev/guide/framework/code-package.html',
  },
  {
    id: 'wechat-2018',
    platform: 'wechat',
    label: 'WeChat 2018 (4 MiB per package, 8 MiB total)',
    mainBytes: 4 * MEGABYTE,
    subpackageBytes: 4 * MEGABYTE,
    independentBytes: null,
    totalBytes: 8 * MEGABYTE,
    source: 'mp.weixin.qq.com/debug/minigame/dev/tutorial/base/subpackages.html',
  },
  {
    id: 'alipay-current',
    platform: 'alipay',
    label: 'Alipay (4 MiB main, 20 MiB total)',
    mainBytes: 4 * MEGABYTE,
    subpackageBytes: null,
    independentBytes: null,
    totalBytes: 20 * MEGABYTE,
    source: 'opendocs.alipay.com/mini-game/08uo7z (quoted by the LayaAir docs)',
  },
];

/** The first profile of a platform is its default. */
export function defaultProfileId(platform: Platform): string {
  const profile = LIMIT_PROFILES.find((p) => p.platform === platform);
  if (!profile) throw new Error(`No limit profile for platform ${platform}`);
  return profile.id;
}

export function findProfile(id: string): LimitProfile | undefined {
  return LIMIT_PROFILES.find((p) => p.id === id);
}

export function profilesFor(platform: Platform): readonly LimitProfile[] {
  return LIMIT_PROFILES.filter((p) => p.platform === platform);
}

/**
 * The 69 extensions of the WeChat mini game upload whitelist (SPEC §2.3). Alipay publishes no
 * list, so it uses the same one.
 */
export const UPLOAD_WHITELIST: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif svg js json cer obj dae fbx mtl stl 3ds mp3 pvr wav plist ttf fnt gz ccz m4a mp4 bmp ' +
    'atlas swf ani part proto bin sk mipmaps txt zip tt map ogg silk dbbin dbmv etc lmat lm ls lh lani lav ' +
    'lsani ltc aac astc br csv cur dat dds glb gltf ico ktx lmani lml pkm prefab scene skel wasm xml'
  ).split(' '),
);

/** The last extension of a path, lower-cased, without the dot ('' when there is none). */
export function lastExtension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Whether the platform would upload a file with this path (last extension, case-insensitive). */
export function isWhitelisted(path: string): boolean {
  return UPLOAD_WHITELIST.has(lastExtension(path));
}

/** game.json deviceOrientation values (SPEC §1.2). */
export const ORIENTATIONS = ['portrait', 'landscape', 'landscapeLeft', 'landscapeRight'] as const;

/** Where a build goes when the project names no output folder (relative to the project). */
export const DEFAULT_OUT_DIRS: Readonly<Record<Platform, string>> = {
  wechat: 'build/wechatgame',
  alipay: 'build/alipay',
};

/** AppID formats: WeChat `wx` + 16 hex digits; Alipay 16 digits (e.g. 2021…). */
export const APPID_PATTERNS: Readonly<Record<Platform, RegExp>> = {
  wechat: /^wx[0-9a-f]{16}$/,
  alipay: /^20\d{14}$/,
};

export const APPID_HINTS: Readonly<Record<Platform, string>> = {
  wechat: '"wx" followed by 16 hex digits, e.g. wx0123456789abcdef',
  alipay: '16 digits starting with 20, e.g. 2021000000000000',
};

export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  wechat: 'WeChat Mini Game',
  alipay: 'Alipay Mini Game',
};
