/**
 * The engine's data, stage by stage: scan → settings → plan → report → build (DESIGN).
 * Each stage takes the previous one's output and nothing else from disk, so the live report can
 * re-run plan + report on an updated inventory without reading the project again.
 */
import type { LimitProfile, Platform } from '../../shared/platforms.js';
import type { PackageKind, ExcludedReason, Report } from '../../shared/report.js';
import type { Problem } from '../../shared/problems.js';
import type { ProjectFile } from '../../shared/project-file.js';
import type { ScriptGraph } from './checks/script-graph.js';
import type { OptimizedFile, OptimizeSettings } from '../../shared/optimize.js';
import type { HistoryRecord } from './history/record.js';

/** One file found by `scan`. Paths are POSIX, relative to the game root (`sourceDir`). */
export interface ScannedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface UnreadableEntry {
  readonly path: string;
  readonly message: string;
  readonly kind: 'unreadable' | 'skipped';
}

/** A symbolic link of the game whose real target lies outside the game folder (LINK_OUTSIDE_PROJECT). */
export interface OutsideLink {
  /** The link itself (POSIX, relative to the game root). */
  readonly path: string;
  /** Where it really leads (absolute, links resolved). */
  readonly target: string;
  readonly kind: 'file' | 'folder';
  /** Whether the scan took what it points at (only when the project opts in). */
  readonly followed: boolean;
}

export interface Inventory {
  /** Absolute path of the scanned folder (the game root). */
  readonly root: string;
  readonly files: ReadonlyMap<string, ScannedFile>;
  /**
   * Every folder found (POSIX, relative, no trailing '/'), so that checks can tell an empty
   * subpackage folder from a missing one and the subpackage editor can list folders. Optional for
   * hand-made inventories; `scan` always fills it.
   */
  readonly folders?: ReadonlySet<string>;
  /**
   * Entries the scan could not take: a file or folder it may not read ('unreadable': an error, the
   * game would ship without it) or a link loop, dangling link or device it stepped over ('skipped':
   * a warning). Both are reported as FILE_UNREADABLE.
   */
  readonly unreadable: readonly UnreadableEntry[];
  /** Links that lead out of the game folder, followed or not. Optional for hand-made inventories. */
  readonly linksOutside?: readonly OutsideLink[];
}

export interface SubpackageSetting {
  readonly name: string;
  /** Normalised: a folder ends with '/', a single script ends with '.js'; no leading '/'. */
  readonly root: string;
  readonly independent: boolean;
  /** Other fields of the subpackage item (e.g. `plugins` from game.json), passed through to the output. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * The effective settings of a project: minigame-studio.json over the source game.json and
 * project.config.json, then the run's flags. What the build and the report both read.
 */
export interface ProjectSettings {
  /** The folder the user opened; holds minigame-studio.json. */
  readonly projectDir: string;
  /** The game root: projectDir, or projectDir/miniprogramRoot for a repository layout. */
  readonly sourceDir: string;
  /** The project file as on disk (null when there is none), kept whole so saving keeps unknown keys. */
  readonly projectFile: ProjectFile | null;
  readonly platform: Platform;
  readonly profile: LimitProfile;
  readonly entry: string;
  readonly orientation: string;
  readonly exclude: readonly string[];
  readonly keepInPackage: readonly string[];
  readonly md5Cache: boolean;
  /** The project file's includeLinksOutsideProject: scan takes what links out of the game folder point at. */
  readonly includeLinksOutsideProject: boolean;
  /** '' when nothing is remote; otherwise as the user wrote it (checked by the plan). */
  readonly remoteUrl: string;
  readonly subpackages: readonly SubpackageSetting[];
  /** Normalised folder ('openDataContext/'), or null. */
  readonly openDataContext: string | null;
  /** game.json fields to write, the generated ones (subpackages, openDataContext, deviceOrientation) aside. */
  readonly gameJson: Readonly<Record<string, unknown>>;
  /** The source project.config.json (read, never copied), or {} when there is none. */
  readonly projectConfig: Readonly<Record<string, unknown>>;
  readonly appid: string;
  readonly wechat: { readonly libVersion: string; readonly virtualPayment: boolean; readonly projectname: string };
  /** Absolute output folder. */
  readonly outDir: string;
  /** The project file's "optimize": images compressed at build (absent: none). */
  readonly optimize?: OptimizeSettings;
  /** Where the settings that problems are about came from (absent = the studio's default). Optional for hand-made settings. */
  readonly sources?: SettingSources;
  /** Problems found while reading the settings (GAME_JSON_INVALID warnings for comments, …). */
  readonly problems: readonly Problem[];
}

/** A setting's origin: the file (or flag) and the name of the field there. */
export interface SettingSource {
  /** "minigame-studio.json", "game.json" or "the --remote-url flag". */
  readonly name: string;
  /** '"remoteUrl"', '"subpackages"', … */
  readonly field: string;
}

export interface SettingSources {
  readonly remoteUrl?: SettingSource;
  readonly subpackages?: SettingSource;
  readonly openDataContext?: SettingSource;
  readonly entry?: SettingSource;
  readonly outDir?: SettingSource;
}

export type Destination = 'package' | 'remote' | 'excluded';

export interface PlannedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** From the inventory, when the plan carries it: part of the hash cache's key (0 = unknown). */
  readonly ino?: number;
  /** '__GAME__' or a subpackage name: where the file lives, or would live were it not excluded. */
  readonly package: string;
  readonly destination: Destination;
  readonly excludedReason?: ExcludedReason;
  readonly isScript: boolean;
}

export interface PlannedPackage {
  readonly name: string;
  readonly root: string;
  readonly kind: PackageKind;
  readonly limitBytes: number | null;
}

export interface Plan {
  readonly settings: ProjectSettings;
  readonly packages: readonly PlannedPackage[];
  /**
   * Every scanned file, sorted by path, except the platform config files at the game root
   * (game.json, project.config.json, project.private.config.json): they are read into the
   * settings and the build generates its own.
   */
  readonly files: readonly PlannedFile[];
  /**
   * Problems that need no sizes of generated files: the settings' problems, the structure checks
   * and the static scans of scripts (cached by path + size + mtime, so a re-plan reads only
   * changed scripts). Size problems are added by `buildReport`.
   */
  readonly problems: readonly Problem[];
  /**
   * The script graph of the shipped scripts (checks/script-graph.ts), which the script checks
   * walked; the fit planner follows it. Absent on hand-made plans.
   */
  readonly graph?: ScriptGraph;
}

/** Run-time overrides from the command line or the app; they win over the project file for one run. */
export interface SettingsOverrides {
  readonly platform?: Platform;
  readonly outDir?: string;
  readonly appid?: string;
  readonly md5Cache?: boolean;
  readonly remoteUrl?: string;
  readonly profile?: string;
}

/**
 * What the build will write, file by file, with exact bytes: the plan's packaged and remote files
 * under their output names, plus the files the studio generates (game.js bootstrap, game.json,
 * project.config.json, runtime, manifest). The report sums these, so its sizes are the bytes on disk.
 */
export interface OutputFile {
  /** Logical source path; null for a generated file. */
  readonly source: string | null;
  /** Path inside OUT, or inside OUT-res when `remote`. */
  readonly out: string;
  readonly package: string;
  readonly remote: boolean;
  readonly bytes: number;
  /** Content of a generated file (null for a copied one). */
  readonly content: string | Uint8Array | null;
  /**
   * sha1 hex of a copied file's bytes, when its name or manifest entry carries it: the build checks
   * that the bytes it copied are these (output/verify.ts).
   */
  readonly hash?: string;
  /**
   * Set when the bytes shipped are a compressed image (electron/engine/optimize/): `content` or
   * the cache file of `encoded` holds them, `bytes` and `hash` are theirs, and this says what the
   * source was.
   */
  readonly optimized?: OptimizedFile;
  /** Set with `optimized`: where the compressed bytes come from. */
  readonly encoded?: EncodedBytes;
}

/** The bytes of a compressed image (electron/engine/optimize/). */
export interface EncodedBytes {
  /** sha1 of the bytes shipped, whether or not the name carries it. */
  readonly hash: string;
  /**
   * The compression cache's file that holds them, with its stat when they were last known to be
   * those bytes: the build links or copies it (output/write-one.ts). Null: they are `content`.
   */
  readonly cached: { readonly path: string; readonly size: number; readonly mtimeMs: number; readonly ino: number } | null;
}

export interface OutputLayout {
  readonly files: readonly OutputFile[];
  /** Absolute OUT-res folder; null when nothing is remote. */
  readonly remoteDir: string | null;
  readonly runtimeBytes: number;
}

/** Build progress for the CLI and the app: files and bytes written so far. */
export interface BuildProgressInfo {
  /** 'optimize': images looked up in the compression cache or encoded ("optimize"). */
  readonly phase: 'scan' | 'hash' | 'optimize' | 'write' | 'done';
  readonly files: number;
  readonly totalFiles: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

/** Everything the engine knows about a project after one pass: what the app and the CLI show. */
export interface Analysis {
  readonly settings: ProjectSettings;
  readonly inventory: Inventory;
  readonly plan: Plan;
  readonly layout: OutputLayout;
  readonly report: Report;
}

/** buildProject's result: exit code 0 built, 1 nothing written (a blocking problem), 3 built with errors. */
export interface BuildOutcome {
  readonly analysis: Analysis;
  readonly exitCode: number;
  readonly built: boolean;
  /** The build-history entry recorded for a build that wrote OUT (electron/engine/history/). */
  readonly history?: HistoryRecord;
}
