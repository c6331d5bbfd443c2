import type { ColumnTable } from 'arquero';

/**
 * Orders a journal table by its key: persistenceId, then partition, then sequenceNr (the seed's
 * JournalKey ordering). Works on any table with those three columns, e.g. a filtered one.
 *
 * @example
 * sortByKey(await journal.eventTable()).view(5)
 */
export function sortByKey<T extends ColumnTable>(table: T): T {
  return table.orderby('persistenceId', 'partition', 'sequenceNr') as T;
}
