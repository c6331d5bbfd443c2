// Numeric columns grow by doubling (Arrow JS's buffer builders do the same) and are trimmed once
// at the end, so a million-row load makes ~20 allocations per column instead of a million.

type NumericArray = Float64Array | Int32Array;

/** A typed array with spare room at its end. */
export interface Growable<T extends NumericArray> {
  data: T;
  length: number;
}

export function growableFloat64(capacity = 1024): Growable<Float64Array> {
  return { data: new Float64Array(capacity), length: 0 };
}

export function growableInt32(capacity = 1024): Growable<Int32Array> {
  return { data: new Int32Array(capacity), length: 0 };
}

/** Makes room for `needed` values in all, doubling the capacity as often as that takes. */
function reserve<T extends NumericArray>(target: Growable<T>, needed: number): void {
  if (needed <= target.data.length) return;
  let capacity = target.data.length * 2;
  while (capacity < needed) capacity *= 2;
  const grown = new (target.data.constructor as new (n: number) => T)(capacity);
  grown.set(target.data.subarray(0, target.length));
  target.data = grown;
}

/** Appends the first `count` values of `source`. */
export function appendValues<T extends NumericArray>(target: Growable<T>, source: T, count: number): void {
  const needed = target.length + count;
  reserve(target, needed);
  target.data.set(source.subarray(0, count), target.length);
  target.length = needed;
}

/** The filled part, sharing memory with the growable. */
export function filled<T extends NumericArray>(g: Growable<T>): T {
  return g.data.subarray(0, g.length) as T;
}

/** Appends one value (the growable doubles when full). */
export function pushValue<T extends NumericArray>(target: Growable<T>, value: number): void {
  if (target.length === target.data.length) reserve(target, target.length + 1);
  target.data[target.length++] = value;
}

/**
 * The filled part as an array of its own size when the spare room is over a quarter of it
 * (a copy), else a view that keeps the spare room (no second array at the peak of a load).
 */
export function trimmed<T extends NumericArray>(g: Growable<T>): T {
  const view = filled(g);
  return g.data.length * 4 > g.length * 5 ? view.slice() as T : view;
}
