/**
 * sha1 of big files on worker threads, so hashing a 500 MB project uses every core instead of the
 * one the engine runs on (the main thread meanwhile plans, copies and answers the app).
 *
 * The worker is plain CommonJS given as source text (`eval: true`): it needs no loader, so it
 * runs the same under tsx, vitest and the bundled Electron app. Workers start on first use, are
 * kept while jobs are queued, and never keep the process alive when idle.
 *
 * Each answer carries the file's stat taken on the open file right after the last read, so the
 * caller can tell whether the bytes it hashed are the ones the scan saw (hash-cache.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, fstatSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha1');
    let n;
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, n));
    const after = fstatSync(fd);
    parentPort.postMessage({ id, hash: hash.digest('hex'), size: after.size, mtimeMs: after.mtimeMs, ino: after.ino });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

/** A file's sha1 and its stat once it had been read to the end. */
export interface HashedRead {
  readonly hash: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

interface Job {
  readonly id: number;
  readonly path: string;
  resolve(read: HashedRead): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

/** One worker per core, at most 4: hashing is bound by memory bandwidth beyond that. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism()));

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 0;

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const slot: Slot = { worker, job: null };
  worker.on('message', (message: Partial<HashedRead> & { id: number; error?: { message: string; code?: string } }) => {
    const job = slot.job;
    slot.job = null;
    if (job && job.id === message.id) {
      if (message.hash) job.resolve({ hash: message.hash, size: message.size ?? -1, mtimeMs: message.mtimeMs ?? -1, ino: message.ino ?? -1 });
      else job.reject(Object.assign(new Error(message.error?.message ?? `Could not read ${job.path}`), { code: message.error?.code }));
    }
    pump();
  });
  worker.on('error', (error) => {
    // A worker that died takes its job with it: fail that job, replace the worker.
    const job = slot.job;
    slot.job = null;
    slots.splice(slots.indexOf(slot), 1);
    job?.reject(error);
    pump();
  });
  slots.push(slot);
  return slot;
}

function pump(): void {
  for (const slot of slots) {
    if (!slot.job && queue.length > 0) {
      slot.job = queue.shift() as Job;
      slot.worker.postMessage({ id: slot.job.id, path: slot.job.path });
    }
  }
  while (queue.length > 0 && slots.length < POOL_SIZE) {
    const slot = startSlot();
    slot.job = queue.shift() as Job;
    slot.worker.postMessage({ id: slot.job.id, path: slot.job.path });
  }
  for (const slot of slots) {
    if (slot.job) slot.worker.ref();
    else slot.worker.unref();
  }
}

/** sha1 hex of a file's content, computed on a worker thread, with the file's stat after the read. */
export function sha1FileOnWorker(path: string): Promise<HashedRead> {
  return new Promise<HashedRead>((resolve, reject) => {
    queue.push({ id: nextId++, path, resolve, reject });
    pump();
  });
}
