// Small statistics for benchmark samples: medians with min and max, percentiles of latencies.

/** Median, min and max of the samples (NaN for none). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/**
 * Median (mean of the middle two for an even count), min and max.
 *
 * @example
 * summaryOf([3, 1, 2]) // { median: 2, min: 1, max: 3, n: 3 }
 */
export function summaryOf(samples: readonly number[]): Summary {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = n >> 1;
  const median = n % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { median, min: xs[0]!, max: xs[n - 1]!, n };
}

/**
 * The p-th percentile (0..100) of sorted-or-not samples, nearest-rank.
 *
 * @example
 * percentile([5, 1, 9, 3], 50) // 3
 */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const xs = Float64Array.from(samples as ArrayLike<number>).sort();
  if (xs.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * xs.length);
  return xs[Math.min(xs.length - 1, Math.max(0, rank - 1))]!;
}
