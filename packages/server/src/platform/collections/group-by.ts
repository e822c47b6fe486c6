/**
 * Items grouped by key, in first-seen order of keys and of items within a key (Map.groupBy, which Node 20 lacks).
 *
 * Why not `m.set(k, [...(m.get(k) ?? []), item])`: that copies the group at every item, quadratic in a group's size.
 * A wage-arrears wave of 100,000 orders about one employer made the hourly risk-register job copy ~5 × 10⁹ elements
 * and hold the server's event loop for minutes (every request timed out; `npm run bench` at 1,000,000 orders).
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
