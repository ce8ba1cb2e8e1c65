/**
 * Stats of many files on worker threads, so that they run on another core while the main thread
 * works: the two O(files) stat passes of a rebuild after one change.
 *
 * 1. Is an inventory still the game folder on disk? The app's build from its live analysis asks this
 * before it puts anything in place: a file saved a moment ago may not have reached the watcher yet.
 * It is the question `scan` + comparing answers, asked on a worker thread, so that the stat of
 * every source file (the largest cost of a rebuild after one change) runs on another core while
 * the main thread checks OUT and writes the changed files.
 *
 * The answer is the scan's, for the inventories it can judge: every file with the same size,
 * mtime and inode, still a readable regular file, and no folder holding a name the inventory does
 * not know (dotfiles and the top level's `build/` and project file left out, as scan does). An
 * inventory with a symbolic link, an entry the scan could not take, or a link out of the game is
 * not judged here (`null`): the caller scans, since following links by real path is scan's own.
 *
 * 2. The stat of every file the previous build wrote in OUT and OUT-res (statOutputs), taken while
 *    the build plans and lays out, for the update in place's check that each is as the build
 *    wrote it (output/in-place.ts).
 *
 * Like hash-workers.ts, the worker is CommonJS source text (`eval: true`): no loader needed under
 * tsx, vitest, the bundled CLI or Electron. It starts on first use and never keeps the process
 * alive when idle.
 */
import { Worker } from 'node:worker_threads';
import { PROJECT_FILE_NAME } from '../../shared/project-file.js';
import type { FileStamp } from './output/build-cache.js';
import type { Inventory } from './types.js';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { lstatSync, readdirSync } = require('node:fs');
function canRead(info, me) {
  if (!me || me.uid === 0) return true;
  if (info.uid === me.uid) return (info.mode & 0o400) !== 0;
  if (info.gid === me.gid || me.groups.includes(info.gid)) return (info.mode & 0o040) !== 0;
  return (info.mode & 0o004) !== 0;
}
// Paths by appending to the root (no path.join per file), names without Dirent objects: the
// allocations were most of the check's cost (its garbage collection alone ~40 ms per 5,000 files).
function check({ root, paths, stamps, folders, skippedTop, me }) {
  const files = paths === '' ? [] : paths.split('\\n');
  folders = folders === '' ? [] : folders.split('\\n');
  const base = root.endsWith('/') || root.endsWith('\\\\') ? root : root + '/';
  const known = new Set(folders);
  // Not followed through a link: a link, to a file or a folder, is judged by scan (its real target).
  for (let i = 0; i < files.length; i++) {
    const info = lstatSync(base + files[i], { throwIfNoEntry: false });
    if (!info || !info.isFile() || info.size !== stamps[3 * i] || info.mtimeMs !== stamps[3 * i + 1] || info.ino !== stamps[3 * i + 2] || !canRead(info, me)) return false;
    known.add(files[i]);
  }
  for (const folder of folders) {
    const info = lstatSync(base + folder, { throwIfNoEntry: false });
    if (!info || !info.isDirectory()) return false;
  }
  // Every name is a file or folder just proven as the inventory has it; any other name is a change.
  for (const folder of ['', ...folders]) {
    for (const name of readdirSync(folder === '' ? root : base + folder)) {
      if (name.startsWith('.') || (folder === '' && skippedTop.includes(name))) continue;
      if (!known.has(folder === '' ? name : folder + '/' + name)) return false;
    }
  }
  return true;
}
// Per path: size, mtimeMs, ino of a regular file (not followed through a link); size -1 otherwise.
function lstatAll(paths) {
  const list = paths === '' ? [] : paths.split('\\n');
  const stamps = new Float64Array(list.length * 3);
  for (let i = 0; i < list.length; i++) {
    let info;
    try { info = lstatSync(list[i], { throwIfNoEntry: false }); } catch { info = undefined; }
    if (info && info.isFile()) { stamps[3 * i] = info.size; stamps[3 * i + 1] = info.mtimeMs; stamps[3 * i + 2] = info.ino; }
    else stamps[3 * i] = -1;
  }
  return stamps;
}
parentPort.on('message', ({ id, job, paths }) => {
  if (paths !== undefined) {
    const stamps = lstatAll(paths);
    parentPort.postMessage({ id, stamps }, [stamps.buffer]);
    return;
  }
  let same = false;
  try { same = check(job); } catch { same = false; }
  parentPort.postMessage({ id, same });
});
`;

/** What scan leaves out at the top of the game folder (scan.ts TOP_LEVEL_SKIPPED). */
const SKIPPED_TOP = ['build', PROJECT_FILE_NAME];

/**
 * One worker per kind of job: the app's build asks both at once (the analysis's check, then OUT's
 * stats), and one worker would make the second wait for the first.
 */
type Kind = 'inventory' | 'outputs';
interface Answer {
  readonly same?: boolean;
  readonly stamps?: Float64Array;
}
interface StatWorker {
  readonly worker: Worker;
  readonly waiting: Map<number, (answer: Answer | null) => void>;
}
const workers = new Map<Kind, StatWorker>();
let nextId = 0;

function startWorker(kind: Kind): StatWorker {
  const started: StatWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), waiting: new Map() };
  started.worker.on('message', ({ id, ...answer }: Answer & { id: number }) => {
    started.waiting.get(id)?.(answer);
    started.waiting.delete(id);
    if (started.waiting.size === 0) started.worker.unref();
  });
  started.worker.on('error', () => {
    // A worker that died answers no one: they stat on the main thread (or scan) instead.
    if (workers.get(kind) === started) workers.delete(kind);
    for (const answer of started.waiting.values()) answer(null);
    started.waiting.clear();
  });
  workers.set(kind, started);
  return started;
}

function ask(kind: Kind, message: object, transfer: ArrayBuffer[]): Promise<Answer | null> {
  const { worker, waiting } = workers.get(kind) ?? startWorker(kind);
  const id = nextId++;
  const answer = new Promise<Answer | null>((resolve) => waiting.set(id, resolve));
  worker.ref();
  worker.postMessage({ id, ...message }, transfer);
  return answer;
}

/** The paths as one string, per array (the app's builds stat the same 5,000 paths while OUT is unchanged); null: a name with a line break. */
const joinedPaths = new WeakMap<readonly string[], string | null>();

/**
 * Starts the lstat of each absolute path; resolves to size, mtimeMs and ino per path, in order
 * (size -1: missing, or not a regular file), or to null when the worker could not answer (the
 * caller stats itself).
 */
export function statOutputStamps(paths: readonly string[]): Promise<Float64Array | null> {
  let joined = joinedPaths.get(paths);
  if (joined === undefined) {
    joined = paths.some((path) => path.includes('\n')) ? null : paths.join('\n');
    joinedPaths.set(paths, joined);
  }
  if (joined === null) return Promise.resolve(null);
  return ask('outputs', { paths: joined }, []).then((answer) => {
    const stamps = answer?.stamps;
    return stamps && stamps.length === paths.length * 3 ? stamps : null;
  });
}

/** statOutputStamps by path: each one's stamp (null: missing, or not a regular file), or null when the worker could not answer. */
export async function statOutputs(paths: readonly string[]): Promise<Map<string, FileStamp | null> | null> {
  const stamps = await statOutputStamps(paths);
  if (!stamps) return null;
  const stats = new Map<string, FileStamp | null>();
  paths.forEach((path, i) => {
    const size = stamps[3 * i] as number;
    stats.set(path, size < 0 ? null : { size, mtimeMs: stamps[3 * i + 1] as number, ino: stamps[3 * i + 2] as number });
  });
  return stats;
}

/**
 * Starts the check: resolves true when the inventory is still the files on disk, false when
 * anything differs (a link met on the way counts as a difference: scan judges links). Null, at
 * once, for an inventory that needs scan's own rules (unreadable entries, links out of the game).
 */
export function inventoryStillOnDisk(inventory: Inventory): Promise<boolean> | null {
  if (!inventory.folders || inventory.unreadable.length > 0 || (inventory.linksOutside?.length ?? 0) > 0) return null;
  // Paths as one string and stats as one transferred array: cloning 5,000 small values for the
  // worker cost the main thread more than the rest of the check.
  const stamps = new Float64Array(inventory.files.size * 3);
  let i = 0;
  for (const file of inventory.files.values()) {
    stamps[i++] = file.size;
    stamps[i++] = file.mtimeMs;
    stamps[i++] = file.ino ?? -1;
  }
  const me = typeof process.getuid === 'function' ? { uid: process.getuid(), gid: process.getgid?.(), groups: process.getgroups?.() ?? [] } : null;
  // A name with a line break can't be sent this way: scan judges it. (Looked for name by name:
  // splitting the joined text again to count them made 5,000 strings per build.)
  const names = [...inventory.files.keys()];
  const folderNames = [...inventory.folders];
  if (names.some((name) => name.includes('\n')) || folderNames.some((name) => name.includes('\n'))) return null;
  const paths = names.join('\n');
  const folders = folderNames.join('\n');
  const job = { root: inventory.root, paths, stamps, folders, skippedTop: SKIPPED_TOP, me };
  return ask('inventory', { job }, [stamps.buffer]).then((answer) => answer?.same === true);
}
