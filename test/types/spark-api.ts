// The Spark API as a notebook cell uses it, compiled by scripts/check-kernel-types.mjs with tslab's own
// TypeScript (see public-api.ts).
import {
  eventsOverTime, eventsPerPersistenceId, eventsPerType, sequenceGaps, show, sparkJournal, PendingChart, SparkQueryError,
  type Chart, type SparkEventTableOptions, type SparkJournal, type SparkJournalEvents,
} from 'journal-lens';

export async function cell(): Promise<void> {
  const spark: SparkJournal = sparkJournal({ remote: 'sc://127.0.0.1:15002', cassandra: { host: '127.0.0.1', port: 9042 } });
  const ev: SparkJournalEvents = spark.events({ keyspace: 'akka', table: 'messages' });
  const counts = await ev.sql('SELECT eventType, count(*) AS n FROM events GROUP BY eventType');
  const n: number = counts.numRows();
  const pending: PendingChart = eventsPerType(ev);
  const chart: Chart = await pending;
  await show(eventsOverTime(ev, { bin: 'day' }));
  await show(eventsPerPersistenceId(ev, { top: 10 }));
  await show(sequenceGaps(ev, { startAt: 1 }));
  const options: SparkEventTableOptions = { persistenceIds: ['ShoppingCart|cart-42'], fromSequenceNr: 10, limit: 100 };
  const cart = await ev.eventTable(options);
  try {
    await spark.sql('SELECT count(*) FROM cassandra.akka.snapshots');
  } catch (e) {
    if (e instanceof SparkQueryError) console.log(e.errorClass, e.line, e.position, e.sparkMessage);
  }
  console.log(n, chart.spec, cart.numRows());
  await spark.close();
}
