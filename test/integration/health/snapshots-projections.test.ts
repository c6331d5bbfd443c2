// snapshotTable, recoveryCost and projectionOffsets against the journals, snapshot stores and
// offset stores written by scripts/journal/health-journal.ts (keyspaces health_sp_*).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { writeHealthJournal, healthJournalDefaults as d, type HealthJournalInfo } from '../../../scripts/journal/health-journal.js';
import { cassandraJournal, recoveryCostChart } from '../../../src/index.js';

const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
let current: HealthJournalInfo;
let legacy: HealthJournalInfo;
before(async () => {
  current = await writeHealthJournal({ keyspace: 'health_sp_current', layout: 'current' });
  legacy = await writeHealthJournal({ keyspace: 'health_sp_message', layout: 'message' });
});
after(async () => {
  const client = new cassandra.Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
  for (const info of [current, legacy]) {
    if (info) for (const ks of [info.keyspace, info.snapshotKeyspace, info.projectionKeyspace]) await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
  }
  await client.shutdown();
  await journal.close();
});

for (const which of ['current', 'message'] as const) {
  test(`snapshotTable (${which} era) decodes every snapshot through the registry`, async () => {
    const info = which === 'current' ? current : legacy;
    const t = await journal.snapshotTable({ keyspace: info.snapshotKeyspace });
    assert.deepEqual(t.select('persistenceId', 'sequenceNr').objects(), [
      { persistenceId: 'Cart|clean-1', sequenceNr: 5 }, { persistenceId: 'Cart|clean-1', sequenceNr: 10 },
      { persistenceId: 'Cart|clean-2', sequenceNr: 20 }, { persistenceId: 'Cart|hole', sequenceNr: 8 },
    ]);
    assert.deepEqual(t.get('snapshot', 1), { items: 10, checkedOut: false });
    assert.equal(t.get('decodeError', 1), null);
    assert.equal((t.get('timestamp', 1) as Date).getTime(), d.start.getTime() + 10 * 60_000);
    const one = await journal.snapshotTable({ keyspace: info.snapshotKeyspace, persistenceIds: ['Cart|clean-2'] });
    assert.deepEqual(one.array('sequenceNr'), [20]);
  });
}

test('recoveryCost: events after the newest snapshot and deleted_to, worst first', async () => {
  const cost = await journal.recoveryCost({ keyspace: current.keyspace, partitionSize: d.partitionSize, progress: false });
  assert.deepEqual(cost.select('persistenceId', 'snapshotSequenceNr', 'replayedEvents').objects().map((r) => Object.values(r)), [
    ['Cart|gap', null, 27], ['Cart|fork', null, 25], ['Cart|hole', 8, 22], ['Cart|clean-1', 10, 17], ['Cart|clean-2', 20, 14],
    ['Cart|clean-3', null, 9], ['Cart|clean-4', null, 8], ['Cart|recent', null, 6], ['Cart|tag-miss', null, 6],
  ]);
  const hole = cost.filter((r: { persistenceId: string }) => r.persistenceId === 'Cart|hole').objects()[0] as Record<string, number>;
  assert.equal(hole['highestSequenceNr'], 40);
  assert.equal(hole['eventsAfterSnapshot'], 32);
  const chart = recoveryCostChart(cost, { top: 5 });
  assert.equal((chart.spec.data as { values: unknown[] }).values.length, 5);
});

test('projectionOffsets: lag by time for timeuuid offsets, by events for sequence offsets', async () => {
  const t = await journal.projectionOffsets({ keyspace: current.projectionKeyspace, journalKeyspace: current.keyspace, progress: false });
  const rows = t.objects() as Array<Record<string, unknown>>;
  assert.equal(rows.length, 6);
  assert.deepEqual([rows[0]!['projectionName'], rows[0]!['projectionKey'], rows[0]!['lagMs'], rows[0]!['paused'], rows[0]!['comparedWith']],
    ['cart-audit', 'carts-1', 3_600_000, true, 'tag']);
  for (const r of rows.filter((x) => x['projectionName'] === 'cart-view')) {
    assert.equal(r['lagMs'], 0, String(r['projectionKey']));
    assert.equal(r['comparedWith'], 'tag');
    assert.equal(r['paused'], false);
  }
  const replica = rows.find((x) => x['projectionName'] === 'cart-replica')!;
  assert.deepEqual([replica['offsetSequenceNr'], replica['newestSequenceNr'], replica['lagEvents'], replica['comparedWith']], [20, 27, 7, 'persistenceId']);
});

test('projectionOffsets names the missing offset store', async () => {
  await assert.rejects(journal.projectionOffsets({ keyspace: current.keyspace, table: 'offset_store', progress: false }),
    (e: Error) => e.name === 'NotFoundError' && /offset_store/.test(e.message));
});
