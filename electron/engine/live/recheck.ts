/**
 * The trailing re-check that makes the live report converge on a file's final size.
 *
 * chokidar reports a file's 'change' at most once per 50 ms and drops the events in between with no
 * trailing one (and fs.watch events within 5 ms of each other): a write that lands in several
 * steps (a 5 MiB image, an export from an editor) can be reported at its first step only, and the
 * report would stay at that size. So every path the watcher reports is handed back once more after
 * it has been quiet for longer than that window; the inventory re-stats it and keeps the result only
 * if the size or mtime moved, so a settled file costs one stat and no analysis.
 *
 * This is cheaper than chokidar's awaitWriteFinish, which would hold every report back by its
 * stability threshold and poll each changed file until then.
 */
export const RECHECK_QUIET_MS = 80;

export interface Recheck {
  /** The watcher reported this path: check it again once it has been quiet for a while. */
  saw(path: string): void;
  close(): void;
}

export function createRecheck(onDue: (paths: ReadonlySet<string>) => void, quietMs = RECHECK_QUIET_MS): Recheck {
  const lastSeen = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const fire = (): void => {
    timer = null;
    const now = performance.now();
    const due = new Set<string>();
    let wait = Infinity;
    for (const [path, at] of lastSeen) {
      const left = at + quietMs - now;
      if (left <= 0) {
        due.add(path);
        lastSeen.delete(path);
      } else {
        wait = Math.min(wait, left);
      }
    }
    if (wait !== Infinity) timer = setTimeout(fire, wait);
    if (due.size > 0) onDue(due);
  };

  return {
    saw(path) {
      lastSeen.set(path, performance.now());
      timer ??= setTimeout(fire, quietMs);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      lastSeen.clear();
    },
  };
}
