/**
 * The effective settings of a project: minigame-studio.json over the game's own game.json and
 * project.config.json (DESIGN: "Most real games arrive as an existing mini game folder"), then the
 * run's overrides (command-line flags, the Build panel) for one run.
 */
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  DEFAULT_OUT_DIRS,
  defaultProfileId,
  findProfile,
  type LimitProfile,
  type Platform,
} from '../../shared/platforms.js';
import { PROJECT_FILE_NAME, type ProjectFile } from '../../shared/project-file.js';
import type { Problem } from '../../shared/problems.js';
import { appidPlatformProblems, type AppidSource } from './appid-platform.js';
import { StudioError } from './errors.js';
import { isPlainObject } from './json-text.js';
import { normaliseFile, normaliseFolder, normaliseRoot } from './paths.js';
import { loadProjectFile } from './project-file.js';
import { packOptionsIgnoreGlobs, readGameJson, readProjectConfig } from './source-config.js';
import type { ProjectSettings, SettingSource, SettingSources, SettingsOverrides, SubpackageSetting } from './types.js';
import { chooseLibVersion } from './wechat-lib-version.js';

/** game.json fields the build writes from the settings; the rest of game.json passes through. */
export const GENERATED_GAME_JSON_KEYS: ReadonlySet<string> = new Set([
  'deviceOrientation',
  'subpackages',
  'subPackages',
  'openDataContext',
]);

export async function resolveSettings(projectDir: string, overrides: SettingsOverrides = {}): Promise<ProjectSettings> {
  const dir = resolve(projectDir);
  await requireFolder(dir, `The folder ${dir} does not exist. Choose a folder that holds a mini game (game.js, usually with game.json), or check the path.`);

  const projectFile = await loadProjectFile(dir);
  const projectConfig = await readProjectConfig(dir);
  const config = projectConfig.value;

  const miniprogramRoot = typeof config.miniprogramRoot === 'string' ? normaliseFolder(config.miniprogramRoot) : '';
  const sourceDir = miniprogramRoot ? resolve(dir, miniprogramRoot) : dir;
  if (miniprogramRoot) {
    await requireFolder(
      sourceDir,
      `project.config.json sets "miniprogramRoot" to "${miniprogramRoot}", but ${sourceDir} is not a folder. Fix miniprogramRoot in ${join(dir, 'project.config.json')}, or create the folder.`,
    );
  }
  const gameJson = await readGameJson(sourceDir);
  const game = gameJson.value;
  const pf: ProjectFile = projectFile ?? {};

  const platform: Platform = overrides.platform ?? pf.platform ?? 'wechat';
  const profile = pickProfile(platform, overrides.profile ?? pf.profile);
  const outSetting = overrides.outDir ?? pf.outDir?.[platform] ?? DEFAULT_OUT_DIRS[platform];

  const configAppid = typeof config.appid === 'string' ? config.appid : '';
  const wechatAppid = pf.wechat?.appid ?? configAppid;
  const appid = overrides.appid ?? (platform === 'wechat' ? wechatAppid : (pf.alipay?.appid ?? ''));
  const appidSource: AppidSource =
    overrides.appid !== undefined ? 'flag' : pf[platform]?.appid !== undefined || platform === 'alipay' ? 'project-file' : 'project-config';

  const libVersion = chooseLibVersion(pf.wechat?.libVersion, config.libVersion);
  const problems: Problem[] = [
    ...projectConfig.problems,
    ...gameJson.problems,
    ...(platform === 'wechat' ? libVersion.problems : []),
    ...appidPlatformProblems(platform, appid, appidSource),
  ];

  return {
    projectDir: dir,
    sourceDir,
    projectFile,
    platform,
    profile,
    entry: normaliseFile(pf.entry ?? 'game.js'),
    orientation: pf.orientation ?? (typeof game.deviceOrientation === 'string' ? game.deviceOrientation : 'portrait'),
    exclude: [...packOptionsIgnoreGlobs(config), ...(pf.exclude ?? [])],
    keepInPackage: pf.keepInPackage ?? [],
    md5Cache: overrides.md5Cache ?? pf.md5Cache ?? false,
    includeLinksOutsideProject: pf.includeLinksOutsideProject ?? false,
    remoteUrl: (overrides.remoteUrl ?? pf.remoteUrl ?? '').trim(),
    subpackages: pf.subpackages ? pf.subpackages.map(fromProjectFile) : fromGameJson(game),
    openDataContext: openDataContextOf(pf, game),
    gameJson: passThroughGameJson(game, pf),
    projectConfig: config,
    appid,
    wechat: {
      libVersion: libVersion.libVersion,
      virtualPayment: pf.wechat?.virtualPayment ?? false,
      projectname:
        pf.wechat?.projectname ?? (typeof config.projectname === 'string' && config.projectname ? config.projectname : basename(dir)),
    },
    outDir: resolve(dir, outSetting),
    // "optimize": {} (the Build panel's emptied section) compresses nothing, like no setting at all.
    ...(pf.optimize && (pf.optimize.png !== undefined || pf.optimize.jpeg !== undefined) ? { optimize: pf.optimize } : {}),
    sources: settingSources(pf, game, overrides, platform),
    problems,
  };
}

/** The profile asked for when it exists for this platform, else the platform's default. */
export function pickProfile(platform: Platform, id: string | undefined): LimitProfile {
  const asked = id ? findProfile(id) : undefined;
  const profile = asked && asked.platform === platform ? asked : findProfile(defaultProfileId(platform));
  if (!profile) throw new Error(`No limit profile for ${platform}`);
  return profile;
}

async function requireFolder(path: string, missing: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StudioError(missing, { code: 'DIR_MISSING', path, cause: error });
    throw new StudioError(`${path} can't be opened (${code ?? String(error)}). Check its permissions.`, {
      code: 'DIR_UNREADABLE',
      path,
      cause: error,
    });
  }
  if (!info.isDirectory()) {
    throw new StudioError(`${path} is a file, not a folder. Open the folder that holds the game (the one with game.js and game.json).`, {
      code: 'NOT_A_DIRECTORY',
      path,
    });
  }
}

export function fromProjectFile(item: { name: string; root: string; independent?: boolean | undefined }): SubpackageSetting {
  const { name, root, independent, ...extra } = item;
  return { name, root: normaliseRoot(root), independent: independent === true, ...(Object.keys(extra).length ? { extra } : {}) };
}

/** Both spellings, as WeChat accepts both; `subpackages` first when a file has the two. */
function fromGameJson(game: Readonly<Record<string, unknown>>): SubpackageSetting[] {
  const list = [
    ...(Array.isArray(game.subpackages) ? game.subpackages : []),
    ...(Array.isArray(game.subPackages) ? game.subPackages : []),
  ];
  return list.filter(isPlainObject).map((item) => {
    const { name, root, independent, ...extra } = item;
    const normalised = normaliseRoot(String(root));
    return {
      // WeChat lets a subpackage go without a name (loadSubpackage also takes the root).
      name: typeof name === 'string' && name ? name : normalised.replace(/\/$/, ''),
      root: normalised,
      independent: independent === true,
      ...(Object.keys(extra).length ? { extra } : {}),
    };
  });
}

function openDataContextOf(pf: ProjectFile, game: Readonly<Record<string, unknown>>): string | null {
  const value = pf.openDataContext ?? (typeof game.openDataContext === 'string' ? game.openDataContext : '');
  const folder = normaliseFolder(value);
  return folder === '' ? null : folder;
}

/** The source game.json's other fields, then the project file's `gameJson` over them. */
function passThroughGameJson(game: Readonly<Record<string, unknown>>, pf: ProjectFile): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...game, ...(pf.gameJson ?? {}) };
  for (const key of GENERATED_GAME_JSON_KEYS) delete merged[key];
  return merged;
}

/** Which file each setting that checks complain about came from, so their messages can say. */
function settingSources(pf: ProjectFile, game: Readonly<Record<string, unknown>>, overrides: SettingsOverrides, platform: Platform): SettingSources {
  const fromFile = (field: string): SettingSource => ({ name: PROJECT_FILE_NAME, field: `"${field}"` });
  const fromGame = (field: string): SettingSource => ({ name: 'game.json', field: `"${field}"` });
  const subpackageKey = Array.isArray(game.subpackages) ? 'subpackages' : Array.isArray(game.subPackages) ? 'subPackages' : null;
  const sources: Record<string, SettingSource | undefined> = {
    // A run's own value (a flag, the studio's local server) is not in a file: nothing to point at.
    remoteUrl: overrides.remoteUrl === undefined && pf.remoteUrl !== undefined ? fromFile('remoteUrl') : undefined,
    subpackages: pf.subpackages ? fromFile('subpackages') : subpackageKey ? fromGame(subpackageKey) : undefined,
    openDataContext:
      pf.openDataContext !== undefined ? fromFile('openDataContext') : typeof game.openDataContext === 'string' ? fromGame('openDataContext') : undefined,
    entry: pf.entry !== undefined ? fromFile('entry') : undefined,
    outDir: overrides.outDir === undefined && pf.outDir?.[platform] !== undefined ? fromFile(`outDir.${platform}`) : undefined,
  };
  return Object.fromEntries(Object.entries(sources).filter(([, source]) => source !== undefined)) as SettingSources;
}
