/**
 * Which files start like an image (encode.ts `isImageSignature`), from their first bytes only:
 * a planner asks before hashing and encoding, so a game's .png of other bytes (a packed engine
 * asset) costs one small read, once per file stamp and session.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isImageSignature, SIGNATURE_BYTES } from './encode.js';

export interface Stamped {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino?: number;
}

interface Verdict {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly image: boolean;
}

/**
 * Files read per slice: 12 bytes each, read synchronously (an open, a read and a close cost
 * microseconds; through the thread pool each waits behind the hashing and encoding), with the
 * event loop free between slices, as the scan's stat calls.
 */
const SLICE = 256;
const sessions = new WeakMap<object, Map<string, Verdict>>();

/** The files of `files` whose first bytes are an image signature; a file that can't be read is left to the encoder (it says why). */
export async function filesStartingLikeImages(sourceDir: string, files: readonly Stamped[], owner: object): Promise<Stamped[]> {
  let known = sessions.get(owner);
  if (!known) {
    known = new Map();
    sessions.set(owner, known);
  }
  const head = Buffer.alloc(SIGNATURE_BYTES);
  const out: Stamped[] = [];
  let read = 0;
  for (const file of files) {
    const seen = known.get(file.path);
    const ino = file.ino ?? 0;
    let image: boolean;
    if (seen && seen.size === file.size && seen.mtimeMs === file.mtimeMs && seen.ino === ino) image = seen.image;
    else {
      if (++read % SLICE === 0) await yieldToLoop();
      image = startsLikeImage(join(sourceDir, file.path), head);
      known.set(file.path, { size: file.size, mtimeMs: file.mtimeMs, ino, image });
    }
    if (image) out.push(file);
  }
  return out;
}

function startsLikeImage(abs: string, head: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return true;
  }
  try {
    const bytesRead = readSync(fd, head, 0, SIGNATURE_BYTES, 0);
    return isImageSignature(head.subarray(0, bytesRead));
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
}
