/**
 * Preferences: one JSON file in the user-data folder (developer-tool paths, the upload key path
 * of each AppID, language, recent projects). Plain JSON + zod rather than electron-store, so that it loads in plain Node for the
 * CLI, web mode and the tests. A damaged or hand-edited file never stops the studio: what does not
 * validate falls back to the defaults, and the next save rewrites it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PreferencesSchema, type Language, type Preferences } from '../../shared/api.js';

export const PREFERENCES_FILE = 'preferences.json';
const RECENT_LIMIT = 10;

/** zh-CN for any Chinese locale (zh, zh-CN, zh-TW, zh_CN.UTF-8), English for everything else. */
export function languageForLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The OS locale as Node sees it: the POSIX variables first (what a terminal user set), then ICU. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (posix && posix !== 'C' && posix !== 'POSIX') return posix;
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

export interface PreferencesStore {
  readonly file: string;
  /** The preferences with every field filled in (language from the locale when never chosen). */
  get(): Promise<Preferences & { language: Language }>;
  /** Merges the patch, writes atomically, and returns the result. */
  update(patch: Partial<Preferences>): Promise<Preferences & { language: Language }>;
  /** Puts a project at the top of the recent list (deduplicated, at most 10). */
  addRecent(dir: string): Promise<void>;
}

export function createPreferencesStore(userDataDir: string, options: { locale?: string } = {}): PreferencesStore {
  const file = join(userDataDir, PREFERENCES_FILE);
  const fallbackLanguage = languageForLocale(options.locale ?? systemLocale());
  // Writes are chained so that two quick updates never interleave their read-merge-write.
  let queue: Promise<unknown> = Promise.resolve();

  const withLanguage = (prefs: Preferences): Preferences & { language: Language } => ({
    ...prefs,
    language: prefs.language ?? fallbackLanguage,
  });

  async function read(): Promise<Preferences> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      return PreferencesSchema.parse({});
    }
    const parsed = PreferencesSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep the fields that are still valid: a bad language must not cost the tool paths.
    const fields = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(PreferencesSchema.shape) as (keyof Preferences)[]) {
      const one = PreferencesSchema.shape[key].safeParse(fields[key]);
      if (one.success && one.data !== undefined) kept[key] = one.data;
    }
    // One hand-edited AppID must not cost the other games' keys.
    if (!('uploadKeys' in kept)) kept.uploadKeys = validUploadKeys(fields.uploadKeys);
    return PreferencesSchema.parse(kept);
  }

  async function write(prefs: Preferences): Promise<void> {
    await mkdir(userDataDir, { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, `${JSON.stringify(prefs, null, 2)}\n`, 'utf8');
    await rename(temp, file);
  }

  function mutate(change: (prefs: Preferences) => Preferences): Promise<Preferences & { language: Language }> {
    const next = queue.then(async () => {
      const updated = PreferencesSchema.parse(change(await read()));
      await write(updated);
      return withLanguage(updated);
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    file,
    get: async () => {
      await queue;
      return withLanguage(await read());
    },
    update: (patch) => mutate((prefs) => ({ ...prefs, ...stripUndefined(patch), uploadKeys: mergeUploadKeys(prefs.uploadKeys, patch.uploadKeys) })),
    addRecent: async (dir) => {
      await mutate((prefs) => ({
        ...prefs,
        recentProjects: [dir, ...prefs.recentProjects.filter((p) => p !== dir)].slice(0, RECENT_LIMIT),
      }));
    },
  };
}

/** A patch's keys merged per AppID: a path sets that AppID's key, an empty one removes it. */
function mergeUploadKeys(stored: Readonly<Record<string, string>>, patch: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const merged: Record<string, string> = { ...stored };
  for (const [appid, path] of Object.entries(patch ?? {})) {
    if (path.trim() === '') delete merged[appid];
    else merged[appid] = path.trim();
  }
  return merged;
}

function validUploadKeys(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  const kept: Record<string, string> = {};
  for (const [appid, path] of Object.entries(value)) {
    if (PreferencesSchema.shape.uploadKeys.safeParse({ [appid]: path }).success) kept[appid] = path as string;
  }
  return kept;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const USER_DATA_ENV = 'MINIGAME_STUDIO_USER_DATA';
const APP_FOLDER = 'minigame-studio';

/**
 * Where preferences live outside Electron (web mode, the CLI): the folder Electron's
 * app.getPath('userData') gives for this app, so both modes share one set of preferences.
 * MINIGAME_STUDIO_USER_DATA overrides it (the tests use a temporary one).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env[USER_DATA_ENV];
  if (override) return override;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
