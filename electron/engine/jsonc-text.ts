/**
 * The project file as JSON with comments (as WeChat's own docs write game.json): read with
 * jsonc-parser, and saved by editing the text in place (jsonc-parser's modify/applyEdits), so the
 * comments, the key order and the layout a person wrote survive a save from the studio.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { isPlainObject } from './json-text.js';

const FORMATTING: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

export interface JsoncParseFailure {
  /** What is wrong and where: "a comma was expected at line 3, column 5". */
  readonly message: string;
}

/** The value of a JSONC text, or why it isn't one. Trailing commas are refused, as JSON does. */
export function parseJsonc(text: string): { readonly value: unknown } | { readonly error: JsoncParseFailure } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { value };
  const { line, column } = lineAndColumn(text, first.offset);
  return { error: { message: `${describeError(printParseErrorCode(first.error))} at line ${line}, column ${column}` } };
}

/**
 * The text with `patch` applied the way mergePatch applies it: a top-level key replaced (or removed
 * when undefined), the keys of `merged` objects edited one by one. Checked against `expected` (the
 * merged value): should an edit ever not give it, the file is written out as plain JSON instead.
 */
export function patchJsoncText(
  text: string,
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
  merged: ReadonlySet<string>,
  expected: unknown,
): string {
  let out = text.trim() === '' ? '{}' : text;
  const edit = (path: (string | number)[], value: unknown): void => {
    out = applyEdits(out, modify(out, path, value, { formattingOptions: FORMATTING }));
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      if (key in current) edit([key], undefined);
    } else if (merged.has(key) && isPlainObject(value) && isPlainObject(current[key])) {
      const before = current[key] as Record<string, unknown>;
      for (const [sub, subValue] of Object.entries(value)) {
        if (subValue === undefined && !(sub in before)) continue;
        edit([key, sub], subValue);
      }
    } else edit([key], value);
  }
  if (!out.endsWith('\n')) out += '\n';
  const check = parseJsonc(out);
  return 'value' in check && isDeepStrictEqual(check.value, expected) ? out : `${JSON.stringify(expected, null, 2)}\n`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** jsonc-parser's error names ("CommaExpected") in words. */
function describeError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
