/**
 * JSON as mini game folders actually hold it: game.json and project.config.json written by hand or
 * by a template sometimes carry `//` or block comments, which the developer tools accept.
 */

export interface ParsedJson {
  readonly value: unknown;
  /** The text had comments that had to be removed before it parsed. */
  readonly hadComments: boolean;
}

/** Parse JSON, retrying without comments; throws the JSON.parse error when even that fails. */
export function parseJsonWithComments(text: string): ParsedJson {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(clean), hadComments: false };
  } catch (error) {
    const stripped = stripComments(clean);
    if (stripped === clean) throw error;
    return { value: JSON.parse(stripped), hadComments: true };
  }
}

/** Remove `//` and block comments outside strings (replaced by spaces so positions stay put). */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
    } else if (ch === '"') {
      inString = true;
      out += ch;
      i++;
    } else if (ch === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
