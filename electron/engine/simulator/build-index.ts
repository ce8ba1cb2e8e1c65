/**
 * What the simulator knows of a built OUT: every file with its size and package (from OUT/game.json's
 * subpackages), the scripts, the Remote URL and OUT-res (from the runtime's manifest and the
 * report), and the report's excluded and renamed files, so a request for a file the build left out
 * can say why.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAIN_PACKAGE, type Report } from '../../../shared/report.js';
import { MANIFEST_FILE, type Manifest } from '../../../shared/manifest.js';
import type { Platform } from '../../../shared/platforms.js';
import { StudioError } from '../errors.js';
import { inRoot, normaliseRoot, normaliseFolder, toPosix } from '../paths.js';

export interface IndexedSubpackage {
  readonly name: string;
  readonly root: string;
  readonly independent: boolean;
  readonly bytes: number;
}

export interface BuildIndex {
  readonly outDir: string;
  /** OUT-res, when the build has remote files. */
  readonly remoteDir: string | null;
  readonly remoteUrl: string;
  readonly platform: Platform;
  readonly orientation: string;
  readonly openDataContext: string | null;
  readonly files: ReadonlyMap<string, { readonly bytes: number; readonly package: string }>;
  readonly subpackages: readonly IndexedSubpackage[];
  /** The report beside OUT (OUT.report.json), when there is one. */
  readonly report: Report | null;
  /** OUT/project.config.json's setting.urlCheck (WeChat); true when absent, as a phone always checks. */
  readonly urlCheck: boolean;
  /** OUT/project.config.json's appid (WeChat), or ''. */
  readonly appid: string;
  /** game.json's `workers` folder ('workers/'), or null. */
  readonly workers: string | null;
}

async function walk(dir: string, prefix = ''): Promise<{ path: string; bytes: number }[]> {
  const out: { path: string; bytes: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(abs, rel)));
    else if (entry.isFile()) out.push({ path: toPosix(rel), bytes: (await stat(abs)).size });
  }
  return out;
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    return parseManifest(await readFile(join(outDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** What an index is made of: OUT's generated files (parsed), its file list and the report beside it. */
export interface BuiltFacts {
  readonly gameJson: GameJson;
  readonly listed: readonly { readonly path: string; readonly bytes: number }[];
  readonly report: Report | null;
  /** The runtime manifest's remoteUrl (ends in '/'), or ''. */
  readonly remoteUrl: string;
  readonly projectConfig: ProjectConfigJson | null;
}

export interface GameJson {
  deviceOrientation?: string;
  subpackages?: { name?: string; root?: string; independent?: boolean }[];
  subPackages?: { name?: string; root?: string; independent?: boolean }[];
  openDataContext?: string;
  workers?: string | { path?: string };
}

export interface ProjectConfigJson {
  appid?: unknown;
  setting?: { urlCheck?: unknown };
}

/** The game.json a build index needs, or the error that says OUT is not a build. */
export function notBuilt(outDir: string): StudioError {
  return new StudioError(`${join(outDir, 'game.json')} is missing or not JSON: this is not a built mini game. Build it first (minigame-studio build).`, {
    code: 'OUT_NOT_BUILT',
    path: outDir,
  });
}

/** The manifest's text is `module.exports = { …JSON… };`. */
export function parseManifest(text: string): Manifest | null {
  try {
    return JSON.parse(text.replace(/^\s*module\.exports\s*=\s*/, '').replace(/;\s*$/, '')) as Manifest;
  } catch {
    return null;
  }
}

/** OUT as the simulator serves it, walked and read from disk (the `simulate` command, a server on its own). */
export async function indexBuild(outDir: string, platform: Platform): Promise<BuildIndex> {
  const gameJson = await readJson<GameJson>(join(outDir, 'game.json'));
  if (gameJson === null) throw notBuilt(outDir);
  return assembleIndex(outDir, platform, {
    gameJson,
    listed: await walk(outDir),
    report: await readJson<Report>(`${outDir}.report.json`),
    remoteUrl: (await readManifest(outDir))?.remoteUrl ?? '',
    projectConfig: await readJson<ProjectConfigJson>(join(outDir, 'project.config.json')),
  });
}

export function assembleIndex(outDir: string, platform: Platform, { gameJson, listed, report, remoteUrl, projectConfig }: BuiltFacts): BuildIndex {
  const declared = (gameJson.subpackages ?? gameJson.subPackages ?? []).filter((s) => typeof s.root === 'string');
  const subs = declared.map((s) => ({ name: s.name ?? normaliseRoot(s.root as string), root: normaliseRoot(s.root as string), independent: s.independent === true }));
  const packageOf = (path: string): string => subs.find((s) => inRoot(path, s.root))?.name ?? MAIN_PACKAGE;
  const files = new Map(listed.map((f) => [f.path, { bytes: f.bytes, package: packageOf(f.path) }]));
  const subpackages = subs.map((s) => ({ ...s, bytes: listed.filter((f) => inRoot(f.path, s.root)).reduce((n, f) => n + f.bytes, 0) }));
  const remoteDir = report?.remote?.dir ?? null;
  const workers = typeof gameJson.workers === 'string' ? gameJson.workers : typeof gameJson.workers?.path === 'string' ? gameJson.workers.path : null;
  return {
    outDir,
    remoteDir,
    remoteUrl,
    platform,
    orientation: gameJson.deviceOrientation ?? 'portrait',
    openDataContext: gameJson.openDataContext ? normaliseFolder(gameJson.openDataContext) : null,
    files,
    subpackages,
    report,
    urlCheck: projectConfig?.setting?.urlCheck !== false,
    appid: typeof projectConfig?.appid === 'string' ? projectConfig.appid : '',
    workers: workers ? normaliseFolder(workers) : null,
  };
}
