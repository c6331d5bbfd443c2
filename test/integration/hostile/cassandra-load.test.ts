// Hostile rows in a real Cassandra journal: the load finishes, the good rows decode, each hostile
// row is undecodable with the limit or the reason named, and the table and a chart of it display.
// Raising cassandraJournal's `limits` decodes the rows that only exceeded a budget.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cassandraJournal, loadStats, show, sortByKey, vegaLite } from '../../../src/index.js';
import { bundleFromTable } from '../../../src/notebook/bundle-from-table.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from '../cassandra/helpers.js';
import { hostilePayloads } from './payloads.js';

const KS = 'hostile_a_cassandra';
const payloads = hostilePayloads();

before(async () => {
  const w = await freshWriter({ keyspace: KS });
  await w.write(jsonEvents('good-1', 20));
  await w.write(payloads.map((p, i) => ({
    persistenceId: 'hostile-1', sequenceNr: i + 1, serializer: 'raw' as const, serializerId: p.serializerId, manifest: p.manifest, event: p.bytes,
  })));
  await w.write(jsonEvents('good-2', 20));
  await w.close();
});
after(async () => {
  await dropKeyspace(KS);
});

test('hostile rows in a Cassandra journal: the load finishes; each hostile row is undecodable with its reason; the rest decodes', { timeout: 120_000 }, async () => {
  const journal = cassandraJournal({ ...CONTACT, keyspace: KS });
  try {
    const table = sortByKey(await journal.eventTable({ progress: false }));
    assert.equal(table.numRows(), 40 + payloads.length);
    const stats = loadStats(table)!;
    assert.equal(stats.undecodable, payloads.filter((p) => p.error !== null).length);
    const rows = table.objects() as { persistenceId: string; sequenceNr: number; decodeError: string | null; event: unknown }[];
    for (const [i, p] of payloads.entries()) {
      const row = rows.find((r) => r.persistenceId === 'hostile-1' && r.sequenceNr === i + 1)!;
      if (p.error === null) assert.equal(row.decodeError, null, p.name);
      else assert.match(row.decodeError ?? '', p.error, p.name);
    }
    assert.deepEqual(rows.find((r) => r.persistenceId === 'good-2' && r.sequenceNr === 20)!.event, { by: 20, note: 'event 20' });
    // display and charts over the same rows (a cyclic Java graph among them)
    assert.match(String(bundleFromTable(table, { maxRows: 100 })['text/html']), /\[Circular\]/);
    const chart = vegaLite({ mark: 'point', encoding: { x: { field: 'sequenceNr', type: 'quantitative' } } }, table);
    assert.match(JSON.stringify(chart.spec), /\[Circular\]/);
    assert.doesNotThrow(() => show(table));
  } finally {
    await journal.close();
  }
});

test('hostile rows in a Cassandra journal: raised limits decode the rows that only exceeded a budget', { timeout: 120_000 }, async () => {
  const journal = cassandraJournal({ ...CONTACT, keyspace: KS, limits: { maxEventBytes: 32 * 1024 * 1024, maxBignumDigits: 1_000_000 } });
  try {
    const table = await journal.eventTable({ persistenceIds: ['hostile-1'], progress: false });
    const rows = sortByKey(table).objects() as { decodeError: string | null; event: unknown }[];
    assert.equal(rows[1]!.decodeError, null, 'gzip bomb within 32 MiB');
    assert.equal((rows[1]!.event as string).length, 20 * 1024 * 1024 - 2);
    assert.equal(typeof rows[3]!.event, 'bigint', 'CBOR bignum');
    assert.equal(typeof rows[4]!.event, 'bigint', 'Java BigInteger');
    assert.match(rows[0]!.decodeError ?? '', /own superclass/, 'a cycle is refused whatever the limits');
  } finally {
    await journal.close();
  }
});
