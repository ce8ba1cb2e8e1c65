/**
 * Compression results by content and options: `<sha1 of the source>-<target key>`. Looked up in
 * memory (one session: the app, a watch, one CLI run), then on disk beside OUT (store.ts), and
 * only then encoded. A session keeps in memory exactly the results its last layout of each OUT
 * used, so memory is bounded by the project's compressed images.
 *
 * A result found on disk is not read: its encoded file in the cache is what the build keeps in
 * OUT or links or copies there (output/in-place.ts, output/write-one.ts), checked there as an
 * unchanged copy is (onTheIndexWord). Only bytes encoded in this session are held in memory,
 * until they are saved.
 */
import { availableParallelism } from 'node:os';
import { open, readFile } from 'node:fs/promises';
import { SOURCE_CHANGED, sha1Bytes } from '../hash-cache.js';
import { mapLimit } from '../output/concurrency.js';
import { encodeImage, isImageSignature, SIGNATURE_BYTES } from './encode.js';
import { blobPathOf, blobUnchanged, cacheKey, checkBlob, readIndex, saveIndex, type StoredResult } from './store.js';
import type { Target } from './targets.js';

/** Images encoded at once: the encoder runs on libuv's threads, one core each. */
const ENCODE_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));
/** Cached results read at once (small files from disk). */
const LOOKUP_CONCURRENCY = 32;

/** At most `limit` encodes at once, in the order asked, across every lookup of the process. */
function slots(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const encodeSlot = slots(ENCODE_CONCURRENCY);

export interface OptimizeInput {
  /** Logical path (for messages). */
  readonly path: string;
  readonly abs: string;
  /** sha1 of the source as hashed for this build. */
  readonly hash: string;
  readonly target: Target;
}

export interface Optimized extends StoredResult {
  readonly key: string;
  /**
   * The bytes to ship when they are in memory (just encoded, or read to be checked); null when the
   * original ships or when they are only in the cache file `cached`.
   */
  readonly content: Buffer | null;
  /** The cache file that holds the bytes to ship, with its stat in `blob`; null when not (yet) on disk. */
  readonly cached: string | null;
}

/** One result of a session: settled (`result`) or still being looked up or encoded. */
interface Entry {
  readonly pending: Promise<Optimized>;
  result: Optimized | null;
}

interface Session {
  readonly memo: Map<string, Entry>;
  /** The disk index of each OUT, read once per session. */
  readonly disk: Map<string, Promise<Map<string, StoredResult>>>;
  /** What the last layout of each OUT used: what a build saves, and what memory keeps. */
  readonly used: Map<string, Map<string, Entry>>;
}

const sessions = new WeakMap<object, Session>();

function sessionOf(owner: object): Session {
  let session = sessions.get(owner);
  if (!session) {
    session = { memo: new Map(), disk: new Map(), used: new Map() };
    sessions.set(owner, session);
  }
  return session;
}

type EncodeListener = (path: string, key: string) => void;
const listeners = new Set<EncodeListener>();

/** Called for every image actually encoded (not found in a cache): tests and the benchmark count them. */
export function observeEncodes(listener: EncodeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface LookupOptions {
  /** What the session is keyed by (the layout's hash cache). */
  readonly owner: object;
  /** The OUT whose cache folder is read. */
  readonly outDir: string;
  readonly signal?: AbortSignal;
  /** A layout: this becomes what the OUT's next save keeps. measureSavings only looks. */
  readonly track: boolean;
  /**
   * Not tracked, but kept in memory under this name (one set per name, the last lookup's): a
   * planner's what-if encodings survive the next layout's pruning, so asking again encodes
   * nothing, and never become what a build saves.
   */
  readonly retain?: string;
  /** Called as each input's result arrives (for progress). */
  readonly onResult?: (index: number) => void;
}

/**
 * One result per input, in order: from memory, from disk, or encoded now. What can be answered
 * at once (in memory with its file's stat unchanged, or from the index) is, without a promise per
 * image: a warm build in a new process reads the index and nothing else here.
 */
export async function optimizeAll(inputs: readonly OptimizeInput[], options: LookupOptions): Promise<Optimized[]> {
  const session = sessionOf(options.owner);
  let disk = session.disk.get(options.outDir);
  if (!disk) {
    disk = readIndex(options.outDir);
    session.disk.set(options.outDir, disk);
  }
  const stored = inputs.length > 0 ? await disk : new Map<string, StoredResult>();
  const used = new Map<string, Entry>();
  const results = new Array<Optimized>(inputs.length);
  const later: number[] = [];
  const entries = inputs.map((input, index) => {
    const key = cacheKey(input.hash, input.target.key);
    let entry = session.memo.get(key);
    // A result this session took from the cache file holds while that file keeps its stat (one
    // lstat); one that lost it is read and hashed, never again taken on the index's word.
    let doubted = false;
    if (entry?.result && !stillOnDisk(entry.result)) {
      entry = undefined;
      doubted = true;
    }
    if (!entry) {
      const known = stored.get(key);
      const result = known && !doubted ? onTheIndexWord(known, key, options.outDir) : null;
      entry = result ? { pending: Promise.resolve(result), result } : lookUpLater(session, input, key, known, options.outDir);
      session.memo.set(key, entry);
    }
    used.set(key, entry);
    if (entry.result) {
      results[index] = entry.result;
      options.onResult?.(index);
    } else later.push(index);
    return entry;
  });
  await mapLimit(
    later,
    LOOKUP_CONCURRENCY,
    async (index) => {
      results[index] = await (entries[index] as Entry).pending;
      options.onResult?.(index);
    },
    options.signal,
  );
  if (!options.track && options.retain !== undefined) retain(session, options.retain, used);
  if (options.track) {
    session.used.set(options.outDir, used);
    const kept = new Set<string>();
    for (const keys of session.used.values()) for (const key of keys.keys()) kept.add(key);
    for (const key of session.memo.keys()) if (!kept.has(key)) session.memo.delete(key);
  }
  return results;
}

function stillOnDisk(result: Optimized): boolean {
  return result.content !== null || result.cached === null || blobUnchanged(result.cached, result.bytes, result.blob);
}

/** What-if sets kept per session: the newest few names (the planner asks for at most a handful of option sets). */
const MAX_RETAINED = 8;
const RETAIN_PREFIX = '\u0000retain:';

function retain(session: Session, name: string, used: Map<string, Entry>): void {
  const key = `${RETAIN_PREFIX}${name}`;
  // Re-inserted last: the Map's order is the age; a name never equals an OUT (saveUsed reads those).
  session.used.delete(key);
  session.used.set(key, used);
  const retained = [...session.used.keys()].filter((k) => k.startsWith(RETAIN_PREFIX));
  for (const old of retained.slice(0, Math.max(0, retained.length - MAX_RETAINED))) session.used.delete(old);
}

/**
 * A stored result answered without a read or a stat: the original ships, or its cache file had
 * the stat kept when the studio last wrote or hashed it. What ships from it is checked where it
 * ships, as an unchanged copy is: an OUT file kept in place by its own stat against the build
 * cache's record of these bytes (output/in-place.ts), a link or copy of the cache file by the
 * stat or the hash of what was made (output/write-one.ts). Other bytes make the build start over
 * (a changed source), and its second lookup finds this session's result off its stat and reads
 * the file. A warm build of 500 images saves 500 lstats on the main thread (docs/OPTIMIZE.md).
 */
function onTheIndexWord(stored: StoredResult, key: string, outDir: string): Optimized | null {
  if (stored.hash === null) return { ...stored, key, content: null, cached: null };
  // No stat kept (an index of version 1): read and hashed once (lookUp).
  if (!stored.blob) return null;
  return { ...stored, key, content: null, cached: blobPathOf(outDir, stored) };
}

function lookUpLater(session: Session, input: OptimizeInput, key: string, stored: StoredResult | undefined, outDir: string): Entry {
  const entry: Entry = { pending: lookUp(input, key, stored, outDir), result: null };
  entry.pending.then(
    (result) => {
      entry.result = result;
    },
    // A failed read must not stay in the cache: the next layout tries again.
    () => session.memo.get(key) === entry && session.memo.delete(key),
  );
  return entry;
}

async function lookUp(input: OptimizeInput, key: string, stored: StoredResult | undefined, outDir: string): Promise<Optimized> {
  if (stored && stored.hash !== null) {
    const blob = await checkBlob(outDir, stored);
    // Read to be checked (its stat was not the one kept): it ships from the file, and the index keeps the new stat.
    if (blob) return { ...stored, blob: blob.stamp, key, content: null, cached: blob.path };
  }
  return encodeSlot(() => encodeNow(input, key));
}

async function encodeNow(input: OptimizeInput, key: string): Promise<Optimized> {
  // A file that starts like no image (a .png of other bytes) ships as it is: known from its first
  // bytes, without reading it whole or loading the encoder.
  // (Keyed by the hash of the bytes hashed: if the file changed since, the verdict still only
  // means the original ships, which is always true to its bytes.)
  const head = await readHead(input.abs);
  if (!isImageSignature(head.bytes)) {
    for (const listener of listeners) listener(input.path, key);
    return { key, mode: input.target.mode, originalBytes: head.size, hash: null, bytes: null, reason: 'could not be decoded (its first bytes are no image signature)', content: null, cached: null };
  }
  const source = await readFile(input.abs);
  // The bytes read must be the ones hashed: their names and the manifest come from that hash.
  if (sha1Bytes(source) !== input.hash) throw Object.assign(new Error(`${input.abs} changed while it was being read`), { code: SOURCE_CHANGED, path: input.abs });
  for (const listener of listeners) listener(input.path, key);
  const encoded = await encodeImage(source, input.target);
  const content = encoded.bytes;
  return {
    key,
    mode: encoded.mode,
    originalBytes: source.length,
    hash: content ? sha1Bytes(content) : null,
    bytes: content ? content.length : null,
    ...(encoded.reason ? { reason: encoded.reason } : {}),
    content,
    cached: null,
  };
}

async function readHead(path: string): Promise<{ bytes: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SIGNATURE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SIGNATURE_BYTES, 0);
    return { bytes: buffer.subarray(0, bytesRead), size: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

/**
 * After a build has put OUT in place: the disk cache beside it keeps exactly what that build's
 * layout used (store.ts). The owner's memory of the disk index becomes what was saved, and the
 * results it encoded let their bytes go: from now on they ship from their cache files.
 */
export async function saveUsed(owner: object, outDir: string): Promise<void> {
  const session = sessions.get(owner);
  const used = session?.used.get(outDir);
  if (!session || !used) return;
  const entries = await Promise.all(
    [...used].map(async ([key, entry]) => {
      const { content, key: _key, cached, ...result } = await entry.pending;
      return { key, result, bytes: content, from: cached };
    }),
  );
  const onDisk = await (session.disk.get(outDir) ?? Promise.resolve(new Map<string, StoredResult>()));
  // The disk already holds exactly these, with these stats: nothing to write.
  const same = onDisk.size === entries.length && entries.every((entry) => sameStored(onDisk.get(entry.key), entry.result));
  if (same) return;
  const saved = await saveIndex(outDir, entries);
  if (!saved) return;
  session.disk.set(outDir, Promise.resolve(saved));
  // What was saved from memory now ships from its cache file, and memory lets its bytes go.
  for (const [key, entry] of used) {
    const stored = saved.get(key);
    const path = stored ? blobPathOf(outDir, stored) : null;
    if (!entry.result?.content || !stored?.blob || path === null) continue;
    const result: Optimized = { ...entry.result, blob: stored.blob, content: null, cached: path };
    const next: Entry = { pending: Promise.resolve(result), result };
    used.set(key, next);
    if (session.memo.get(key) === entry) session.memo.set(key, next);
  }
}

function sameStored(a: StoredResult | undefined, b: StoredResult): boolean {
  if (!a || a.hash !== b.hash) return false;
  if (b.hash === null) return true;
  return a.blob !== undefined && b.blob !== undefined && a.blob.mtimeMs === b.blob.mtimeMs && a.blob.ino === b.blob.ino;
}
