/**
 * The JSON of the studio's records that hold a row per file (the ownership record, the journal
 * that carries it, a history entry): ~200–400 KB each for a 5,000-file project, written by every
 * build. Their large arrays are shared between records (one layout's file lists, one report's
 * rows), so each array's UTF-8 JSON is made once and the record's own fields are added around it.
 */

const arrayBytes = new WeakMap<readonly unknown[], Buffer>();

/** JSON.stringify of an array that is never changed once made, as UTF-8, made once per array. */
export function arrayJson(list: readonly unknown[]): Buffer {
  let bytes = arrayBytes.get(list);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(list));
    arrayBytes.set(list, bytes);
  }
  return bytes;
}

/**
 * JSON.stringify({ ...fields, ...made }) as UTF-8, and then `end`, where each of `made` is given
 * as its JSON already (undefined: left out, as JSON.stringify leaves out an undefined field).
 */
export function jsonWith(fields: object, made: Readonly<Record<string, Uint8Array | undefined>>, end = ''): Buffer {
  const parts: Uint8Array[] = [];
  let text = JSON.stringify(fields).slice(0, -1);
  let empty = text === '{';
  for (const [key, json] of Object.entries(made)) {
    if (json === undefined) continue;
    text += `${empty ? '' : ','}${JSON.stringify(key)}:`;
    parts.push(Buffer.from(text), json);
    text = '';
    empty = false;
  }
  parts.push(Buffer.from(`${text}}${end}`));
  return Buffer.concat(parts);
}
