import { NotAJournalError } from '../errors.js';
import { eventLayout } from './layouts/event-layout.js';
import type { JournalLayout } from './layouts/journal-layout.js';
import { messageLayout } from './layouts/message-layout.js';
import { processorLayout } from './layouts/processor-layout.js';

/**
 * Picks the journal era from a table's columns (docs/journal-formats.md §1.1): the plugin itself
 * decides per row between `message` and `event`, so a migrated table may hold both.
 *
 * @example
 * layoutFromColumns('akka', 'messages', new Set(['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'ser_id', 'event']))
 */
export function layoutFromColumns(keyspace: string, table: string, columns: ReadonlySet<string>): JournalLayout {
  if (columns.has('processor_id')) {
    const missing = ['partition_nr', 'sequence_nr', 'marker', 'message'].filter((c) => !columns.has(c));
    if (missing.length === 0) return processorLayout();
    throw notAJournal(keyspace, table, columns, missing);
  }
  const missing = ['persistence_id', 'partition_nr', 'sequence_nr'].filter((c) => !columns.has(c));
  const hasEvent = columns.has('event') && columns.has('ser_id');
  if (!hasEvent && !columns.has('message')) missing.push(columns.has('event') ? 'ser_id' : 'event (or message)');
  if (missing.length > 0) throw notAJournal(keyspace, table, columns, missing);
  return hasEvent ? eventLayout(columns) : messageLayout(columns);
}

function notAJournal(keyspace: string, table: string, columns: ReadonlySet<string>, missing: string[]): NotAJournalError {
  return new NotAJournalError(keyspace, table, missing,
    `${keyspace}.${table} is not an akka-persistence journal table: it lacks the column${missing.length > 1 ? 's' : ''} ` +
    `${missing.join(', ')} (it has ${[...columns].sort().join(', ')}).`,
    { hint: 'Pass the journal\'s keyspace and table, e.g. eventTable({ keyspace: \'akka\', table: \'messages\' }); Pekko uses keyspace \'pekko\'.' });
}
