/**
 * minigame-studio.json: load, validate, save. The file is JSON with comments (jsonc-text.ts).
 * Saving merges a patch into what is on disk (keys the studio doesn't know are kept), validates the
 * result, and writes it atomically, editing the text in place so comments and key order survive;
 * an invalid patch is refused before anything is written, so a bad edit never wipes the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { APPID_HINTS, APPID_PATTERNS, PLATFORMS } from '../../shared/platforms.js';
import { fieldName, PROJECT_FILE_NAME, ProjectFileSchema, type ProjectFile } from '../../shared/project-file.js';
import { WechatGameJsonSchema } from '../../shared/wechat-config-schema.js';
import { writeFileAtomic } from './atomic-write.js';
import { StudioError } from './errors.js';
import { MAX_JSON_DEPTH, patternProblem, textTooDeep, valueTooDeep } from './input-limits.js';
import { isPlainObject } from './json-text.js';
import { parseJsonc, patchJsoncText } from './jsonc-text.js';

/** Objects whose fields a patch merges into, rather than replaces (a patch of wechat.appid keeps wechat.libVersion). */
const MERGED_OBJECTS: ReadonlySet<string> = new Set(['wechat', 'alipay', 'outDir']);

/** WeChat DevTools' test AppID, accepted besides the real format. */
const WECHAT_TEST_APPID = 'touristappid';

export function projectFilePath(projectDir: string): string {
  return join(projectDir, PROJECT_FILE_NAME);
}

/** The project file, validated; null when the folder has none. Throws PROJECT_FILE_INVALID naming the field. */
export async function loadProjectFile(projectDir: string): Promise<ProjectFile | null> {
  const raw = await readRaw(projectDir);
  return raw === null ? null : validate(raw.value, projectFilePath(projectDir));
}

/**
 * Merge `patch` into the file on disk and save it atomically. A key whose patch value is
 * `undefined` is removed. Returns the file as saved.
 */
export async function saveProjectFile(projectDir: string, patch: Partial<ProjectFile>): Promise<ProjectFile> {
  const path = projectFilePath(projectDir);
  const raw = await readRaw(projectDir);
  const current = raw?.value ?? {};
  const merged = mergePatch(current, patch as Record<string, unknown>);
  const valid = validate(merged, path);
  const text = patchJsoncText(raw?.text ?? '{}', current, patch as Record<string, unknown>, MERGED_OBJECTS, merged);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
    throw new StudioError(`${PROJECT_FILE_NAME} could not be saved (${why}); the file on disk is unchanged. Free some space or check the permissions of ${projectDir}, then try again.`, {
      code: code === 'ENOSPC' ? 'DISK_FULL' : 'PROJECT_FILE_WRITE_FAILED',
      path,
      cause: error,
    });
  }
  return valid;
}

/** Validate a project file's content (already parsed); throws PROJECT_FILE_INVALID naming the field. */
export function validateProjectFile(value: unknown, path = PROJECT_FILE_NAME): ProjectFile {
  return validate(value, path);
}

function mergePatch(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key];
    else if (MERGED_OBJECTS.has(key) && isPlainObject(value) && isPlainObject(merged[key])) {
      merged[key] = mergePatch(merged[key] as Record<string, unknown>, value);
    } else merged[key] = value;
  }
  return merged;
}

/** The file's text (without a byte order mark) and value; null when there is none. */
async function readRaw(projectDir: string): Promise<{ text: string; value: Record<string, unknown> } | null> {
  const path = projectFilePath(projectDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StudioError(`${PROJECT_FILE_NAME} can't be read (${code ?? String(error)}): check the permissions of ${path}.`, {
      code: 'PROJECT_FILE_INVALID',
      path,
      cause: error,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = textTooDeep(text);
  if (deep) throw tooDeep(deep.field, path);
  const parsed = parseJsonc(text);
  if ('error' in parsed) {
    throw new StudioError(
      `${PROJECT_FILE_NAME} is not valid JSON (${parsed.error.message}; comments are allowed). Fix it in ${path}, or delete the file to start from the game's own settings.`,
      { code: 'PROJECT_FILE_INVALID', path },
    );
  }
  const value = parsed.value;
  if (!isPlainObject(value)) {
    throw new StudioError(`${PROJECT_FILE_NAME} must hold a JSON object ({ … }), not ${describeValue(value)}. Fix it in ${path}.`, {
      code: 'PROJECT_FILE_INVALID',
      path,
    });
  }
  return { text, value };
}

function tooDeep(field: string, path: string): StudioError {
  const what = field ? `"${field}"` : 'The file';
  return new StudioError(
    `${PROJECT_FILE_NAME}: ${what} nests objects or lists more than ${MAX_JSON_DEPTH} levels deep, which no setting needs. Fix it in ${path}.`,
    { code: 'PROJECT_FILE_INVALID', path, ...(field ? { field } : {}) },
  );
}

function validate(value: unknown, path: string): ProjectFile {
  // Before the schema: a value nested 10,000 deep (from a patch) must not reach code that recurses.
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) if (valueTooDeep(item, MAX_JSON_DEPTH - 1)) throw tooDeep(key, path);
  }
  const result = ProjectFileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? fieldName(issue.path) : '';
    const details = result.error.issues.slice(0, 3).map((i) => describeIssue(i, value));
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new StudioError(`${PROJECT_FILE_NAME}: ${details.join('; ')}${more}. Fix it in ${path}.`, {
      code: 'PROJECT_FILE_INVALID',
      path,
      field,
    });
  }
  const file = result.data;
  if (file.gameJson) {
    const wechat = WechatGameJsonSchema.safeParse(file.gameJson);
    if (!wechat.success) {
      const issue = wechat.error.issues[0];
      const field = `gameJson.${issue ? fieldName(issue.path) : ''}`;
      throw new StudioError(`${PROJECT_FILE_NAME}: "${field}" is not what WeChat accepts in game.json (${issue?.message ?? 'invalid'}). Fix it in ${path}.`, {
        code: 'PROJECT_FILE_INVALID',
        path,
        field,
      });
    }
  }
  const patternLists: [string, readonly string[] | undefined][] = [
    ['exclude', file.exclude],
    ['keepInPackage', file.keepInPackage],
    ['optimize.exclude', file.optimize?.exclude],
  ];
  for (const [key, patterns] of patternLists) {
    (patterns ?? []).forEach((pattern, i) => {
      const problem = patternProblem(pattern);
      if (problem) {
        throw new StudioError(`${PROJECT_FILE_NAME}: "${key}[${i}]" ${problem}. Fix it in ${path}.`, {
          code: 'PROJECT_FILE_INVALID',
          path,
          field: `${key}[${i}]`,
        });
      }
    });
  }
  for (const platform of PLATFORMS) {
    const appid = file[platform]?.appid;
    if (appid && !APPID_PATTERNS[platform].test(appid) && !(platform === 'wechat' && appid === WECHAT_TEST_APPID)) {
      throw new StudioError(
        `${PROJECT_FILE_NAME}: "${platform}.appid" must be ${APPID_HINTS[platform]} (got ${JSON.stringify(appid)}). Fix it in ${path}.`,
        { code: 'PROJECT_FILE_INVALID', path, field: `${platform}.appid` },
      );
    }
  }
  return file;
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const field = fieldName(issue.path) || '(the file)';
  const got = ` (got ${describeValue(valueAt(root, issue.path))})`;
  switch (issue.code) {
    case 'invalid_type':
      return `"${field}" must be ${expected(issue.expected)}${got}`;
    case 'invalid_value':
      return `"${field}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'too_small':
      return `"${field}" ${issue.message && !issue.message.startsWith('Too small') ? `is invalid: ${issue.message}` : 'must not be empty'}${got}`;
    default:
      return `"${field}" is invalid: ${issue.message}${got}`;
  }
}

function expected(type: string): string {
  switch (type) {
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'array':
      return 'a list ([ … ])';
    case 'object':
      return 'an object ({ … })';
    case 'number':
      return 'a number';
    default:
      return `of type ${type}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
