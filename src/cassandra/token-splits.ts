// Murmur3 token space: the driver's ring tokens cut it into ranges owned by replicas; each is
// split further so that `concurrency` workers stay busy and one failed split costs little.

export const MURMUR3_MIN = -(2n ** 63n);
export const MURMUR3_MAX = 2n ** 63n - 1n;

/** A token range (start, end]: `token > start AND token <= end`. */
export interface TokenSplit {
  start: bigint;
  end: bigint;
}

/**
 * Cuts the whole Murmur3 ring into at least `minSplits` contiguous (start, end] splits that
 * respect the ring's own boundaries, so every token is covered exactly once.
 *
 * @example
 * tokenSplits([0n], 4) // 4 splits from MURMUR3_MIN to MURMUR3_MAX, one boundary at 0
 */
export function tokenSplits(ringTokens: readonly bigint[], minSplits: number): TokenSplit[] {
  const boundaries = [MURMUR3_MIN];
  for (const token of [...ringTokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (token > boundaries[boundaries.length - 1]! && token < MURMUR3_MAX) boundaries.push(token);
  }
  boundaries.push(MURMUR3_MAX);
  const ranges = boundaries.length - 1;
  const perRange = Math.max(1, Math.ceil(minSplits / ranges));
  const splits: TokenSplit[] = [];
  for (let i = 0; i < ranges; i++) {
    const start = boundaries[i]!;
    const end = boundaries[i + 1]!;
    const width = end - start;
    const parts = BigInt(perRange) > width ? Number(width) : perRange;
    let from = start;
    for (let p = 1; p <= parts; p++) {
      const to = p === parts ? end : start + (width * BigInt(p)) / BigInt(parts);
      if (to > from) splits.push({ start: from, end: to });
      from = to;
    }
  }
  return splits;
}
