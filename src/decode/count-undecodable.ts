// Counts the undecodable rows among the first `count` of a decoded batch, and those among them that
// exceeded a decoder budget (limits.ts names the limit in the reason: ' limits.max…'), whose advice differs.
// Written out as one loop over the reasons: it runs on every page of a load.

/** Running totals of one load. */
export interface UndecodableTally {
  undecodable: number;
  overLimit: number;
}

/**
 * Adds the rows of `errors[0..count)` that carry a reason to `tally`.
 *
 * @example
 * countUndecodable(decoded.errors, batch.length, tally);
 */
export function countUndecodable(errors: readonly (string | null)[] | null, count: number, tally: UndecodableTally): void {
  if (errors === null) return;
  for (let i = 0; i < count; i++) {
    const error = errors[i];
    if (error === null || error === undefined) continue;
    tally.undecodable++;
    if (error.includes(' limits.max')) tally.overLimit++;
  }
}
