/**
 * The ownership record (`.OUT.minigame-studio/owner.json`): what the last build put in place, by
 * identity (device and inode, which a rename keeps and a user's new file or folder does not), and
 * the files it wrote inside OUT, so the next build can tell its own files from ones added later.
 *
 * Builds made before the record existed are recognised by their content instead (legacy proofs
 * below): an OUT holding the studio's manifest, an OUT-res holding only files that manifest sends
 * there, a report that reads as a studio report.
 */
import { closeSync, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MANIFEST_FILE } from '../../../shared/manifest.js';
import { toPosix } from '../paths.js';
import type { OutputLayout } from '../types.js';
import { writeFileAtomic } from '../atomic-write.js';
import { arrayJson, jsonWith } from '../record-json.js';

export const WRITER = 'minigame-studio';
const VERSION = 1;

export interface OwnerRecord {
  readonly writer: typeof WRITER;
  readonly version: typeof VERSION;
  /** Identities (output/real-paths.ts ownershipIdOf) of what the build put in place; null: nothing there. */
  readonly out: string | null;
  readonly res: string | null;
  readonly report: string | null;
  /** Every file the studio wrote inside OUT (POSIX, relative). */
  readonly files: readonly string[];
  /**
   * Every file the studio wrote inside OUT-res (POSIX, relative). Records written before it existed
   * have none; then the next build replaces OUT and OUT-res whole instead of updating them in place.
   */
  readonly resFiles?: readonly string[];
}

export function ownerRecord(fields: Omit<OwnerRecord, 'writer' | 'version'>): OwnerRecord {
  return { writer: WRITER, version: VERSION, ...fields };
}

export function isOwnerRecord(value: unknown): value is OwnerRecord {
  const record = value as OwnerRecord | null;
  return typeof record === 'object' && record !== null && record.writer === WRITER && record.version === VERSION && Array.isArray(record.files);
}

/**
 * The record as this process last wrote or read it, by path, with the identity of that file
 * (device, inode, size, mtime): while the file on disk keeps it, a read returns the same object
 * instead of parsing 5,000 file names again, and a build can tell that no other build has
 * committed since (output/out-stats.ts). The record's own claims are checked as always: each of
 * OUT, OUT-res and the report against its identity on disk (guards.ts).
 */
const remembered = new Map<string, { readonly id: string; readonly record: OwnerRecord }>();

function fileId(stats: { dev: number; ino: number; size: number; mtimeMs: number }): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * The record, or null when there is none (or it is not the studio's). Synchronous underneath: read
 * at every build, mostly just a stat (see lstatOrNull, real-paths.ts).
 */
export async function readOwner(path: string): Promise<OwnerRecord | null> {
  const known = remembered.get(path);
  try {
    if (known) {
      const stats = lstatSync(path);
      if (stats.isFile() && fileId(stats) === known.id) return known.record;
    }
    const fd = openSync(path, 'r');
    let id: string;
    let parsed: unknown;
    try {
      // The identity of the bytes read, not of whatever is at the path a moment later.
      id = fileId(fstatSync(fd));
      parsed = JSON.parse(readFileSync(fd, 'utf8'));
    } finally {
      closeSync(fd);
    }
    if (!isOwnerRecord(parsed)) {
      remembered.delete(path);
      return null;
    }
    remembered.set(path, { id, record: parsed });
    return parsed;
  } catch {
    remembered.delete(path);
    return null;
  }
}

/** The record this process last wrote or read at `path`, without looking at the disk (null: none). */
export function rememberedOwner(path: string): OwnerRecord | null {
  return remembered.get(path)?.record ?? null;
}

const listsOfLayout = new WeakMap<OutputLayout, { readonly files: readonly string[]; readonly resFiles: readonly string[] }>();

/** The files a layout puts in OUT and in OUT-res, as the record lists them; made once per layout, so that their JSON is too. */
export function ownedFilesOf(layout: OutputLayout): { readonly files: readonly string[]; readonly resFiles: readonly string[] } {
  let lists = listsOfLayout.get(layout);
  if (!lists) {
    lists = { files: layout.files.filter((file) => !file.remote).map((file) => file.out), resFiles: layout.files.filter((file) => file.remote).map((file) => file.out) };
    listsOfLayout.set(layout, lists);
  }
  return lists;
}

/** The record as UTF-8 JSON, then `end` (its file lists' JSON made once per list: record-json.ts). */
export function ownerJson(record: OwnerRecord, end = ''): Buffer {
  const { files, resFiles, ...fields } = record;
  return jsonWith(fields, { files: arrayJson(files), resFiles: resFiles && arrayJson(resFiles) }, end);
}

export async function writeOwner(path: string, record: OwnerRecord): Promise<void> {
  remembered.delete(path);
  const written = await writeFileAtomic(path, ownerJson(record, '\n'));
  remembered.set(path, { id: fileId(written), record });
}

/** Legacy proof for OUT: the studio's manifest is inside. */
export async function readManifestOf(outDir: string): Promise<{ remote: Set<string> } | null> {
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  const remote = new Set<string>();
  try {
    const json = text.replace(/^module\.exports = /, '').replace(/;\s*$/, '');
    const manifest = JSON.parse(json) as { files?: Record<string, { out?: unknown; where?: unknown }> };
    for (const entry of Object.values(manifest.files ?? {})) if (entry.where === 'remote' && typeof entry.out === 'string') remote.add(entry.out);
  } catch {
    // The manifest is there but unreadable: still the studio's folder, with nothing remote known.
  }
  return { remote };
}

/** Legacy proof for OUT-res: every file in it is one the manifest of OUT sends there. */
export async function holdsOnly(dir: string, expected: ReadonlySet<string>): Promise<boolean> {
  try {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) continue;
      if (!entry.isFile() || !expected.has(toPosix(relative(dir, join(entry.parentPath, entry.name))))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Legacy proof for OUT.report.json: a JSON report as the studio writes it. */
export async function looksLikeReport(path: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { platform?: unknown; problems?: unknown };
    return (parsed.platform === 'wechat' || parsed.platform === 'alipay') && Array.isArray(parsed.problems);
  } catch {
    return false;
  }
}
