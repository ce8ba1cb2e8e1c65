/**
 * After each copy: is the file in the temporary folder the bytes the layout described? The layout
 * gave it a size, and under MD5 Cache (or as a remote file) a hash that is in its name and in the
 * manifest; the report and the manifest were written from those. A source rewritten, truncated or
 * deleted between the scan and the end of its copy must not ship under them.
 *
 * - Always: the copy's size is the layout's (one stat of the copy, which the build cache needs
 *   anyway).
 * - A file with a hash: when the source's stat after the copy is the scanned one and the hash was
 *   read while that stat pinned the content (hash-cache.ts, RACY_WINDOW_MS), no write can have
 *   happened between the hash and the end of the copy, so one stat of the source proves it.
 *   Otherwise (a file saved a moment ago, a stat that changed, a hash from a live session) the
 *   copy is hashed and compared: the copy is ours, nobody else writes it, so that answer is final.
 *   A copy that matches ships even if its source changed afterwards.
 * - A file without a hash: its stat after the copy must be the scanned one, since a source
 *   rewritten meanwhile may have been copied half old, half new.
 *
 * A file linked from the previous output instead (output/reuse.ts) is linked only when its hash is
 * the one its scanned stat pins: the build cache recorded that output as the bytes of that stat.
 *
 * Figures and the choice between stat and re-hash: docs/BUILD-OUTPUT.md.
 */
import { statSync } from 'node:fs';
import { StudioError } from '../errors.js';
import { pinsContent, sha1File, type HashCache } from '../hash-cache.js';
import type { OutputFile, Plan } from '../types.js';
import type { FileStamp } from './build-cache.js';
import { dropEntries } from './layout-memo.js';
import { plannedStamps } from './reuse.js';

export interface ChangedFile {
  /** Logical source path. */
  readonly path: string;
  readonly how: 'rewritten' | 'deleted';
}

export interface CopyCheck {
  /** Set when the copy is not the bytes the layout described. */
  readonly changed: ChangedFile | null;
  /** The copy's own stat, for the build cache. */
  readonly written: FileStamp;
  /**
   * Whether the build cache may record this output as a copy of its source at the scanned stat
   * (a later build hard-links it while the source keeps that stat): only when that stat pins the
   * bytes, so that no other content can ever have it.
   */
  readonly reusable: boolean;
}

export interface CopyVerifier {
  /** `startedAt`: Date.now() taken before the copy began. */
  check(file: OutputFile, src: string, temp: string, startedAt: number): Promise<CopyCheck>;
  /**
   * Whether the previous output may be linked for this file: the build cache vouches for its
   * bytes at the scanned stat, so its hash must be the one that stat pins. Else it is copied and
   * checked. (Without a hash cache, as a direct writeOutput call may be, the record alone decides.)
   */
  mayLink(file: OutputFile, src: string): boolean;
}

export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Files named in the message; the rest are counted. */
const NAMED = 10;

/** The build stops: files changed while it was reading (hashing) or copying them. */
export function sourceChanged(files: readonly ChangedFile[], stage: 'reading' | 'copying'): StudioError {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const names = sorted.slice(0, NAMED).map((file) => `${file.path} (${file.how})`);
  if (sorted.length > NAMED) names.push(`and ${sorted.length - NAMED} more`);
  const one = sorted.length === 1;
  const what = one ? `${names[0]} changed` : `${sorted.length} files changed`;
  return new StudioError(
    `${what} while the build was ${stage} ${one ? 'it' : 'them'}${one ? '' : `: ${names.join(', ')}`}. Nothing was written; the previous output is untouched. Build again once ${one ? 'the file has' : 'they have'} stopped changing (an exporter or a sync tool may still be writing ${one ? 'it' : 'them'}).`,
    { code: 'SOURCE_CHANGED', path: sorted[0]?.path },
  );
}

export function createVerifier(plan: Plan, hashes: HashCache | undefined): CopyVerifier {
  const stampOf = plannedStamps(plan);

  return {
    mayLink(file, src) {
      if (file.hash === undefined || !hashes) return true;
      const planned = stampOf(file.source ?? file.out);
      return planned !== undefined && hashes.pinned(src, planned) === file.hash;
    },
    async check(file, src, temp, startedAt) {
      const path = file.source ?? file.out;
      const info = statSync(temp);
      const written = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
      const changed = (how: ChangedFile['how']): CopyCheck => ({ changed: { path, how }, written, reusable: false });
      const planned = stampOf(path);
      const now = statOrNull(src);
      // An unknown inode (0: a hand-made plan) compares by size and mtime.
      const same = planned !== undefined && now !== null && now.size === planned.size && now.mtimeMs === planned.mtimeMs && (planned.ino === 0 || now.ino === planned.ino);
      const how = now === null ? 'deleted' : 'rewritten';
      if (written.size !== file.bytes) return changed(how);

      const pinnedAtCopy = same && pinsContent(planned, startedAt) && planned.ino !== 0;
      if (file.hash === undefined) return same ? { changed: null, written, reusable: pinnedAtCopy } : changed(how);

      const pinned = planned !== undefined && planned.ino !== 0 && hashes?.pinned(src, planned) === file.hash;
      if (!(same && pinned)) {
        const copied = await sha1File(temp, written.size);
        if (copied.hash !== file.hash) {
          // The hash the layout used is not this file's: the next layout must read it again.
          if (hashes) {
            hashes.forget(src);
            dropEntries(hashes);
          }
          return changed(how);
        }
      }
      return { changed: null, written, reusable: pinned || pinnedAtCopy };
    },
  };
}

function statOrNull(path: string): FileStamp | null {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  } catch {
    return null;
  }
}
