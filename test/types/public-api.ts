// Compiled by scripts/check-kernel-types.mjs with tslab's own TypeScript, exactly as a notebook cell
// would be: if this stops compiling, notebooks stop working.
import {
  cassandraJournal, sortByKey, loadStats, flattenEvents, createDecoderRegistry, protobufDecoder,
  vegaLite, eventsPerType, eventsOverTime, show, NotFoundError, kafkaJournal, stopAll,
  type CassandraJournal, type EventTableOptions, type LoadStats, type DecodeFn, type EventStreamOptions,
} from 'journal-lens';
import * as aq from 'arquero';

export async function cell(): Promise<void> {
  const decode: DecodeFn = (bytes, manifest) => ({ size: bytes.length, manifest });
  const journal: CassandraJournal = cassandraJournal({
    contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1', decoders: { '9001': decode },
  });
  const options: EventTableOptions = { keyspace: 'akka', table: 'messages', limit: 10, from: new Date(0), flatten: false, progress: false };
  try {
    const t = await journal.eventTable(options);
    const sorted = sortByKey(t);
    const perType = sorted.groupby('eventType').count().orderby(aq.desc('count'));
    const stats: LoadStats | undefined = loadStats(t);
    const n: number = (stats?.undecodable ?? 0) + perType.numRows() + flattenEvents(t).numCols();
    await show(eventsPerType(t));
    await show(eventsOverTime(t, { bin: 'day' }));
    await show(vegaLite({ mark: 'bar', encoding: { x: { field: 'eventType' }, y: { field: 'count', type: 'quantitative' } } }, perType));
    show(perType);
    const ids: string[] = await journal.persistenceIds();
    console.log(n, ids.length);
  } catch (error) {
    if (error instanceof NotFoundError) console.log(error.available.join(', '));
  } finally {
    await journal.close();
  }
  createDecoderRegistry({ '9001:CA': decode }).register(9002, decode);
  protobufDecoder({ proto: 'syntax = "proto3"; package x; message A { string id = 1; }' });
}

export async function streamCell(): Promise<void> {
  const kafka = kafkaJournal({ brokers: ['127.0.0.1:9092'], sasl: { mechanism: 'scram-sha-256', username: 'analyst', password: 'x' } });
  const options: EventStreamOptions = { topics: ['events'], interval: 1000, window: { seconds: 60, events: 10_000 }, from: 'latest', format: 'akka' };
  const s = kafka.eventStream(options);
  await s.ready();
  s.onBatch((batch) => console.log(batch.numRows()));
  s.view((win) => eventsPerType(win));
  const n: number = s.window().numRows();
  console.log(n, s.statusLine());
  await s.stop();
  await stopAll();
  kafka.eventStream({ topics: 'json-events', format: 'json', persistenceIdField: 'id', from: new Date(0) });
  kafka.eventStream({ topics: ['custom'], format: (m) => ({ persistenceId: String(m.key), sequenceNr: Number(m.offset), event: m.value }) });
}
