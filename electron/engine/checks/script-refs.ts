/**
 * What a script refers to: `require`/`import` specifiers and string literals that look like file
 * paths. Regex-based on purpose, not a parser: string literals are all the rules need, and it is
 * fast on large minified engines. It can be fooled (a quote inside a regex literal or a comment
 * can shift the pairing); a false reading only matters when it happens to name a real file.
 *
 * Parsed references are cached by path + size + mtime + inode, so the live report re-reads only
 * scripts that changed.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ScriptRefs {
  /** Specifiers of require('…'), import … from '…' and import('…'). */
  readonly requires: readonly string[];
  /** Other string literals that look like a path with an extension ('images/bg.png'). */
  readonly literals: readonly string[];
  /**
   * require(…) calls whose argument is computed (`require(name)`, `require('./levels/' + n)`), as
   * written (shortened): the script graph can't follow them, so what depends on it is uncertain.
   */
  readonly dynamic: readonly string[];
  /**
   * The last path segment of every other short string literal, with and without its extension
   * ('intro-old.mp4', 'intro-old', 'hero' from 'images/hero'): the evidence that a file is named
   * somewhere, even when its path is put together at run time.
   */
  readonly names: readonly string[];
}

export interface ScriptStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino?: number;
}

export interface ScriptCache {
  /** The references of the script at `absPath`; read from disk only when its stamp changed. Null when unreadable. */
  refs(absPath: string, stamp: ScriptStamp): Promise<ScriptRefs | null>;
  /** The cached references when the stamp still matches; undefined when the script must be read. */
  peek(absPath: string, stamp: ScriptStamp): ScriptRefs | null | undefined;
  /**
   * As refs, reading synchronously: for many small files at once (the planner's text files),
   * where a read through the thread pool waits behind every other one; the caller yields between slices.
   */
  refsNow(absPath: string, stamp: ScriptStamp): ScriptRefs | null;
  /** How many reads from disk so far (for tests and the benchmark). */
  readonly reads: number;
}

/** Past this many entries the cache starts over, so a long session can't grow it without bound. */
const MAX_ENTRIES = 200_000;

export function createScriptCache(): ScriptCache {
  const entries = new Map<string, ScriptStamp & { refs: ScriptRefs | null }>();
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    peek(absPath, stamp) {
      const hit = entries.get(absPath);
      return hit && hit.size === stamp.size && hit.mtimeMs === stamp.mtimeMs && hit.ino === stamp.ino ? hit.refs : undefined;
    },
    async refs(absPath, stamp) {
      const hit = this.peek(absPath, stamp);
      if (hit !== undefined) return hit;
      reads++;
      let refs: ScriptRefs | null;
      try {
        refs = refsOfBytes(await readFile(absPath));
      } catch {
        refs = null;
      }
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(absPath, { size: stamp.size, mtimeMs: stamp.mtimeMs, ino: stamp.ino, refs });
      return refs;
    },
    refsNow(absPath, stamp) {
      const hit = this.peek(absPath, stamp);
      if (hit !== undefined) return hit;
      reads++;
      let refs: ScriptRefs | null;
      try {
        refs = refsOfBytes(readFileSync(absPath));
      } catch {
        refs = null;
      }
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(absPath, { size: stamp.size, mtimeMs: stamp.mtimeMs, ino: stamp.ino, refs });
      return refs;
    },
  };
}

/** A NUL byte: not text (a packed asset with a .json name), so it names nothing; not decoded or scanned. */
function refsOfBytes(bytes: Buffer): ScriptRefs {
  return extractRefs(bytes.includes(0) ? '' : bytes.toString('utf8'));
}

const REQUIRE = /\brequire\s*\(\s*(['"`])([^'"`\n\r$]+)\1\s*\)/g;
const IMPORT_FROM = /\bimport\s+(?:[\w$*{}\s,]+\s+from\s*)?(['"])([^'"\n\r]+)\1/g;
const EXPORT_FROM = /\bexport\s+(?:\*(?:\s+as\s+[\w$]+)?|\{[\w$\s,]*\})\s*from\s*(['"])([^'"\n\r]+)\1/g;
/**
 * A call of require (not a property `x.require(`, not its definition `function require(`) whose
 * argument is not one plain string: `require(name)`, `require('a/' + n)`, `require(\`a/${n}\`)`.
 */
const DYNAMIC_REQUIRE = /(?<![\w$.]|function\s)require\s*\(\s*(?!(['"])[^'"`\n\r]*\1\s*\)|`[^`$\n\r]*`\s*\)|\))([^)\n\r]{1,60})/g;
/** A string that may be a file's name or the tail of a path: no spaces, no scheme. */
const NAME_LIKE = /^[\w@.\-/]{1,200}$/;
const IMPORT_CALL = /\bimport\s*\(\s*(['"`])([^'"`\n\r]+)\1\s*\)/g;
const STRING = /'((?:[^'\\\n\r]|\\.){1,260})'|"((?:[^"\\\n\r]|\\.){1,260})"|`((?:[^`\\$\n\r]|\\.){1,260})`/g;
/** A relative path with a file extension; no scheme, no spaces at the ends. */
const PATH_LIKE = /^(?!\s)(?![a-z][a-z0-9+.-]*:)[^<>|*?"'`\n\r]*[^\s/]\.[A-Za-z0-9]{1,10}$/i;

export function extractRefs(source: string): ScriptRefs {
  const requires = new Set<string>();
  for (const pattern of [REQUIRE, IMPORT_FROM, EXPORT_FROM, IMPORT_CALL]) {
    for (const match of source.matchAll(pattern)) if (match[2]) requires.add(match[2]);
  }
  const dynamic = new Set<string>();
  for (const match of source.matchAll(DYNAMIC_REQUIRE)) dynamic.add(`require(${(match[2] ?? '').trim()}${match[2]?.length === 60 ? '…' : ')'}`);
  const literals = new Set<string>();
  const names = new Set<string>();
  for (const match of source.matchAll(STRING)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    if (!requires.has(text) && PATH_LIKE.test(text)) literals.add(text);
    if (NAME_LIKE.test(text)) addNames(names, text);
  }
  return { requires: [...requires], literals: [...literals], dynamic: [...dynamic], names: [...names] };
}

function addNames(names: Set<string>, text: string): void {
  const last = text.slice(text.lastIndexOf('/') + 1);
  if (last === '') return;
  names.add(last);
  const dot = last.lastIndexOf('.');
  if (dot > 0) names.add(last.slice(0, dot));
}
