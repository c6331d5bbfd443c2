// Demo domain and seeding against the real Cassandra: determinism, the mix of serializers,
// idempotent re-seeding, deletes, bulk mode sizes, and the CLIs. Keyspaces writer_it_*, dropped after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import cassandra from 'cassandra-driver';
import { cartHistory, generateDemo, sliceTag } from '../../../scripts/journal/demo-domain.js';
import { seedDemo } from '../../../scripts/journal/seed-demo.js';
import { payloadFromEvent } from '../../../scripts/journal/encode/payload.js';

const client = new cassandra.Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
const keyspaces: string[] = [];
const ks = (name: string) => {
  const k = `writer_it_${name}_${process.pid}`;
  keyspaces.push(k);
  return k;
};
const quiet = () => undefined;

before(() => client.connect());
after(async () => {
  for (const k of keyspaces) await client.execute(`DROP KEYSPACE IF EXISTS ${k}`);
  await client.shutdown();
});

test('demo domain: deterministic, plausible carts, slice tags, several incarnations', () => {
  assert.deepEqual(cartHistory(17), cartHistory(17));
  assert.notDeepEqual(cartHistory(17, { seed: 1 }).events, cartHistory(17).events);
  let events = 0;
  const writers = new Set<string>();
  const types = new Map<string, number>();
  const serializers = new Map<string, number>();
  let gzip = 0;
  for (const { events: batch } of generateDemo({ carts: 3000 })) {
    let prev: { pid: string; seq: number; t: number } | undefined;
    for (const e of batch) {
      events++;
      writers.add(e.writerUuid!);
      const type = e.manifest!.split('$')[1] ?? e.manifest!;
      types.set(type, (types.get(type) ?? 0) + 1);
      const ser = e.serializer === 'raw' ? String(e.serializerId) : e.serializer;
      serializers.set(ser, (serializers.get(ser) ?? 0) + 1);
      assert.deepEqual(e.tags, [sliceTag(e.persistenceId.split('|')[1]!)]);
      if (prev && prev.pid === e.persistenceId) {
        assert.equal(e.sequenceNr, prev.seq + 1);
        assert.ok(e.timestamp!.getTime() > prev.t, 'time grows within a cart');
      } else assert.equal(e.sequenceNr, 1);
      prev = { pid: e.persistenceId, seq: e.sequenceNr, t: e.timestamp!.getTime() };
      const p = payloadFromEvent(e);
      if (p.bytes[0] === 0x1f && p.bytes[1] === 0x8b) {
        gzip++;
        assert.ok(gunzipSync(p.bytes).length > 32 * 1024);
      }
    }
  }
  assert.ok(events > 15_000 && events < 60_000, `${events} events`);
  assert.ok(writers.size > 3000, 'passivation and restarts add incarnations');
  for (const t of ['ItemAdded', 'ItemRemoved', 'ItemQuantityAdjusted', 'CheckedOut', 'CartAbandoned']) assert.ok(types.get(t)! > 100, t);
  assert.ok(serializers.get('jackson-json')! > events * 0.8);
  assert.ok(serializers.get('jackson-cbor')! > 100);
  assert.ok(serializers.get('9001')! > 10);
  assert.ok(gzip >= 1 && gzip < 50, `${gzip} gzip events`);
});

test('bulk mode: exactly N plain JSON events of 150–250 bytes on average', () => {
  let n = 0;
  let bytes = 0;
  for (const { events, deletes } of generateDemo({ maxEvents: 20_000, plain: true })) {
    assert.equal(deletes.length, 0);
    for (const e of events) {
      n++;
      assert.equal(e.serializer, 'jackson-json');
      bytes += payloadFromEvent(e).bytes.length;
    }
  }
  assert.equal(n, 20_000);
  assert.ok(bytes / n >= 150 && bytes / n <= 250, `average ${bytes / n} B`);
});

test('seedDemo: writes the data set once, then skips; deletes go to metadata', async () => {
  const keyspace = ks('seed');
  const first = await seedDemo({ carts: 400, writer: { keyspace }, log: quiet });
  assert.equal(first.skipped, false);
  const count = async () => Number((await client.execute(`SELECT count(*) FROM ${keyspace}.messages`)).rows[0]!['count']);
  assert.equal(await count(), first.events);
  assert.equal(Number((await client.execute(`SELECT count(*) FROM ${keyspace}.all_persistence_ids`)).rows[0]!['count']), 400);
  const deleted = Number((await client.execute(`SELECT count(*) FROM ${keyspace}.metadata`)).rows[0]!['count']);
  assert.equal(deleted, first.deletes);
  const second = await seedDemo({ carts: 400, writer: { keyspace }, log: quiet });
  assert.equal(second.skipped, true);
  // forced re-seeding overwrites the same rows (reproducible time UUIDs): no duplicates
  await seedDemo({ carts: 400, force: true, writer: { keyspace }, log: quiet });
  assert.equal(await count(), first.events);
  // a larger data set is not "the same"
  const more = await seedDemo({ carts: 401, writer: { keyspace }, log: quiet });
  assert.equal(more.skipped, false);
  assert.equal(await count(), more.events);
  const ser = await client.execute(`SELECT ser_id, ser_manifest FROM ${keyspace}.messages WHERE persistence_id = 'ShoppingCart|cart-1' AND partition_nr = 0`);
  assert.ok(ser.rows.every((r) => r['ser_manifest'].startsWith('com.example.cart.ShoppingCart$')));
});

test('seedDemo on the mixed layout: the first two weeks as message rows', async () => {
  const keyspace = ks('seed_mixed');
  const s = await seedDemo({ carts: 100, writer: { keyspace, layout: 'mixed' }, log: quiet });
  const rs = await client.execute(`SELECT message, event FROM ${keyspace}.messages`);
  const legacy = rs.rows.filter((r) => r['message'] !== null && r['event'] === null).length;
  const modern = rs.rows.filter((r) => r['message'] === null && r['event'] !== null).length;
  assert.equal(legacy + modern, s.events);
  assert.ok(legacy > 0 && modern > 0, `${legacy} message rows, ${modern} event rows`);
});

test('CLIs: scripts/seed-demo and writer.ts --input', () => {
  const keyspace = ks('cli');
  const out = execFileSync('scripts/seed-demo', ['--carts', '20', '--keyspace', keyspace], { encoding: 'utf8' });
  assert.match(out, /wrote \d+ events of 20 carts/);
  const again = execFileSync('scripts/seed-demo', ['--carts', '20', '--keyspace', keyspace], { encoding: 'utf8' });
  assert.match(again, /already holds this data set/);
  const line = JSON.stringify({ persistenceId: 'cli-1', sequenceNr: 1, serializer: 'string', event: 'x', timestamp: '2024-01-01T00:00:00Z' });
  const w = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/journal/writer.ts', '--keyspace', keyspace, '--input', '-',
    '--placeholder', 'cli-1:2', '--delete-to', 'cli-1:1'], { input: line + '\n', encoding: 'utf8' });
  assert.match(w, /wrote 1 rows/);
  assert.match(w, /placeholder cli-1 #2/);
  assert.match(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/journal/writer.ts', '--help'], { encoding: 'utf8' }), /Usage:/);
});
