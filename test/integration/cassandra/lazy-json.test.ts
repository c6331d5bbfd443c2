// decode: 'lazy' (the default) against 'eager' on a real journal: same table, same errors, and
// the errors known when the load returns, although no JSON event was parsed during it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cassandraJournal, loadStats, sortByKey } from '../../../src/index.js';
import { CONTACT, dropKeyspace, freshWriter } from './helpers.js';

const KS = 'cass_it_lazy_json';
const journal = cassandraJournal({ ...CONTACT, keyspace: KS });
const text = (s: string) => new TextEncoder().encode(s);

before(async () => {
  const w = await freshWriter({ keyspace: KS, targetPartitionSize: 50 });
  const events = [];
  for (let i = 1; i <= 400; i++) {
    events.push({ persistenceId: `cart-${i % 7}`, sequenceNr: Math.ceil(i / 7), serializer: 'jackson-json' as const, manifest: i % 2 ? 'ItemAdded' : 'ItemRemoved',
      event: { cart: `cart-${i % 7}`, n: i, price: i * 1.25, note: i % 3 ? 'é漢🙂' : null, items: [{ sku: `s${i}` }] } });
  }
  await w.write(events);
  await w.write([
    { persistenceId: 'broken', sequenceNr: 1, serializer: 'raw', serializerId: 31, manifest: 'Truncated', event: text('{"a":1,') },
    { persistenceId: 'broken', sequenceNr: 2, serializer: 'raw', serializerId: 31, manifest: 'Fine', event: text(' [1, {"b": "c"}] ') },
    { persistenceId: 'broken', sequenceNr: 3, serializer: 'raw', serializerId: 31, manifest: 'Bom', event: text('\uFEFF{"a":1}') },
  ]);
  await w.close();
});
after(async () => {
  await journal.close();
  await dropKeyspace(KS);
});

test('a lazy load equals an eager one, row for row, and parses nothing until read', async () => {
  const lazy = sortByKey(await journal.eventTable({ progress: false }));
  const eager = sortByKey(await journal.eventTable({ progress: false, decode: 'eager' }));
  const column = lazy.column('event') as unknown as { unparsed: number };
  assert.equal(column.unparsed, 401, 'the valid JSON rows are kept unparsed');
  assert.deepEqual(lazy.array('event'), eager.array('event'));
  assert.equal(column.unparsed, 0);
  assert.deepEqual(lazy.array('decodeError'), eager.array('decodeError'));
  assert.deepEqual(lazy.columnNames(), eager.columnNames());
  const cart3 = lazy.filter((d: { persistenceId: string }) => d.persistenceId === 'cart-3').array('event') as Array<{ n: number }>;
  assert.deepEqual(cart3.map((e) => e.n % 7), cart3.map(() => 3));
});

test('invalid JSON is found during the load, counted, and kept with its bytes', async () => {
  const t = await journal.eventTable({ persistenceIds: ['broken'], progress: false });
  const stats = loadStats(t)!;
  assert.equal(stats.undecodable, 2);
  assert.deepEqual(stats.undecodableBy, { '31:Truncated': 1, '31:Bom': 1 });
  assert.match(String(t.get('decodeError', 0)), /Serializer 31 .*could not decode/);
  assert.deepEqual(t.get('event', 1), [1, { b: 'c' }]);
  assert.equal(t.get('decodeError', 1), null);
  assert.equal(new TextDecoder().decode(t.get('raw', 0) as Uint8Array), '{"a":1,');
});

test('a JSON decoder the user registers wins over the built-in one, lazily or not', async () => {
  const custom = cassandraJournal({ ...CONTACT, keyspace: KS, decoders: { '31:ItemAdded': (bytes) => ({ bytes: bytes.length }) } });
  try {
    const t = await custom.eventTable({ persistenceIds: ['cart-1'], toSequenceNr: 4, progress: false });
    const events = t.array('event') as Array<Record<string, unknown>>;
    const types = t.array('eventType') as string[];
    for (let i = 0; i < events.length; i++) {
      if (types[i] === 'ItemAdded') assert.equal(typeof events[i]!['bytes'], 'number');
      else assert.equal(events[i]!['cart'], 'cart-1');
    }
  } finally {
    await custom.close();
  }
});

test('decode must be lazy or eager', async () => {
  await assert.rejects(journal.eventTable({ progress: false, decode: 'sometimes' as 'lazy' }), /decode must be 'lazy' or 'eager', got "sometimes"/);
});
