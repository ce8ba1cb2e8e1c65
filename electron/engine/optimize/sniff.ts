/**
 * Which files start like an image (encode.ts `isImageSignature`), from their first bytes only:
 * a planner asks before hashing and encoding, so a game's .png of other bytes (a packed engine
 * asset) costs one small read, once per file stamp and session.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../output/concurrency.js';
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

const READ_CONCURRENCY = 32;
const sessions = new WeakMap<object, Map<string, Verdict>>();

/** The files of `files` whose first bytes are an image signature; a file that can't be read is left to the encoder (it says why). */
export async function filesStartingLikeImages(sourceDir: string, files: readonly Stamped[], owner: object): Promise<Stamped[]> {
  let known = sessions.get(owner);
  if (!known) {
    known = new Map();
    sessions.set(owner, known);
  }
  const verdicts = await mapLimit(files, READ_CONCURRENCY, async (file) => {
    const seen = known.get(file.path);
    const ino = file.ino ?? 0;
    if (seen && seen.size === file.size && seen.mtimeMs === file.mtimeMs && seen.ino === ino) return seen.image;
    const image = await startsLikeImage(join(sourceDir, file.path));
    known.set(file.path, { size: file.size, mtimeMs: file.mtimeMs, ino, image });
    return image;
  });
  return files.filter((_, i) => verdicts[i] !== false);
}

async function startsLikeImage(abs: string): Promise<boolean> {
  try {
    const handle = await open(abs, 'r');
    try {
      const head = Buffer.alloc(SIGNATURE_BYTES);
      const { bytesRead } = await handle.read(head, 0, SIGNATURE_BYTES, 0);
      return isImageSignature(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return true;
  }
}
