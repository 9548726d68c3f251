// Appending one array to another without spreading it into arguments: `push(...list)` overflows the stack past ~125,000 items.

/** Pushes every item of `items` onto `target`, in order. */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}

/** The largest of `values`, or `empty` when there are none (Math.max(...values) overflows on long lists). */
export function maxOf(values: Iterable<number>, empty = Number.NEGATIVE_INFINITY): number {
  let m = empty;
  let first = true;
  for (const v of values) {
    if (first || v > m) m = v;
    first = false;
  }
  return m;
}

/** The smallest of `values`, or `empty` when there are none. */
export function minOf(values: Iterable<number>, empty = Number.POSITIVE_INFINITY): number {
  let m = empty;
  let first = true;
  for (const v of values) {
    if (first || v < m) m = v;
    first = false;
  }
  return m;
}
