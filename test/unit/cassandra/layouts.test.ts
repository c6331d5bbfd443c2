// The page loops of each journal era, fed rows shaped as the driver returns them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { layoutFromColumns } from '../../../src/cassandra/detect-layout.js';
import { createRawBatch } from '../../../src/cassandra/raw-batch.js';
import { createRowGate, NO_FILTER } from '../../../src/cassandra/row-gate.js';
import { NotAJournalError } from '../../../src/errors.js';
import { PERSISTENT_REPR_PAYLOAD } from '../../../src/types.js';

const Long = cassandra.types.Long;
const L5 = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'timebucket', 'writer_uuid', 'ser_id', 'ser_manifest',
  'event_manifest', 'event', 'meta_ser_id', 'meta_ser_manifest', 'meta', 'tags'];

function eventRow(pid: string, seq: number, ms: number, extra: Record<string, unknown> = {}): cassandra.types.Row {
  return {
    persistence_id: pid, partition_nr: Long.fromNumber(0), sequence_nr: Long.fromNumber(seq),
    timestamp: cassandra.types.TimeUuid.fromDate(new Date(ms)), writer_uuid: 'w1', ser_id: 31, ser_manifest: 'Foo',
    event: Buffer.from('{}'), tags: null, ...extra,
  } as unknown as cassandra.types.Row;
}

test('detects each era from its columns', () => {
  assert.equal(layoutFromColumns('akka', 'messages', new Set(L5)).name, 'event');
  assert.equal(layoutFromColumns('akka', 'messages', new Set([...L5, 'message', 'used'])).name, 'event-with-message');
  assert.equal(layoutFromColumns('akka', 'messages', new Set(['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'timebucket', 'used', 'message', 'tag1'])).name, 'message');
  assert.equal(layoutFromColumns('akka', 'messages', new Set(['processor_id', 'partition_nr', 'sequence_nr', 'marker', 'message'])).name, 'legacy-processor');
});

test('a table that is not a journal names its missing columns', () => {
  assert.throws(() => layoutFromColumns('shop', 'orders', new Set(['id', 'persistence_id', 'total'])), (error: unknown) => {
    assert.ok(error instanceof NotAJournalError);
    assert.deepEqual(error.missingColumns, ['partition_nr', 'sequence_nr', 'event (or message)']);
    assert.match(error.message, /shop\.orders is not an akka-persistence journal table: it lacks the columns partition_nr, sequence_nr/);
    assert.match(error.message, /it has id, persistence_id, total/);
    return true;
  });
});

test('event layout: filters, deletes, placeholders and duplicates before decoding', () => {
  const layout = layoutFromColumns('akka', 'messages', new Set(L5));
  const gate = createRowGate({ ...NO_FILTER, toSequenceNr: 5 }, new Map([['a', 1]]), false);
  const rows = [
    eventRow('a', 1, 1000), // deleted (deleted_to 1)
    eventRow('a', 2, 2000),
    eventRow('a', 3, 3000, { ser_id: 34, ser_manifest: 'F', event: Buffer.alloc(0) }), // filtered placeholder
    eventRow('a', 4, 4000, { writer_uuid: 'old' }),
    eventRow('a', 4, 4001, { writer_uuid: 'new', tags: ['t1'] }), // same seq: newer writer replaces
    eventRow('a', 6, 6000), // beyond toSequenceNr
    eventRow('b', 1, 7000),
  ];
  const batch = createRawBatch(rows.length);
  layout.appendPage(rows, batch, gate);
  assert.equal(batch.length, 3);
  assert.deepEqual(batch.persistenceId.slice(0, 3), ['a', 'a', 'b']);
  assert.deepEqual([...batch.sequenceNr.subarray(0, 3)], [2, 4, 1]);
  assert.deepEqual([...batch.timestampMs.subarray(0, 3)], [2000, 4001, 7000]);
  assert.equal(batch.writerUuid[1], 'new');
  assert.deepEqual(batch.tags[1], ['t1']);
  assert.deepEqual(gate.counters, { scanned: 7, deletedSkipped: 1, filteredSkipped: 1, duplicatesDropped: 1, outsideFilter: 1 });
});

test('event-with-message layout prefers a non-null message, as the plugin does', () => {
  const layout = layoutFromColumns('akka', 'messages', new Set([...L5, 'message']));
  const gate = createRowGate(NO_FILTER, new Map(), false);
  const batch = createRawBatch(2);
  layout.appendPage([eventRow('a', 1, 1, { message: Buffer.from([1]), event: null, ser_id: null }), eventRow('a', 2, 2, { message: null })], batch, gate);
  assert.equal(batch.serializerId[0], PERSISTENT_REPR_PAYLOAD);
  assert.equal(batch.serializerId[1], 31);
});

test('legacy processor layout keeps A rows and drops those deleted by a B marker', () => {
  const layout = layoutFromColumns('akka', 'messages', new Set(['processor_id', 'partition_nr', 'sequence_nr', 'marker', 'message']));
  const row = (seq: number, marker: string): cassandra.types.Row => ({
    processor_id: 'p', partition_nr: Long.fromNumber(0), sequence_nr: Long.fromNumber(seq), marker, message: Buffer.from([seq]),
  }) as unknown as cassandra.types.Row;
  const gate = createRowGate(NO_FILTER, new Map(), false);
  const batch = createRawBatch(6);
  layout.appendPage([row(0, 'H'), row(1, 'A'), row(2, 'A'), row(2, 'B'), row(3, 'A'), row(3, 'C-ch1')], batch, gate);
  assert.deepEqual([...batch.sequenceNr.subarray(0, batch.length)], [1, 3]);
  assert.equal(gate.counters.deletedSkipped, 1);
});
