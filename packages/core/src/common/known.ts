// Looks up what must be there by construction: a miss is a bug in Cooperage, thrown as one, never an undefined carried on.

/** The value of a key that the map holds by construction; `what` names the map in the error. */
export function known<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what} has no entry for ${String(key)}, which it must have.`);
  return value;
}

/** The item at an index that the list holds by construction; `what` names the list in the error. */
export function knownAt<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`${what} has no item at ${index} of ${items.length}, which it must have.`);
  return item;
}

/** The last item of a list that is never empty (of items that are never undefined or null). */
export function lastOf<T extends NonNullable<unknown>>(items: readonly [T, ...T[]]): T {
  return items[items.length - 1] ?? items[0];
}
