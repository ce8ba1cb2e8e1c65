/**
 * Per-item results remembered by position: when item i of a list is the same object as item i of
 * the list seen last time, its result is reused. The live report's lists (the plan's files, the
 * layout's output files) keep their unchanged items as the same objects in the same places, so a
 * report after one change allocates one new entry instead of 10,000 (issue 7, P3), without a map
 * keyed by path or object to fill and probe.
 */
export interface PositionMemo<S, T> {
  source: readonly S[];
  results: readonly T[];
}

export function mapByPosition<S, T>(memo: PositionMemo<S, T> | undefined, source: readonly S[], make: (item: S) => T): PositionMemo<S, T> {
  const results = new Array<T>(source.length);
  for (let i = 0; i < source.length; i++) {
    const item = source[i] as S;
    results[i] = memo && memo.source[i] === item && i < memo.results.length ? (memo.results[i] as T) : make(item);
  }
  return { source, results };
}
