/**
 * Problems as GitHub Actions workflow commands (`::error file=…,title=CODE::message`), which the
 * runner turns into annotations on the pull request. Escaped the way @actions/core escapes them:
 * in the message `%`, CR and LF; in a property value also `:` and `,`.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Problem } from '../../../shared/problems.js';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationPlaces {
  /** Problem paths are relative to this folder (the game root). */
  readonly sourceDir: string;
  /** Holds minigame-studio.json: a problem about a field points at it. */
  readonly projectDir: string;
  /** Annotation paths are relative to this folder (the workflow's working directory, the repository). */
  readonly cwd: string;
}

function fileOf(problem: Pick<Problem, 'path' | 'field'>, places: AnnotationPlaces): string | null {
  const absolute = problem.path !== null ? join(places.sourceDir, problem.path) : problem.field ? join(places.projectDir, PROJECT_FILE_NAME) : null;
  if (absolute === null) return null;
  const rel = relative(places.cwd, absolute);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join('/');
}

/** A problem, or a failure with another stable code ('DIR_MISSING', …). */
export interface Annotated extends Pick<Problem, 'severity' | 'message' | 'path' | 'field'> {
  readonly code: string;
}

export function annotation(problem: Annotated, places: AnnotationPlaces): string {
  const file = fileOf(problem, places);
  const properties = [...(file ? [`file=${escapeProperty(file)}`] : []), `title=${escapeProperty(problem.code)}`];
  return `::${problem.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(problem.message)}`;
}

/** One line per problem, errors first as in the report. */
export function annotations(problems: readonly Problem[], places: AnnotationPlaces): string {
  return problems.map((p) => `${annotation(p, places)}\n`).join('');
}
