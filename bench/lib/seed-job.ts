// The seed's aggregation, as bench/cassandra/ours.ts and bench/snapshot/load.ts time it after a load:
// every event read (so parsed, as Spark's from_json), the count per event type, the rows in key order.
import type { ColumnTable } from 'arquero';
import { loadStats } from '../../src/index.js';

/** Reads every event; throws unless each row's event is an object or the row was counted undecodable. */
export function readEveryEvent(table: ColumnTable): void {
  let objects = 0;
  for (const event of table.array('event')) if (event !== null && typeof event === 'object') objects++;
  if (objects + (loadStats(table)?.undecodable ?? 0) !== table.numRows()) throw new Error(`only ${objects} of ${table.numRows()} events are objects`);
}

/** The count per event type and the rows' order by key; throws if the order lost rows. */
export function countPerTypeAndKeyOrder(table: ColumnTable): { eventTypes: number } {
  const counts = table.groupby('eventType').count().objects();
  const order = table.orderby('persistenceId', 'partition', 'sequenceNr').indices();
  if (order.length !== table.numRows() || counts.length === 0) throw new Error('the job lost rows');
  return { eventTypes: counts.length };
}
