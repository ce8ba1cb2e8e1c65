/**
 * The game's own configuration, read when a project is opened: game.json (in the game root) and
 * project.config.json (in the project folder). Read, never copied: the build writes its own.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ORIENTATIONS } from '../../shared/platforms.js';
import { fieldName } from '../../shared/project-file.js';
import { PROJECT_CONFIG_FIELD_TYPES, projectConfigFieldFits, WechatGameJsonSchema } from '../../shared/wechat-config-schema.js';
import type { Problem } from '../../shared/problems.js';
import { StudioError } from './errors.js';
import { MAX_JSON_DEPTH, patternProblem, textTooDeep } from './input-limits.js';
import { isPlainObject, parseJsonWithComments } from './json-text.js';

export const GAME_JSON = 'game.json';
export const PROJECT_CONFIG_JSON = 'project.config.json';

export interface SourceConfig {
  readonly value: Readonly<Record<string, unknown>>;
  readonly problems: readonly Problem[];
}

/** The source game.json ({} when there is none). Throws GAME_JSON_INVALID when it can't be used. */
export async function readGameJson(sourceDir: string): Promise<SourceConfig> {
  const path = join(sourceDir, GAME_JSON);
  const text = await readText(path);
  if (text === null) return { value: {}, problems: [] };
  const fail = (why: string, field?: string): never => {
    throw new StudioError(`game.json ${why}. Fix ${path}, or remove the file to let the studio write a new one.`, {
      code: 'GAME_JSON_INVALID',
      path,
      ...(field ? { field } : {}),
    });
  };
  const deep = textTooDeep(text);
  if (deep) return fail(`${deep.field ? `: "${deep.field}"` : ''} nests objects or lists more than ${MAX_JSON_DEPTH} levels deep`, deep.field || undefined);
  let parsed;
  try {
    parsed = parseJsonWithComments(text);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  const value = parsed.value;
  if (!isPlainObject(value)) return fail('must hold a JSON object ({ … })');
  const orientation = value.deviceOrientation;
  if (orientation !== undefined && !(ORIENTATIONS as readonly unknown[]).includes(orientation)) {
    fail(`: "deviceOrientation" must be one of ${ORIENTATIONS.join(', ')} (got ${JSON.stringify(orientation)})`, 'deviceOrientation');
  }
  if (value.openDataContext !== undefined && typeof value.openDataContext !== 'string') {
    fail(': "openDataContext" must be a folder name (a string)', 'openDataContext');
  }
  for (const key of ['subpackages', 'subPackages']) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`: "${key}" must be a list`, key);
    (list as unknown[]).forEach((item, i) => {
      if (!isPlainObject(item) || typeof item.root !== 'string' || item.root === '') {
        fail(`: "${key}[${i}]" needs a "root" (a folder or a .js file)`, `${key}[${i}].root`);
      }
      const entry = item as Record<string, unknown>;
      if (entry.name !== undefined && typeof entry.name !== 'string') fail(`: "${key}[${i}].name" must be a string`, `${key}[${i}].name`);
      if (entry.independent !== undefined && typeof entry.independent !== 'boolean') {
        fail(`: "${key}[${i}].independent" must be true or false`, `${key}[${i}].independent`);
      }
    });
  }
  const wechat = WechatGameJsonSchema.safeParse(value);
  if (!wechat.success) {
    const issue = wechat.error.issues[0];
    const field = issue ? fieldName(issue.path) : '';
    fail(`: "${field}" is not what WeChat accepts (${issue?.message ?? 'invalid'})`, field || undefined);
  }
  const problems: Problem[] = parsed.hadComments
    ? [
        {
          severity: 'warning',
          code: 'GAME_JSON_INVALID',
          message: 'game.json has comments, which JSON does not allow; the studio ignored them and writes a game.json without them. Remove them to silence this warning.',
          path: GAME_JSON,
        },
      ]
    : [];
  return { value, problems };
}

/** The source project.config.json ({} when there is none, or when it is unusable: then a warning). */
export async function readProjectConfig(projectDir: string): Promise<SourceConfig> {
  const path = join(projectDir, PROJECT_CONFIG_JSON);
  let text: string | null;
  try {
    text = await readText(path);
  } catch (error) {
    return { value: {}, problems: [configWarning(`can't be read (${(error as Error).message})`)] };
  }
  if (text === null) return { value: {}, problems: [] };
  const deep = textTooDeep(text);
  if (deep) {
    const what = deep.field ? `"${deep.field}" in project.config.json` : 'project.config.json';
    throw new StudioError(`${what} nests objects or lists more than ${MAX_JSON_DEPTH} levels deep, which no setting needs. Fix ${path}.`, {
      code: 'GAME_JSON_INVALID',
      path,
      ...(deep.field ? { field: deep.field } : {}),
    });
  }
  try {
    const { value } = parseJsonWithComments(text);
    if (isPlainObject(value)) return { value, problems: [...fieldTypeProblems(value), ...ignoreRuleProblems(value)] };
    return { value: {}, problems: [configWarning('does not hold a JSON object')] };
  } catch (error) {
    return { value: {}, problems: [configWarning(`is not valid JSON (${(error as Error).message})`)] };
  }
}

/** Fields whose type WeChat's schema refuses: not carried into the output's project.config.json. */
function fieldTypeProblems(config: Readonly<Record<string, unknown>>): Problem[] {
  return Object.entries(config)
    .filter(([key, value]) => !projectConfigFieldFits(key, value))
    .map(([key]) => ({
      severity: 'warning' as const,
      code: 'GAME_JSON_INVALID' as const,
      message: `project.config.json: "${key}" must be ${PROJECT_CONFIG_FIELD_TYPES[key] === 'string' ? 'a string' : 'an object ({ … })'} for WeChat's tools (got ${describeJson(config[key])}); it was ignored. Fix it in project.config.json.`,
      path: PROJECT_CONFIG_JSON,
      field: key,
    }));
}

/** packOptions.ignore rules whose glob can't be compiled: left out, said so. */
function ignoreRuleProblems(config: Readonly<Record<string, unknown>>): Problem[] {
  return ignoreRules(config).flatMap(({ index, glob }) => {
    const problem = glob === null ? null : patternProblem(glob);
    if (!problem) return [];
    const field = `packOptions.ignore[${index}].value`;
    return [
      {
        severity: 'warning' as const,
        code: 'GAME_JSON_INVALID' as const,
        message: `project.config.json: the pattern of "${field}" ${problem}. The rule was ignored.`,
        path: PROJECT_CONFIG_JSON,
        field,
      },
    ];
  });
}

function configWarning(why: string): Problem {
  // No code of its own in SPEC: the nearest is GAME_JSON_INVALID, as a warning, naming the file.
  return {
    severity: 'warning',
    code: 'GAME_JSON_INVALID',
    message: `project.config.json ${why}; its appid and miniprogramRoot were ignored. Fix the file, or set the AppID in the Build panel.`,
    path: PROJECT_CONFIG_JSON,
  };
}

/**
 * WeChat's packOptions.ignore rules as picomatch globs, so a folder's own exclusions still apply.
 * Regexp rules have no glob form and are left out.
 */
export function packOptionsIgnoreGlobs(projectConfig: Readonly<Record<string, unknown>>): string[] {
  return ignoreRules(projectConfig).flatMap(({ glob }) => (glob !== null && patternProblem(glob) === null ? [glob] : []));
}

/** Each packOptions.ignore rule with its glob (null for rules with no glob form). */
function ignoreRules(projectConfig: Readonly<Record<string, unknown>>): { index: number; glob: string | null }[] {
  const packOptions = projectConfig.packOptions;
  if (!isPlainObject(packOptions) || !Array.isArray(packOptions.ignore)) return [];
  return packOptions.ignore.map((rule: unknown, index) => ({ index, glob: ruleGlob(rule) }));
}

function ruleGlob(rule: unknown): string | null {
  if (!isPlainObject(rule) || typeof rule.value !== 'string' || rule.value === '') return null;
  const value = rule.value.replace(/\\/g, '/').replace(/^\.?\//, '');
  switch (rule.type) {
    case 'folder':
      return `${value.replace(/\/$/, '')}/**`;
    case 'file':
    case 'glob':
      return value;
    case 'suffix':
      return `**/*${value}`;
    case 'prefix':
      return `**/${value}*`;
    default:
      return null;
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (path.endsWith(GAME_JSON)) {
      throw new StudioError(`game.json can't be read (${code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}). Make ${path} a readable file.`, {
        code: 'GAME_JSON_INVALID',
        path,
        cause: error,
      });
    }
    throw error;
  }
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
