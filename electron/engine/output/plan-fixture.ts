/**
 * Test support: writes a small game to a temporary folder and builds a Plan for it by hand, so the
 * layout and the build can be tested on real files independently of scan and plan.
 */
import { mkdir, mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findProfile } from '../../../shared/platforms.js';
import { MAIN_PACKAGE } from '../../../shared/report.js';
import type { Destination, Plan, PlannedFile, ProjectSettings } from '../types.js';

export async function tempDir(prefix = 'mgs-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeTree(root: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/**
 * Sets the files' mtimes a minute back: a file saved that long ago has a stat that vouches for its
 * content (RACY_WINDOW_MS in hash-cache.ts), as most of a real project's files do.
 */
export async function age(root: string, paths: readonly string[], ms = 60_000): Promise<void> {
  const then = new Date(Date.now() - ms);
  for (const path of paths) await utimes(join(root, path), then, then);
}

export function settingsFor(projectDir: string, patch: Partial<ProjectSettings> = {}): ProjectSettings {
  const platform = patch.platform ?? 'wechat';
  const profile = findProfile(platform === 'wechat' ? 'wechat-current' : 'alipay-current');
  if (!profile) throw new Error('no profile');
  return {
    projectDir,
    sourceDir: projectDir,
    projectFile: null,
    platform,
    profile,
    entry: 'game.js',
    orientation: 'portrait',
    exclude: [],
    keepInPackage: [],
    md5Cache: false,
    includeLinksOutsideProject: false,
    remoteUrl: '',
    subpackages: [],
    openDataContext: null,
    gameJson: {},
    projectConfig: {},
    appid: 'wx0123456789abcdef',
    wechat: { libVersion: 'latest', virtualPayment: false, projectname: 'fixture' },
    outDir: join(projectDir, 'build', platform === 'wechat' ? 'wechatgame' : 'alipay'),
    problems: [],
    ...patch,
  };
}

/**
 * A plan for the files on disk: package by longest subpackage root; remote when a Remote URL is
 * set for main-package non-scripts; `destinations` overrides per path.
 */
export async function planFor(
  settings: ProjectSettings,
  paths: readonly string[],
  destinations: Readonly<Record<string, Destination>> = {},
): Promise<Plan> {
  const files: PlannedFile[] = [];
  for (const path of [...paths].sort()) {
    const info = await stat(join(settings.sourceDir, path));
    const sub = settings.subpackages
      .filter((s) => (s.root.endsWith('/') ? path.startsWith(s.root) : path === s.root))
      .sort((a, b) => b.root.length - a.root.length)[0];
    const isScript = path.endsWith('.js');
    const pkg = sub?.name ?? MAIN_PACKAGE;
    const remoteByDefault = settings.remoteUrl !== '' && !isScript && pkg === MAIN_PACKAGE && path !== 'game.json';
    files.push({
      path,
      size: info.size,
      mtimeMs: info.mtimeMs,
      ino: info.ino,
      package: pkg,
      destination: destinations[path] ?? (remoteByDefault ? 'remote' : 'package'),
      isScript,
    });
  }
  return {
    settings,
    packages: [
      { name: MAIN_PACKAGE, root: '', kind: 'main', limitBytes: settings.profile.mainBytes },
      ...settings.subpackages.map((s) => ({
        name: s.name,
        root: s.root,
        kind: s.independent ? ('independent' as const) : ('subpackage' as const),
        limitBytes: s.independent ? settings.profile.independentBytes : settings.profile.subpackageBytes,
      })),
    ],
    files,
    problems: [],
  };
}
