// sparkJournal against the real Spark Connect server (scripts/services start spark) and the real
// Cassandra: the journal's rules on Spark give the same counts as the local loader, eventTable gives
// the same table, results come back as one Arquero table, and each failure is one typed error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import {
  cassandraJournal, ConnectionError, NotFoundError, OptionError, sparkJournal, SparkQueryError, sortByKey,
} from '../../../src/index.js';
import type { JournalEvent } from '../../../scripts/journal/writer.js';
import { AuthenticationError, SparkSetupError } from '../../../src/index.js';
import { createSparkConnectClient } from '../../../src/spark/spark-connect-client.js';
import { describeJournal } from '../../../src/spark/describe-journal.js';
import { maybeSparkRemote } from '../../../src/spark/spark-remote.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from '../cassandra/helpers.js';
import { waitForTables } from './helpers.js';

const KS = 'spark_it_journal';
const SIZE = 10; // small partitions: the by-id path crosses partition boundaries
const start = Date.UTC(2026, 10, 1);
const spark = sparkJournal({ remote: 'sc://127.0.0.1:15002', cassandra: { host: '127.0.0.1', port: 9042 } });
const local = cassandraJournal({ ...CONTACT, keyspace: KS });

function typed(persistenceId: string, from: number, count: number, manifest: string, serializer: JournalEvent['serializer'] = 'jackson-json'): JournalEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    persistenceId, sequenceNr: from + i, serializer, manifest,
    event: serializer === 'string' ? `text ${from + i}` : { n: from + i, who: persistenceId },
    timestamp: new Date(start + (from + i) * 3_600_000),
  }));
}

before(async () => {
  const w = await freshWriter({ keyspace: KS, targetPartitionSize: SIZE, maxBatchSize: 4 });
  await w.write(jsonEvents('p-long', 35, 1, start));
  await w.write([...typed('p-mixed', 1, 6, 'shop.Cart$ItemAdded'), ...typed('p-mixed', 7, 3, 'shop.Cart$CheckedOut', 'jackson-cbor'),
    ...typed('p-mixed', 10, 2, 'shop.Cart$Big', 'jackson-json-gzip'), ...typed('p-mixed', 12, 2, '', 'string')]);
  await w.write(typed('p-deleted', 1, 15, 'shop.Cart$ItemAdded'));
  await w.deleteTo('p-deleted', 12);
  // Duplicates: a second incarnation rewrote 3 and 4 of p-dup with another type; the newer rows win.
  await w.write(typed('p-dup', 1, 6, 'shop.Cart$ItemAdded'));
  await w.write(typed('p-dup', 3, 2, 'shop.Cart$ItemRemoved').map((e) => ({ ...e, timestamp: new Date(start + 999 * 3_600_000) })));
  await w.writeFilteredPlaceholder('p-dup', 7);
  // An event no built-in decoder reads: kept with its bytes.
  await w.write([{ persistenceId: 'p-raw', sequenceNr: 1, serializer: 'raw', serializerId: 9001, manifest: 'x.Custom', event: new Uint8Array([1, 2, 3]), timestamp: new Date(start) } as JournalEvent]);
  await w.close();
  // The connector's driver learns of a new keyspace through a debounced schema refresh.
  await waitForTables(spark, KS, ['messages', 'metadata']);
});
after(async () => {
  await spark.close();
  await local.close();
  await dropKeyspace(KS);
});

test('counts per type through sql() equal eventTable()\'s, deletes, placeholders and duplicates included', async () => {
  const ev = spark.events({ keyspace: KS });
  const remote = await ev.sql('SELECT eventType, count(*) AS n FROM events GROUP BY eventType');
  const byType = Object.fromEntries(remote.objects().map((r: object) => [(r as { eventType: string }).eventType, (r as { n: number }).n]));
  const t = await local.eventTable({ progress: false });
  const expected = Object.fromEntries(t.groupby('eventType').count({ as: 'n' }).objects().map((r: object) => [(r as { eventType: string }).eventType, (r as { n: number }).n]));
  assert.deepEqual(byType, expected);
  assert.equal(byType['shop.Cart$ItemRemoved'], 2, 'the newer duplicates win');
  const total = await ev.sql('SELECT count(*) AS n FROM events');
  assert.equal(total.get('n', 0), t.numRows());
  assert.equal(t.numRows(), 35 + 13 + 3 + 6 + 1);
});

test('eventTable through Spark is the local table: same columns, rows, decoded events', async () => {
  const ev = spark.events({ keyspace: KS });
  const remote = sortByKey(await ev.eventTable());
  const here = sortByKey(await local.eventTable({ progress: false }));
  assert.deepEqual(remote.columnNames(), here.columnNames());
  assert.deepEqual(remote.objects(), here.objects());
  const raw = remote.filter((d: { persistenceId: string }) => d.persistenceId === 'p-raw');
  assert.match(String(raw.get('decodeError', 0)), /9001/);
  assert.deepEqual([...(raw.get('raw', 0) as Uint8Array)], [1, 2, 3]);
});

test('eventTable by persistence id walks partitions and keeps the sequence range', async () => {
  const ev = spark.events({ keyspace: KS });
  const t = await ev.eventTable({ persistenceIds: ['p-long'], partitionSize: SIZE });
  assert.deepEqual(t.array('sequenceNr'), Array.from({ length: 35 }, (_, i) => i + 1));
  const range = await ev.eventTable({ persistenceIds: ['p-long', 'p-deleted'], fromSequenceNr: 11, toSequenceNr: 22, partitionSize: SIZE });
  const local2 = await local.eventTable({ persistenceIds: ['p-long', 'p-deleted'], fromSequenceNr: 11, toSequenceNr: 22, partitionSize: SIZE, progress: false });
  assert.deepEqual(sortByKey(range).objects(), sortByKey(local2).objects());
  const limited = await ev.eventTable({ persistenceIds: ['p-long'], limit: 5, partitionSize: SIZE });
  assert.deepEqual(limited.array('sequenceNr'), [1, 2, 3, 4, 5]);
  const window = { from: new Date(start + 3 * 3_600_000), to: new Date(start + 6 * 3_600_000) };
  const timed = await ev.eventTable(window);
  const timedHere = await local.eventTable({ ...window, progress: false });
  assert.ok(timedHere.numRows() > 0);
  assert.deepEqual(sortByKey(timed).objects(), sortByKey(timedHere).objects());
});

test('JSON events are JSON text in Spark SQL; timestamps are Dates; tags and payload come along', async () => {
  const ev = spark.events({ keyspace: KS });
  const t = await ev.sql("SELECT sequenceNr, get_json_object(event, '$.n') AS n, `timestamp`, payload FROM events " +
    "WHERE persistenceId = 'p-mixed' ORDER BY sequenceNr");
  assert.deepEqual(t.array('n'), ['1', '2', '3', '4', '5', '6', null, null, null, null, null, null, null]);
  assert.ok(t.get('timestamp', 0) instanceof Date);
  assert.equal((t.get('timestamp', 0) as Date).getTime(), start + 3_600_000);
  assert.ok(t.get('payload', 0) instanceof Uint8Array);
});

test('spark.sql returns every Arrow batch as one table, int64 beyond 2^53 exact', async () => {
  const t = await spark.sql('SELECT id, id * 9007199254740993 AS big FROM range(0, 50000, 1, 4)');
  assert.equal(t.numRows(), 50_000);
  assert.equal(t.get('id', 49_999), 49_999);
  assert.equal(t.get('big', 3), 27021597764222979n);
  const n = await spark.sql(`SELECT count(*) AS n FROM cassandra.${KS}.messages`);
  assert.equal(typeof n.get('n', 0), 'number');
});

test('errors: unknown keyspace or table, bad SQL, unreachable server, the row guard', async () => {
  await assert.rejects(spark.events({ keyspace: 'spark_it_nope' }).sql('SELECT 1'), (e: unknown) =>
    e instanceof NotFoundError && e.kind === 'keyspace' && e.missing === 'spark_it_nope');
  await assert.rejects(spark.events({ keyspace: KS, table: 'nope' }).sql('SELECT 1'), (e: unknown) =>
    e instanceof NotFoundError && e.kind === 'table' && e.available.includes('messages'));
  await assert.rejects(spark.events({ keyspace: KS }).sql('SELECT nosuchcolumn FROM events'), (e: unknown) =>
    e instanceof SparkQueryError && (e as SparkQueryError).errorClass === 'UNRESOLVED_COLUMN.WITH_SUGGESTION' && (e as SparkQueryError).position === 7 && /nosuchcolumn/.test((e as Error).message));
  await assert.rejects(spark.sql('SELEC 1'), (e: unknown) => e instanceof SparkQueryError && (e as SparkQueryError).line === 1 && (e as SparkQueryError).position === 0);
  const away = sparkJournal({ remote: 'sc://127.0.0.1:1' });
  await assert.rejects(away.sql('SELECT 1'), (e: unknown) => e instanceof ConnectionError && /127\.0\.0\.1:1/.test(e.message));
  await away.close();
  await assert.rejects(spark.events({ keyspace: KS }).eventTable({ maxRows: 10 }), (e: unknown) =>
    e instanceof OptionError && e.option === 'maxRows' && /limit/.test(e.message));
});

test('the connector connects where this session says, with its credentials (Cassandra with PasswordAuthenticator)', async () => {
  const ok = sparkJournal({ cassandra: { host: '127.0.0.1', port: 9142, credentials: { username: 'cassandra', password: 'cassandra' } } });
  const refused = sparkJournal({ cassandra: { host: '127.0.0.1', port: 9142, credentials: { username: 'cassandra', password: 'spark-it-wrong-pw' } } });
  try {
    const namespaces = await ok.sql('SHOW NAMESPACES IN cassandra');
    assert.ok(!(namespaces.array('namespace') as unknown as string[]).includes(KS), 'the other cluster does not hold this test\'s journal');
    await assert.rejects(refused.sql('SHOW NAMESPACES IN cassandra'), (e: unknown) =>
      e instanceof AuthenticationError && !(e as Error).message.includes('spark-it-wrong-pw') && /127\.0\.0\.1:9142/.test((e as Error).message));
  } finally {
    await ok.close();
    await refused.close();
  }
});

test('credentials given for the connector never appear in an error', async () => {
  const secret = 'spark-it-secret-pw';
  const s = sparkJournal({ cassandra: { host: '127.0.0.1', port: 9042, credentials: { username: 'u', password: secret } } });
  try {
    const r = await s.sql(`SELECT count(*) AS n FROM cassandra.${KS}.messages`).catch((e: Error) => e);
    assert.ok(!String((r as Error).message ?? '').includes(secret));
  } finally {
    await s.close();
  }
});

void cassandra;

test('close() cancels the running Spark operation', async () => {
  const s = sparkJournal({});
  await s.sql('SELECT 1');
  const started = Date.now();
  // Minutes of work on 2 cores; cancelled after a second.
  const running = s.sql('SELECT count(*) AS n FROM range(0, 200000000000, 1, 4) a WHERE a.id % 7 = 3').then(() => 'finished', (e: Error) => e);
  await new Promise((r) => setTimeout(r, 1500));
  await s.close();
  const outcome = await running;
  assert.ok(outcome instanceof Error, `the query ${String(outcome)}`);
  assert.ok(Date.now() - started < 30_000, 'cancelled promptly');
  // The server is free again for others.
  const t = await spark.sql('SELECT 1 AS one');
  assert.equal(t.get('one', 0), 1);
});

test('a server without the Cassandra catalog: SparkSetupError', async () => {
  const client = createSparkConnectClient(maybeSparkRemote('sc://127.0.0.1:15002'));
  try {
    await assert.rejects(describeJournal(client, 'nocassandra', KS, 'messages', new Map()), (e: unknown) =>
      e instanceof SparkSetupError && /spark\.sql\.catalog\.nocassandra/.test((e as Error).message));
    await client.setConfig({ 'spark.sql.catalog.cassandra': 'com.datastax.spark.connector.datasource.NoSuchCatalog' });
    await assert.rejects(client.execute('SHOW NAMESPACES IN cassandra'), (e: unknown) => e instanceof SparkSetupError);
  } finally {
    await client.close();
  }
});
