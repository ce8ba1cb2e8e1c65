/**
 * The JSON of the studio's records that hold a row per file (the ownership record, the journal
 * that carries it, a history entry): ~200–400 KB each for a 5,000-file project, written by every
 * build. Their large arrays are shared between records (one layout's file lists, one report's
 * rows), so each array's text is made once and the record's own fields are added around it.
 */

const arrayTexts = new WeakMap<readonly unknown[], string>();

/** JSON.stringify of an array that is never changed once made, made once per array. */
export function arrayJson(list: readonly unknown[]): string {
  let text = arrayTexts.get(list);
  if (text === undefined) {
    text = JSON.stringify(list);
    arrayTexts.set(list, text);
  }
  return text;
}

/**
 * JSON.stringify({ ...fields, ...made }) where each of `made` is given as its JSON text already
 * (undefined: left out, as JSON.stringify leaves out an undefined field).
 */
export function jsonWith(fields: object, made: Readonly<Record<string, string | undefined>>): string {
  let text = JSON.stringify(fields).slice(0, -1);
  for (const [key, json] of Object.entries(made)) {
    if (json === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${json}`;
  }
  return `${text}}`;
}
