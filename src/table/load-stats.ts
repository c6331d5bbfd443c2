import type { LoadStats } from '../types.js';

const statsByTable = new WeakMap<object, LoadStats>();

/** Remembers what the load of `table` skipped and could not decode. */
export function attachLoadStats(table: object, stats: LoadStats): void {
  statsByTable.set(table, stats);
}

/**
 * What the load that made `table` left out and could not decode, or undefined for tables that
 * did not come from a load (e.g. derived by a filter).
 *
 * @example
 * loadStats(t)?.undecodable // 12
 */
export function loadStats(table: object): LoadStats | undefined {
  return statsByTable.get(table);
}
