// The journal-health API as a notebook cell uses it, compiled by scripts/check-kernel-types.mjs
// with tslab's own TypeScript (see public-api.ts).
import {
  cassandraJournal, recoveryCostChart, show, CHECK_NAMES,
  type HealthOptions, type JournalHealth, type RecoveryCostOptions, type ProjectionOffsetsOptions, type SnapshotTableOptions,
} from 'journal-lens';

export async function healthCell(): Promise<void> {
  const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
  const options: HealthOptions = { keyspace: 'akka', persistenceIds: ['a'], progress: false, tagWriteWindowMs: 60_000, partitionSize: 10 };
  const health: JournalHealth = await journal.health(options);
  await show(health);
  const rows: number = health.gaps.numRows() + health.duplicates.numRows() + health.forks.numRows() + health.partitionHoles.numRows()
    + (health.tagViews?.missing.numRows() ?? 0) + (health.allPersistenceIds?.extra.numRows() ?? 0) + health.problems;
  const snapshots: SnapshotTableOptions = { keyspace: 'akka_snapshot', persistenceIds: ['a'] };
  const cost: RecoveryCostOptions = { snapshotKeyspace: 'akka_snapshot', progress: false };
  const offsets: ProjectionOffsetsOptions = { keyspace: 'akka_projection', journalKeyspace: 'akka' };
  const t = await journal.recoveryCost(cost);
  await show(recoveryCostChart(t, { top: 10 }));
  console.log(rows, CHECK_NAMES.length, (await journal.snapshotTable(snapshots)).numRows(), (await journal.projectionOffsets(offsets)).numRows(), health.stats.layout);
  await journal.close();
}
