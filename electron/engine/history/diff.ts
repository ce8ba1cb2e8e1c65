/**
 * The difference between two builds: per package, then file by file (added, removed, grown,
 * shrunk, biggest first). Data only; diff-format.ts prints it as text or Markdown.
 *
 * A file is keyed by where it ships (its package, or the Remote URL) and its logical path, so a
 * file moved between packages is removed from one and added to the other, and the per-package
 * changes add up to the file changes.
 */
import type { BuildDiff, FileChange, PackageChange, SizeChange, SnapshotInfo } from '../../../shared/history.js';
import type { BuildSnapshot, SnapshotFile } from './snapshot.js';

export const REMOTE = 'remote';

export type { BuildDiff, FileChange, PackageChange, SizeChange, SnapshotInfo } from '../../../shared/history.js';

function change(before: number | null, after: number | null): SizeChange {
  return { before, after, delta: (after ?? 0) - (before ?? 0) };
}

function info(snapshot: BuildSnapshot): SnapshotInfo {
  return { label: snapshot.label, id: snapshot.id, time: snapshot.time, commit: snapshot.git?.commit ?? null, branch: snapshot.git?.branch ?? null };
}

const keyOf = (file: SnapshotFile): string => `${file.remote ? REMOTE : file.package}\0${file.path}`;

/** Biggest change first; the same size by path, so the order never depends on the input's. */
function biggestFirst(a: FileChange, b: FileChange): number {
  return Math.abs(b.delta) - Math.abs(a.delta) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

export function diffBuilds(before: BuildSnapshot, after: BuildSnapshot): BuildDiff {
  const names = [...new Set([...after.packages.map((p) => p.name), ...before.packages.map((p) => p.name)])];
  const packages = names.map((name): PackageChange => {
    const a = before.packages.find((p) => p.name === name);
    const b = after.packages.find((p) => p.name === name);
    return { name, ...change(a?.bytes ?? null, b?.bytes ?? null), limitBytes: b?.limitBytes ?? a?.limitBytes ?? null };
  });

  const old = new Map(before.files.map((f) => [keyOf(f), f]));
  const added: FileChange[] = [];
  const removed: FileChange[] = [];
  const grown: FileChange[] = [];
  const shrunk: FileChange[] = [];
  for (const file of after.files) {
    const key = keyOf(file);
    const was = old.get(key);
    old.delete(key);
    const where = file.remote ? REMOTE : file.package;
    if (!was) added.push({ path: file.path, package: where, ...change(null, file.bytes) });
    else if (file.bytes > was.bytes) grown.push({ path: file.path, package: where, ...change(was.bytes, file.bytes) });
    else if (file.bytes < was.bytes) shrunk.push({ path: file.path, package: where, ...change(was.bytes, file.bytes) });
  }
  for (const file of old.values()) removed.push({ path: file.path, package: file.remote ? REMOTE : file.package, ...change(file.bytes, null) });

  return {
    platform: after.platform,
    before: info(before),
    after: info(after),
    packages,
    total: change(before.totalBytes, after.totalBytes),
    remote: change(before.remoteBytes, after.remoteBytes),
    files: { added: added.sort(biggestFirst), removed: removed.sort(biggestFirst), grown: grown.sort(biggestFirst), shrunk: shrunk.sort(biggestFirst) },
  };
}

/** The largest growth of any one package, in bytes (0 when none grew). */
export function largestPackageGrowth(diff: BuildDiff): { readonly name: string; readonly delta: number } {
  let largest = { name: '', delta: 0 };
  for (const pkg of diff.packages) if (pkg.delta > largest.delta) largest = { name: pkg.name, delta: pkg.delta };
  return largest;
}
