// The token-range scan on 100k+ events: every row once, none lost, none twice, checked against
// Cassandra's own COUNT(*), with small pages and many splits so page and split edges are crossed often.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { cassandraJournal } from '../../../src/index.js';
import type { JournalEvent } from '../../../scripts/journal/writer.js';
import { CONTACT, dropKeyspace, freshWriter } from './helpers.js';

const KS = 'cass_it_complete';
const IDS = 2500;
const PER_ID = 41; // 102 500 events
const journal = cassandraJournal({ ...CONTACT, keyspace: KS });

before(async () => {
  const w = await freshWriter({ keyspace: KS, targetPartitionSize: 16, maxBatchSize: 8 });
  const batch: JournalEvent[] = [];
  for (let p = 0; p < IDS; p++) {
    for (let s = 1; s <= PER_ID; s++) {
      batch.push({ persistenceId: `acc-${p}`, sequenceNr: s, serializer: 'jackson-json', manifest: 'Deposited', event: { p, s } });
    }
    if (batch.length >= 10_000) await w.write(batch.splice(0));
  }
  await w.write(batch.splice(0));
  await w.close();
});
after(async () => {
  await journal.close();
  await dropKeyspace(KS);
});

async function cqlCount(): Promise<number> {
  const client = new cassandra.Client({ ...CONTACT, socketOptions: { readTimeout: 120_000 } });
  try {
    const result = await client.execute(`SELECT COUNT(*) AS n FROM ${KS}.messages`, [], { readTimeout: 120_000 });
    return (result.first()['n'] as cassandra.types.Long).toNumber();
  } finally {
    await client.shutdown();
  }
}

for (const [name, options] of [
  ['defaults', {}],
  ['small pages, many splits, high concurrency', { pageSize: 777, splits: 97, concurrency: 8 }],
] as const) {
  test(`full scan is complete and duplicate-free (${name})`, async () => {
    const t = await journal.eventTable({ ...options, progress: false });
    const expected = await cqlCount();
    assert.equal(expected, IDS * PER_ID);
    assert.equal(t.numRows(), expected);
    const pids = t.array('persistenceId') as string[];
    const seqs = t.array('sequenceNr') as Float64Array;
    const keys = new Set<string>();
    for (let i = 0; i < pids.length; i++) keys.add(`${pids[i]}#${seqs[i]}`);
    assert.equal(keys.size, expected, 'no (persistenceId, sequenceNr) twice');
    const events = t.array('event') as Array<{ p: number; s: number }>;
    for (let i = 0; i < pids.length; i += 997) assert.equal(`acc-${events[i]!.p}#${events[i]!.s}`, `${pids[i]}#${seqs[i]}`);
  });
}
