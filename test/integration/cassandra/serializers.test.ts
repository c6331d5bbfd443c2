// Every built-in serializer, written by the independent encoders and read back through eventTable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cassandraJournal, loadStats, sortByKey } from '../../../src/index.js';
import type { JournalEvent } from '../../../scripts/journal/writer.js';
import { CONTACT, dropKeyspace, freshWriter } from './helpers.js';

const KS = 'cass_it_serializers';
const big = { items: Array.from({ length: 2000 }, (_, i) => ({ id: `item-${i}`, note: 'x'.repeat(20) })) };
const cases: Array<[string, Omit<JournalEvent, 'persistenceId' | 'sequenceNr'>, unknown]> = [
  ['jackson-json', { serializer: 'jackson-json', manifest: 'A', event: { a: 1, b: 'two', c: [true, null] } }, { a: 1, b: 'two', c: [true, null] }],
  ['jackson-json gzip (> 32 KiB)', { serializer: 'jackson-json', manifest: 'Big', event: big }, big],
  ['jackson-json-gzip', { serializer: 'jackson-json-gzip', manifest: 'G', event: { small: true } }, { small: true }],
  ['jackson-json-lz4', { serializer: 'jackson-json-lz4', manifest: 'L', event: { text: 'abcabcabcabcabcabcabc', n: 7 } }, { text: 'abcabcabcabcabcabcabc', n: 7 }],
  ['jackson-cbor', { serializer: 'jackson-cbor', manifest: 'C', event: { x: -5, y: 2.5, z: 'ü', w: [1, 2] } }, { x: -5, y: 2.5, z: 'ü', w: [1, 2] }],
  ['string', { serializer: 'string', event: 'just text' }, 'just text'],
  ['long', { serializer: 'long', event: 1234567890123 }, 1234567890123],
  ['int', { serializer: 'int', event: -42 }, -42],
  ['boolean', { serializer: 'boolean', event: true }, true],
  ['java-string', { serializer: 'java-string', event: 'from Java' }, 'from Java'],
];

const journal = cassandraJournal({ ...CONTACT, keyspace: KS });
let table: Awaited<ReturnType<typeof journal.eventTable>>;

before(async () => {
  const w = await freshWriter({ keyspace: KS });
  await w.write(cases.map(([, e], i) => ({ ...e, persistenceId: 'ser', sequenceNr: i + 1 })));
  await w.write([
    { persistenceId: 'ser', sequenceNr: cases.length + 1, serializer: 'bytes', event: new Uint8Array([1, 2, 255]) },
    { persistenceId: 'ser', sequenceNr: cases.length + 2, serializer: 'java-object',
      event: { className: 'com.example.Deposit', fields: { amount: 25, account: 'acc-9' } } },
    { persistenceId: 'ser', sequenceNr: cases.length + 3, serializer: 'raw', serializerId: 9001, manifest: 'Custom', event: new Uint8Array([9, 9]) },
  ]);
  await w.writeFilteredPlaceholder('ser', cases.length + 4);
  await w.close();
  table = sortByKey(await journal.eventTable({ progress: false }));
});
after(async () => {
  await journal.close();
  await dropKeyspace(KS);
});

for (const [name, , expected] of cases) {
  test(`decodes ${name}`, () => {
    const index = cases.findIndex(([n]) => n === name);
    assert.equal(table.get('decodeError', index), null);
    assert.deepEqual(table.get('event', index), expected);
  });
}

test('decodes byte arrays and simple Java objects', () => {
  assert.deepEqual([...(table.get('event', cases.length) as Uint8Array)], [1, 2, 255]);
  const obj = table.get('event', cases.length + 1) as Record<string, unknown>;
  assert.equal(obj['amount'], 25);
  assert.equal(obj['account'], 'acc-9');
});

test('keeps an undecodable row with its raw bytes and reason, counts it, skips the placeholder', () => {
  assert.equal(table.numRows(), cases.length + 3);
  const last = table.numRows() - 1;
  assert.equal(table.get('event', last), null);
  assert.match(String(table.get('decodeError', last)), /9001/);
  assert.deepEqual([...(table.get('raw', last) as Uint8Array)], [9, 9]);
  const stats = loadStats(table)!;
  assert.equal(stats.undecodable, 1);
  assert.deepEqual(stats.undecodableBy, { '9001:Custom': 1 });
  assert.equal(stats.filteredSkipped, 1);
});

test('a decoder registered by the user turns the undecodable row into a value', async () => {
  const custom = cassandraJournal({ ...CONTACT, keyspace: KS, decoders: { '9001:Custom': (bytes) => ({ sum: bytes[0]! + bytes[1]! }) } });
  try {
    const t = await custom.eventTable({ persistenceIds: ['ser'], fromSequenceNr: cases.length + 3, progress: false });
    assert.deepEqual(t.array('event'), [{ sum: 18 }]);
    assert.deepEqual(t.array('decodeError'), [null]);
  } finally {
    await custom.close();
  }
});
