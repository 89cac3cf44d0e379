/**
 * Appends `items` to `target` one at a time. `target.push(...items)` passes every item as an
 * argument on the stack, and an array of a few hundred thousand (a lock file's retired addresses,
 * the problems they cause) overflows it; ESLint refuses such spreads (`eslint.config.js`).
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
