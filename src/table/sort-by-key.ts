import type { ColumnTable } from 'arquero';
import { attachLoadStats, loadStats } from './load-stats.js';

/**
 * Orders a journal table by its key: persistenceId, then partition, then sequenceNr (the seed's
 * JournalKey ordering). Works on any table with those three columns, e.g. a filtered one; the
 * load statistics of the input stay reachable through `loadStats` of the result.
 *
 * @example
 * sortByKey(await journal.eventTable()).view(5)
 */
export function sortByKey<T extends ColumnTable>(table: T): T {
  const sorted = table.orderby('persistenceId', 'partition', 'sequenceNr') as T;
  const stats = loadStats(table);
  if (stats) attachLoadStats(sorted, stats);
  return sorted;
}
