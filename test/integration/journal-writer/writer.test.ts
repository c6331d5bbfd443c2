// The journal writer against the real Cassandra (`scripts/services start`): DDL per layout read
// back from system_schema, the plugin's partition rule at a boundary, deletes, L0 markers,
// timeuuid times and payload bytes. Keyspaces are writer_it_*, dropped at the end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import protobuf from 'protobufjs';
import { createJournalWriter, type JournalWriter } from '../../../scripts/journal/writer.js';

const client = new cassandra.Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
const suffix = `${process.pid}`;
const created = new Set<string>();
const writers: JournalWriter[] = [];

async function writer(name: string, options: Parameters<typeof createJournalWriter>[0] = {}): Promise<JournalWriter> {
  const keyspace = `writer_it_${name}_${suffix}`;
  created.add(keyspace);
  const w = await createJournalWriter({ keyspace, ...options });
  writers.push(w);
  return w;
}

async function rows(cql: string, params: unknown[] = []): Promise<cassandra.types.Row[]> {
  return (await client.execute(cql, params, { prepare: true })).rows;
}

/** column → "kind type" from system_schema, e.g. { sequence_nr: 'clustering bigint' }. */
async function columns(keyspace: string, table: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of await rows('SELECT column_name, kind, type, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table])) {
    out[r['column_name']] = r['kind'] === 'regular' ? r['type'] : `${r['kind']}#${r['position']} ${r['type']}`;
  }
  return out;
}

before(async () => {
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`Cassandra is not reachable at 127.0.0.1:9042; run \`scripts/services start\` first (${(err as Error).message})`);
  }
});

after(async () => {
  for (const w of writers) await w.close();
  for (const ks of created) await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
  await client.shutdown();
});

const eventColumns = {
  writer_uuid: 'text', ser_id: 'int', ser_manifest: 'text', event_manifest: 'text', event: 'blob',
  meta_ser_id: 'int', meta_ser_manifest: 'text', meta: 'blob', tags: 'set<text>',
};

test('DDL per layout matches journal-formats §1', async () => {
  const current = await writer('ddl_current', { layout: 'current' });
  assert.deepEqual(await columns(current.keyspace, 'messages'), {
    persistence_id: 'partition_key#0 text', partition_nr: 'partition_key#1 bigint',
    sequence_nr: 'clustering#0 bigint', timestamp: 'clustering#1 timeuuid', timebucket: 'text', ...eventColumns,
  });
  assert.deepEqual(await columns(current.keyspace, 'metadata'), {
    persistence_id: 'partition_key#0 text', deleted_to: 'bigint', properties: 'map<text, text>',
  });
  assert.deepEqual(await columns(current.keyspace, 'all_persistence_ids'), { persistence_id: 'partition_key#0 text' });

  const message = await writer('ddl_message', { layout: 'message' });
  assert.deepEqual(await columns(message.keyspace, 'messages'), {
    persistence_id: 'partition_key#0 text', partition_nr: 'partition_key#1 bigint', used: 'static#-1 boolean',
    sequence_nr: 'clustering#0 bigint', timestamp: 'clustering#1 timeuuid', timebucket: 'clustering#2 text',
    message: 'blob', tag1: 'text', tag2: 'text', tag3: 'text',
  });
  assert.deepEqual(await columns(message.keyspace, 'config'), { property: 'partition_key#0 text', value: 'text' });
  const config = await rows(`SELECT value FROM ${message.keyspace}.config WHERE property = 'target-partition-size'`);
  assert.equal(config[0]?.['value'], '500000');

  const mixed = await writer('ddl_mixed', { layout: 'mixed' });
  assert.deepEqual(await columns(mixed.keyspace, 'messages'), {
    persistence_id: 'partition_key#0 text', partition_nr: 'partition_key#1 bigint', used: 'static#-1 boolean',
    sequence_nr: 'clustering#0 bigint', timestamp: 'clustering#1 timeuuid', timebucket: 'clustering#2 text',
    message: 'blob', tag1: 'text', tag2: 'text', tag3: 'text', ...eventColumns,
  });

  const legacy = await writer('ddl_legacy', { layout: 'legacy-processor' });
  assert.deepEqual(await columns(legacy.keyspace, 'messages'), {
    processor_id: 'partition_key#0 text', partition_nr: 'partition_key#1 bigint',
    sequence_nr: 'clustering#0 bigint', marker: 'clustering#1 text', message: 'blob',
  });
  assert.equal(legacy.targetPartitionSize, 5_000_000);
});

test('partition_nr: a batch crossing a boundary lands in the partition of its last sequence number', async () => {
  const w = await writer('partition', { targetPartitionSize: 10 });
  const ev = (seq: number) => ({ persistenceId: 'p|1', sequenceNr: seq, serializer: 'string' as const, event: `e${seq}` });
  await w.write([1, 2, 3, 4, 5, 6, 7, 8].map(ev)); // one batch, partition 0
  await w.write([9, 10, 11, 12].map(ev)); // crosses 10 → 11: all in partition 1
  await w.write([13, 14].map(ev)); // ordinary, partition 1
  const got = new Map<number, number>();
  for (const pnr of [0, 1, 2]) {
    for (const r of await rows(`SELECT sequence_nr, partition_nr FROM ${w.keyspace}.messages WHERE persistence_id = 'p|1' AND partition_nr = ?`, [pnr])) {
      got.set(Number(r['sequence_nr']), Number(r['partition_nr']));
    }
  }
  assert.deepEqual([...got.entries()].sort((a, b) => a[0] - b[0]),
    [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0], [7, 0], [8, 0], [9, 1], [10, 1], [11, 1], [12, 1], [13, 1], [14, 1]]);
  // the plugin refuses a batch spanning three partitions
  await assert.rejects(w.write([21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41].map(ev)), /more than two partitions/);
  // all_persistence_ids got the id when seq 1 was written
  assert.equal((await rows(`SELECT * FROM ${w.keyspace}.all_persistence_ids`)).length, 1);
});

test('batches are cut at 100 events and per persistence id', async () => {
  const w = await writer('batches', { targetPartitionSize: 150 });
  const events = [];
  for (let s = 1; s <= 160; s++) events.push({ persistenceId: 'a', sequenceNr: s, serializer: 'long' as const, event: s });
  events.push({ persistenceId: 'b', sequenceNr: 1, serializer: 'long' as const, event: 1 });
  const res = await w.write(events);
  assert.equal(res.rows, 161);
  // batch 1..100 → partition 0; batch 101..160 crosses 150 → partition 1 for all of 101..160
  const p0 = await rows(`SELECT sequence_nr FROM ${w.keyspace}.messages WHERE persistence_id = 'a' AND partition_nr = 0`);
  const p1 = await rows(`SELECT sequence_nr FROM ${w.keyspace}.messages WHERE persistence_id = 'a' AND partition_nr = 1`);
  assert.equal(p0.length, 100);
  assert.equal(p1.length, 60);
  assert.equal(Number(p1[0]!['sequence_nr']), 101);
  const b = await rows(`SELECT event, ser_id FROM ${w.keyspace}.messages WHERE persistence_id = 'b' AND partition_nr = 0`);
  assert.equal((b[0]!['event'] as Buffer).toString('hex'), '0100000000000000');
  assert.equal(b[0]!['ser_id'], 18);
});

test('current layout: columns, timeuuid time, timebucket, JSON and CBOR bytes, placeholder, deleteTo', async () => {
  const w = await writer('current');
  const at = new Date('2024-02-29T23:59:58.765Z');
  await w.write([
    { persistenceId: 'ShoppingCart|cart-1', sequenceNr: 1, serializer: 'jackson-json', manifest: 'com.example.A',
      event: { cartId: 'cart-1', price: 1.5 }, tags: ['carts-1', 'x'], timestamp: at, writerUuid: 'w-1' },
    { persistenceId: 'ShoppingCart|cart-1', sequenceNr: 2, serializer: 'jackson-cbor', manifest: 'com.example.B',
      event: { cartId: 'cart-1', n: 7 }, timestamp: at, eventManifest: 'adapter-v1',
      meta: { serializerId: 20, manifest: '', bytes: Buffer.from('meta!') } },
  ]);
  await w.writeFilteredPlaceholder('ShoppingCart|cart-1', 3, { timestamp: at });
  const r = await rows(`SELECT sequence_nr, timestamp, toUnixTimestamp(timestamp) AS ms, timebucket, writer_uuid, ser_id, ser_manifest,
    event_manifest, event, tags, meta_ser_id, meta FROM ${w.keyspace}.messages WHERE persistence_id = ? AND partition_nr = 0`, ['ShoppingCart|cart-1']);
  assert.equal(r.length, 3);
  for (const row of r) {
    assert.equal(Number(row['ms']), at.getTime());
    assert.equal(row['timestamp'].getDate().getTime(), at.getTime());
    assert.equal(row['timebucket'], String(Date.UTC(2024, 1, 29, 23)));
  }
  assert.notEqual(r[0]!['timestamp'].toString(), r[1]!['timestamp'].toString());
  assert.equal(r[0]!['writer_uuid'], 'w-1');
  assert.equal(r[0]!['ser_id'], 31);
  assert.equal(r[0]!['ser_manifest'], 'com.example.A');
  assert.equal(r[0]!['event_manifest'], '');
  assert.deepEqual(JSON.parse((r[0]!['event'] as Buffer).toString('utf8')), { cartId: 'cart-1', price: 1.5 });
  assert.deepEqual([...r[0]!['tags']].sort(), ['carts-1', 'x']);
  assert.equal(r[1]!['ser_id'], 33);
  assert.equal(r[1]!['event_manifest'], 'adapter-v1');
  const cbor = r[1]!['event'] as Buffer;
  assert.equal(cbor[0], 0xbf); // indefinite map
  assert.ok(cbor.includes(Buffer.from('66636172744964', 'hex'))); // text(6) "cartId"
  assert.equal(r[1]!['tags'], null);
  assert.equal(r[1]!['meta_ser_id'], 20);
  assert.equal((r[1]!['meta'] as Buffer).toString(), 'meta!');
  assert.deepEqual([r[2]!['ser_id'], r[2]!['ser_manifest'], (r[2]!['event'] as Buffer).length], [34, 'F', 0]);

  await w.deleteTo('ShoppingCart|cart-1', 2);
  const md = await rows(`SELECT deleted_to FROM ${w.keyspace}.metadata WHERE persistence_id = ?`, ['ShoppingCart|cart-1']);
  assert.equal(Number(md[0]!['deleted_to']), 2);
  assert.equal((await rows(`SELECT * FROM ${w.keyspace}.messages WHERE persistence_id = ? AND partition_nr = 0`, ['ShoppingCart|cart-1'])).length, 3);
  await w.deleteTo('ShoppingCart|cart-1', 2, { physical: true });
  const left = await rows(`SELECT sequence_nr FROM ${w.keyspace}.messages WHERE persistence_id = ? AND partition_nr = 0`, ['ShoppingCart|cart-1']);
  assert.deepEqual(left.map((x) => Number(x['sequence_nr'])), [3]);
});

const proto = protobuf.parse(`
  syntax = "proto2";
  message PersistentPayload { required int32 serializerId = 1; required bytes payload = 2; optional bytes payloadManifest = 3; }
  message PersistentMessage { optional PersistentPayload payload = 1; optional int64 sequenceNr = 2; optional string persistenceId = 3;
    optional bool deleted = 4; optional int32 redeliveries = 6; optional bool confirmable = 8; optional string manifest = 12;
    optional string writerUuid = 13; optional sint64 timestamp = 14; }
`).root.lookupType('PersistentMessage');
const decodeRepr = (b: Buffer) => proto.toObject(proto.decode(b), { longs: Number }) as Record<string, any>;

test('message layout (L2): PersistentMessage blob, tag slots, day bucket, used', async () => {
  const w = await writer('message', { layout: 'message' });
  const at = new Date('2016-07-04T12:30:00Z');
  await w.write([{ persistenceId: 'p-1', sequenceNr: 1, serializer: 'java-string', event: 'hello', tags: ['a', 'b'],
    timestamp: at, writerUuid: 'w-9' }]);
  const r = (await rows(`SELECT * FROM ${w.keyspace}.messages WHERE persistence_id = 'p-1' AND partition_nr = 0`))[0]!;
  assert.equal(r['timebucket'], '20160704');
  assert.equal(r['used'], true);
  assert.deepEqual([r['tag1'], r['tag2'], r['tag3']], ['a', 'b', null]);
  const m = decodeRepr(r['message']);
  assert.equal(m.persistenceId, 'p-1');
  assert.equal(m.sequenceNr, 1);
  assert.equal(m.writerUuid, 'w-9');
  assert.equal(m.payload.serializerId, 1);
  assert.equal(Buffer.from(m.payload.payload).toString('hex'), 'aced00057400056865' + '6c6c6f');
  await w.deleteTo('p-1', 1);
  assert.equal(Number((await rows(`SELECT deleted_to FROM ${w.keyspace}.metadata WHERE persistence_id = 'p-1'`))[0]!['deleted_to']), 1);
});

test('mixed layout: message rows and event rows side by side', async () => {
  const w = await writer('mixed', { layout: 'mixed' });
  const at = new Date('2019-01-02T03:04:05Z');
  await w.write([
    { persistenceId: 'p-1', sequenceNr: 1, serializer: 'string', event: 'old', legacyMessage: true, tags: ['t'], timestamp: at },
    { persistenceId: 'p-1', sequenceNr: 2, serializer: 'jackson-json', event: { n: 2 }, tags: ['t'], timestamp: at },
  ]);
  const r = await rows(`SELECT sequence_nr, message, event, ser_id, tag1, tags, timebucket, used FROM ${w.keyspace}.messages WHERE persistence_id = 'p-1' AND partition_nr = 0`);
  assert.equal(r.length, 2);
  assert.equal(r[0]!['event'], null);
  assert.equal(r[0]!['ser_id'], null);
  assert.equal(r[0]!['tag1'], 't');
  assert.equal(r[0]!['timebucket'], '20190102');
  assert.equal(Buffer.from(decodeRepr(r[0]!['message']).payload.payload).toString(), 'old');
  assert.equal(r[1]!['message'], null);
  assert.equal(r[1]!['ser_id'], 31);
  assert.deepEqual(r[1]!['tags'], ['t']);
  assert.equal(r[1]!['timebucket'], String(Date.UTC(2019, 0, 2, 3)));
  assert.equal(r[1]!['used'], true);
});

test('legacy-processor (L0): H header per partition, A rows with Akka 2.3 PersistentMessage, B rows on deleteTo', async () => {
  const w = await writer('legacy', { layout: 'legacy-processor', targetPartitionSize: 3 });
  await w.write([1, 2, 3, 4, 5].map((s) => ({ persistenceId: 'proc-1', sequenceNr: s, serializer: 'java-object' as const,
    event: { className: 'com.example.Evt', fields: { n: s, s: `v${s}` } } })));
  const all = async (pnr: number) => (await rows(`SELECT sequence_nr, marker, message FROM ${w.keyspace}.messages WHERE processor_id = 'proc-1' AND partition_nr = ?`, [pnr]))
    .map((x) => `${x['sequence_nr']}${x['marker']}`);
  assert.deepEqual(await all(0), ['0H', '1A', '2A', '3A']);
  assert.deepEqual(await all(1), ['0H', '4A', '5A']);
  const a = (await rows(`SELECT message FROM ${w.keyspace}.messages WHERE processor_id = 'proc-1' AND partition_nr = 0 AND sequence_nr = 1 AND marker = 'A'`))[0]!;
  const m = decodeRepr(a['message']);
  assert.equal(m.deleted, false);
  assert.equal(m.redeliveries, 0);
  assert.equal(m.confirmable, false);
  assert.equal(m.writerUuid, undefined);
  assert.equal(m.payload.serializerId, 1);
  const h = (await rows(`SELECT message FROM ${w.keyspace}.messages WHERE processor_id = 'proc-1' AND partition_nr = 0 AND sequence_nr = 0`))[0]!;
  assert.equal((h['message'] as Buffer).toString('hex'), '00');

  await w.deleteTo('proc-1', 4);
  assert.deepEqual(await all(0), ['0H', '1A', '1B', '2A', '2B', '3A', '3B']);
  assert.deepEqual(await all(1), ['0H', '4A', '4B', '5A']);
  await w.deleteTo('proc-1', 2, { physical: true });
  assert.deepEqual(await all(0), ['0H', '3A', '3B']);
});
