// Each journal era written for real, then read back with eventTable.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cassandraJournal, loadStats, sortByKey } from '../../../src/index.js';
import { CONTACT, dropKeyspace, freshWriter } from './helpers.js';

const journal = cassandraJournal({ ...CONTACT, keyspace: 'cass_it_layouts' });
const keyspaces = ['cass_it_current', 'cass_it_message', 'cass_it_mixed', 'cass_it_l0'];
after(async () => {
  await journal.close();
  for (const k of keyspaces) await dropKeyspace(k);
});

const t0 = Date.UTC(2026, 10, 1, 12);
const cartEvent = (pid: string, seq: number) => ({
  persistenceId: pid, sequenceNr: seq, serializer: 'jackson-json' as const,
  manifest: 'com.example.cart.ShoppingCart$ItemAdded', event: { itemId: `item-${seq}`, quantity: seq },
  timestamp: new Date(t0 + seq * 1000), tags: ['carts-1'], writerUuid: 'writer-a',
});

test('current layout (APC 1.x / Pekko): every column of the contract', async () => {
  const w = await freshWriter({ keyspace: 'cass_it_current', layout: 'current' });
  await w.write([1, 2, 3].map((s) => cartEvent('cart-a', s)));
  await w.write([1, 2].map((s) => cartEvent('cart-b', s)));
  await w.close();
  const t = sortByKey(await journal.eventTable({ keyspace: 'cass_it_current', progress: false }));
  assert.deepEqual(t.columnNames(), ['persistenceId', 'partition', 'sequenceNr', 'timestamp', 'eventType', 'event', 'serId', 'writerUuid', 'tags', 'decodeError']);
  assert.equal(t.numRows(), 5);
  const row = t.object(1) as Record<string, unknown>;
  assert.equal(row['persistenceId'], 'cart-a');
  assert.equal(row['partition'], 0);
  assert.equal(row['sequenceNr'], 2);
  assert.equal((row['timestamp'] as Date).getTime(), t0 + 2000);
  assert.equal(row['eventType'], 'com.example.cart.ShoppingCart$ItemAdded');
  assert.deepEqual(row['event'], { itemId: 'item-2', quantity: 2 });
  assert.equal(row['serId'], 31);
  assert.equal(row['writerUuid'], 'writer-a');
  assert.deepEqual(row['tags'], ['carts-1']);
  assert.equal(row['decodeError'], null);
  assert.equal(loadStats(t)?.layout, 'event');
});

test('legacy `message` layout (APC 0.4–0.9): PersistentRepr unwrapped, tags from tag1..3', async () => {
  const w = await freshWriter({ keyspace: 'cass_it_message', layout: 'message' });
  await w.write([1, 2, 3].map((s) => cartEvent('cart-m', s)));
  await w.close();
  const t = sortByKey(await journal.eventTable({ keyspace: 'cass_it_message', progress: false }));
  assert.equal(loadStats(t)?.layout, 'message');
  assert.deepEqual(t.array('sequenceNr'), [1, 2, 3]);
  assert.deepEqual(t.get('event', 2), { itemId: 'item-3', quantity: 3 });
  assert.equal(t.get('eventType', 0), 'com.example.cart.ShoppingCart$ItemAdded');
  assert.equal(t.get('serId', 0), 31);
  assert.equal(t.get('writerUuid', 0), 'writer-a');
  assert.equal((t.get('timestamp', 0) as Date).getTime(), t0 + 1000);
  assert.deepEqual(t.get('tags', 0), ['carts-1']);
  // a time filter on a legacy layout applies after the PersistentRepr is unwrapped
  const some = await journal.eventTable({ keyspace: 'cass_it_message', from: new Date(t0 + 2000), to: new Date(t0 + 3000), progress: false });
  assert.deepEqual(sortByKey(some).array('sequenceNr'), [2, 3]);
});

test('mixed layout (APC 0.10–0.107): rows with `message` and rows with `event` side by side', async () => {
  const w = await freshWriter({ keyspace: 'cass_it_mixed', layout: 'mixed' });
  await w.write([1, 2].map((s) => ({ ...cartEvent('cart-x', s), legacyMessage: true })));
  await w.write([3, 4].map((s) => cartEvent('cart-x', s)));
  await w.close();
  const t = sortByKey(await journal.eventTable({ keyspace: 'cass_it_mixed', progress: false }));
  assert.equal(loadStats(t)?.layout, 'event-with-message');
  assert.deepEqual(t.array('sequenceNr'), [1, 2, 3, 4]);
  assert.deepEqual((t.array('event') as Array<{ quantity: number }>).map((e) => e.quantity), [1, 2, 3, 4]);
  assert.deepEqual(t.array('serId'), [31, 31, 31, 31]);
});

test('Akka 2.3 layout (processor_id, marker): A rows, B-marker deletes, header rows skipped', async () => {
  const w = await freshWriter({ keyspace: 'cass_it_l0', layout: 'legacy-processor' });
  await w.write([1, 2, 3, 4].map((s) => ({ persistenceId: 'proc-1', sequenceNr: s, serializer: 'string' as const, event: `hello ${s}` })));
  await w.deleteTo('proc-1', 2);
  await w.close();
  const t = sortByKey(await journal.eventTable({ keyspace: 'cass_it_l0', progress: false }));
  assert.equal(loadStats(t)?.layout, 'legacy-processor');
  assert.deepEqual(t.array('sequenceNr'), [3, 4]);
  assert.deepEqual(t.array('event'), ['hello 3', 'hello 4']);
  assert.equal(loadStats(t)?.deletedSkipped, 2);
  assert.deepEqual(await journal.persistenceIds({ keyspace: 'cass_it_l0' }), ['proc-1']);
  const one = await journal.eventTable({ keyspace: 'cass_it_l0', persistenceIds: ['proc-1'], progress: false });
  assert.deepEqual(one.array('sequenceNr'), [3, 4]);
});
