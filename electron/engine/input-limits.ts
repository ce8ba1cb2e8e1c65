/**
 * Bounds on what a person (or a script) can put in the project's files, so that bad input gets a
 * message naming the file and field instead of a stack trace deep in a library: JSON nested
 * deeper than any real configuration (parsers and JSON.stringify recurse and overflow the stack
 * around 5,000 levels), and glob patterns picomatch can't compile (it refuses 65,536 characters
 * or more, and a pattern whose regular expression is too large).
 */
import picomatch from 'picomatch';

/** Real game.json and project files nest 4 or 5 levels; 100 leaves room and stays far from the stack. */
export const MAX_JSON_DEPTH = 100;

/** picomatch refuses 65,536 characters; the plan also matches "<pattern>/**", 3 more. */
export const MAX_PATTERN_LENGTH = 65_532;

export interface TooDeep {
  /** The top-level key under which the nesting goes too deep ('' when the top is a list). */
  readonly field: string;
}

/**
 * Whether JSON (or JSON with comments) text nests more than MAX_JSON_DEPTH objects and lists, by
 * scanning the characters (no parser, which is what would overflow).
 */
export function textTooDeep(text: string): TooDeep | null {
  let depth = 0;
  let topIsObject = false;
  let lastString = '';
  let field = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, end);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === ':' && depth === 1 && topIsObject) {
      field = lastString;
    } else if (ch === '{' || ch === '[') {
      if (depth === 0) topIsObject = ch === '{';
      depth++;
      if (depth > MAX_JSON_DEPTH) return { field: topIsObject ? field : '' };
    } else if (ch === '}' || ch === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

/** Whether a value (already parsed, e.g. a patch from the app) nests more than `limit` objects and lists. */
export function valueTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Why a glob pattern can't be used, or null when picomatch compiles it (as the plan will). */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `is ${pattern.length.toLocaleString('en-US')} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}`;
  }
  try {
    picomatch.makeRe(`${pattern.replace(/\/$/, '')}/**`, { dot: true });
    return null;
  } catch (error) {
    const why = (error as Error).message;
    return `is not a pattern the studio can use (${why.length > 80 ? `${why.slice(0, 77)}…` : why}); simplify it`;
  }
}
