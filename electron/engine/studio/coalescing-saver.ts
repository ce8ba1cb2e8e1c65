/**
 * Saves of minigame-studio.json, debounced and coalesced: a burst of edits (typing, a drag that
 * sends several patches) becomes one atomic write, and writes never overlap. Every caller's promise
 * settles when the write that includes its change has finished.
 */
export interface CoalescingSaver<P extends object> {
  push(patch: P): Promise<void>;
  /** Waits until every pushed patch is on disk (before a build, or on close). */
  idle(): Promise<void>;
}

export function createCoalescingSaver<P extends object>(
  save: (keys: readonly string[]) => Promise<void>,
  delayMs: number,
): CoalescingSaver<P> {
  let keys = new Set<string>();
  let scheduled: Promise<void> | null = null;
  let chain: Promise<void> = Promise.resolve();

  return {
    push(patch) {
      for (const key of Object.keys(patch)) keys.add(key);
      if (!scheduled) {
        const run = chain
          .then(() => new Promise<void>((resolve) => setTimeout(resolve, delayMs)))
          .then(() => {
            const batch = [...keys];
            keys = new Set();
            scheduled = null;
            return save(batch);
          });
        scheduled = run;
        chain = run.catch(() => undefined);
      }
      return scheduled;
    },
    idle: () => chain,
  };
}
