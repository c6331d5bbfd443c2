import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as aq from 'arquero';
import { createRawBatch } from '../../../src/cassandra/raw-batch.js';
import { flattenEvents } from '../../../src/table/flatten-events.js';
import { createJournalTableBuilder } from '../../../src/table/journal-table-builder.js';
import { sortByKey } from '../../../src/table/sort-by-key.js';
import type { RawEventBatch } from '../../../src/types.js';

function batchOf(rows: Array<[string, number, number, number]>): RawEventBatch {
  const batch = createRawBatch(rows.length);
  for (const [pid, partition, seq, ms] of rows) {
    const i = batch.length++;
    batch.persistenceId[i] = pid;
    batch.partition[i] = partition;
    batch.sequenceNr[i] = seq;
    batch.timestampMs[i] = ms;
    batch.serializerId[i] = 31;
    batch.manifest[i] = i % 2 ? 'Added' : '';
    batch.payload[i] = Buffer.from(`#${i}`);
    batch.writerUuid[i] = 'w';
    batch.tags[i] = null;
  }
  return batch;
}

test('builds the journal columns across batches, growing past the initial capacity', () => {
  const builder = createJournalTableBuilder();
  const rows: Array<[string, number, number, number]> = [];
  for (let i = 0; i < 3000; i++) rows.push([`p${i % 7}`, 0, i + 1, 1_700_000_000_000 + i]);
  builder.append(batchOf(rows.slice(0, 1500)), { events: rows.slice(0, 1500).map((r) => ({ n: r[2] })), errors: null });
  builder.append(batchOf(rows.slice(1500)), { events: rows.slice(1500).map((r) => ({ n: r[2] })), errors: null });
  const t = builder.toTable(() => 'primitive-string');
  assert.equal(t.numRows(), 3000);
  assert.deepEqual(t.columnNames(), ['persistenceId', 'partition', 'sequenceNr', 'timestamp', 'eventType', 'event', 'serId', 'writerUuid', 'tags', 'decodeError']);
  assert.equal(t.get('sequenceNr', 2999), 3000);
  assert.ok(t.get('timestamp', 0) instanceof Date);
  assert.equal((t.get('timestamp', 10) as Date).getTime(), 1_700_000_000_010);
  assert.equal(t.get('eventType', 0), 'primitive-string');
  assert.equal(t.get('eventType', 1), 'Added');
  assert.deepEqual(t.get('event', 41), { n: 42 });
});

test('undecodable rows keep their raw bytes and reason; decoded rows keep none', () => {
  const builder = createJournalTableBuilder();
  builder.append(batchOf([['a', 0, 1, 1]]), { events: [1], errors: null });
  builder.append(batchOf([['a', 0, 2, 2], ['a', 0, 3, 3]]), { events: [null, 3], errors: ['no decoder for 9001', null] });
  builder.append(batchOf([['a', 0, 4, 4]]), { events: [4], errors: null });
  const t = builder.toTable(String);
  assert.deepEqual(t.array('decodeError'), [null, 'no decoder for 9001', null, null]);
  assert.deepEqual(Buffer.from(t.get('raw', 1) as Uint8Array).toString(), '#0');
  assert.equal(t.get('raw', 0), null);
  assert.equal(t.get('raw', 2), null);
});

test('append honours a row count (limit) and sortByKey orders by the journal key', () => {
  const builder = createJournalTableBuilder();
  builder.append(batchOf([['b', 0, 2, 1], ['a', 1, 500001, 1], ['a', 0, 1, 1], ['x', 0, 1, 1]]), { events: [1, 2, 3, 4], errors: null }, 3);
  const sorted = sortByKey(builder.toTable(String));
  assert.deepEqual((sorted.objects() as Record<string, unknown>[]).map((r) => [r['persistenceId'], r['partition'], r['sequenceNr']]), [['a', 0, 1], ['a', 1, 500001], ['b', 0, 2]]);
});

test('flattenEvents spreads object fields, renames clashes, leaves non-objects alone', () => {
  const t = aq.table({ persistenceId: ['a', 'b', 'c'], event: [{ itemId: 'x', quantity: 2 }, 'plain', { itemId: 'y', persistenceId: 'inner' }] });
  const flat = flattenEvents(t);
  assert.deepEqual(flat.array('itemId'), ['x', undefined, 'y']);
  assert.deepEqual(flat.array('quantity'), [2, undefined, undefined]);
  assert.deepEqual(flat.array('event.persistenceId'), [undefined, undefined, 'inner']);
  assert.deepEqual(flat.array('persistenceId'), ['a', 'b', 'c']);
});
