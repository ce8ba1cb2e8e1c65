/**
 * sha1 of files on worker threads, so hashing a 500 MB project uses every core instead of the
 * one the engine runs on (the main thread meanwhile plans, copies and answers the app).
 *
 * Every file goes to the workers, small ones too, several to a message: on the main thread a
 * small file cost a promise-based read (open, fstat, read, close: four trips through libuv's
 * pool, which the build's copies keep busy) and its hash, about 0.7 s of the main thread's time
 * for 3,700 small files of the bench's project; a worker reads it with four plain system calls.
 * A message carries files up to BATCH_BYTES (at least one), so a big file is a message of its own
 * and 64 small ones share one round trip.
 *
 * The worker is plain CommonJS given as source text (`eval: true`): it needs no loader, so it
 * runs the same under tsx, vitest and the bundled Electron app. Workers start on first use (or
 * `warmHashWorkers`), are kept while jobs are queued, and never keep the process alive when idle.
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
function hashOne(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha1');
    let n;
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, n));
    const after = fstatSync(fd);
    return { hash: hash.digest('hex'), size: after.size, mtimeMs: after.mtimeMs, ino: after.ino };
  } catch (error) {
    return { error: { message: String(error && error.message), code: error && error.code } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
parentPort.on('message', ({ id, paths }) => {
  parentPort.postMessage({ id, results: paths.map(hashOne) });
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
  readonly path: string;
  /** Expected size (the scan's), to fill a message; only a hint. */
  readonly size: number;
  resolve(read: HashedRead): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** The message being worked on: its id and jobs, in order. */
  batch: { readonly id: number; readonly jobs: readonly Job[] } | null;
}

type Result = Partial<HashedRead> & { error?: { message: string; code?: string } };

/** One worker per core, at most 4: hashing is bound by memory bandwidth beyond that. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism()));
/** Bytes of files sent in one message (a bigger file goes alone). */
const BATCH_BYTES = 1 << 20;
/** Files sent in one message, at most. */
const BATCH_FILES = 64;

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 0;

function settle(job: Job, result: Result | undefined): void {
  if (result?.hash) job.resolve({ hash: result.hash, size: result.size ?? -1, mtimeMs: result.mtimeMs ?? -1, ino: result.ino ?? -1 });
  else job.reject(Object.assign(new Error(result?.error?.message ?? `Could not read ${job.path}`), { code: result?.error?.code }));
}

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const slot: Slot = { worker, batch: null };
  worker.on('message', (message: { id: number; results: Result[] }) => {
    const batch = slot.batch;
    slot.batch = null;
    if (batch && batch.id === message.id) batch.jobs.forEach((job, index) => settle(job, message.results[index]));
    pump();
  });
  worker.on('error', (error) => {
    // A worker that died takes its message with it: fail those jobs, replace the worker.
    const batch = slot.batch;
    slot.batch = null;
    slots.splice(slots.indexOf(slot), 1);
    for (const job of batch?.jobs ?? []) job.reject(error);
    pump();
  });
  worker.unref();
  slots.push(slot);
  return slot;
}

/** The next message's jobs: the queue's head, then more while they fit in BATCH_BYTES. */
function takeBatch(): Job[] {
  const jobs = [queue.shift() as Job];
  let bytes = jobs[0]!.size;
  while (queue.length > 0 && jobs.length < BATCH_FILES && bytes + queue[0]!.size <= BATCH_BYTES) {
    const job = queue.shift() as Job;
    bytes += job.size;
    jobs.push(job);
  }
  return jobs;
}

function send(slot: Slot): void {
  const jobs = takeBatch();
  slot.batch = { id: nextId++, jobs };
  slot.worker.postMessage({ id: slot.batch.id, paths: jobs.map((job) => job.path) });
}

function pump(): void {
  for (const slot of slots) if (!slot.batch && queue.length > 0) send(slot);
  while (queue.length > 0 && slots.length < POOL_SIZE) send(startSlot());
  for (const slot of slots) {
    if (slot.batch) slot.worker.ref();
    else slot.worker.unref();
  }
}

/**
 * Starts the workers now, so their start (a thread and a V8 isolate each, tens of ms) overlaps
 * what the build does before it hashes (settings, scan, plan) instead of delaying the first hash.
 */
export function warmHashWorkers(): void {
  while (slots.length < POOL_SIZE) startSlot();
}

/**
 * sha1 hex of a file's content, computed on a worker thread, with the file's stat after the read.
 * `size`: the size the caller expects (it only decides how many files share a message).
 */
export function sha1FileOnWorker(path: string, size = BATCH_BYTES): Promise<HashedRead> {
  return new Promise<HashedRead>((resolve, reject) => {
    queue.push({ path, size, resolve, reject });
    pump();
  });
}
