// Equality of parsed YAML values by meaning: key order, quoting and layout never count.

/** Whether two plain data trees (as parsed from YAML) hold the same data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN is the one value not equal to itself; `.nan` in two files means the same.
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A string that two values share exactly when they are deepEqual: JSON with keys sorted (not meant to be parsed). */
export function canonical(value: unknown): string {
  // Bare NaN and Infinity cannot collide with a string, which JSON always quotes.
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The top-level keys whose values differ between two maps, in the order the later one lists them, then removed ones. */
export function changedKeys(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
  return keys.filter((k) => !Object.hasOwn(a, k) || !Object.hasOwn(b, k) || !deepEqual(a[k], b[k]));
}

/**
 * The path to the first place two values differ, descending while both sides are maps or lists of
 * the same kind; [] when they differ at the top, or are equal.
 */
export function firstDifference(before: unknown, after: unknown): (string | number)[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      if (i >= before.length || i >= after.length) return [i];
      if (!deepEqual(before[i], after[i])) return [i, ...firstDifference(before[i], after[i])];
    }
    return [];
  }
  if (isMap(before) && isMap(after)) {
    const key = changedKeys(before, after)[0];
    if (key === undefined) return [];
    return Object.hasOwn(before, key) && Object.hasOwn(after, key) ? [key, ...firstDifference(before[key], after[key])] : [key];
  }
  return [];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
