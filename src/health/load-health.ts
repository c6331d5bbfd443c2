// journal.health(): one payload-free pass over the journal (scan-for-health.ts) feeding the
// sequence tracker, then the checks over what it kept, the tag tables and all_persistence_ids
// where they exist. Read-only: only SELECTs. docs/health-checks.md.
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { maybeCount, maybeName, maybePersistenceIds } from '../cassandra/maybe-options.js';
import type { JournalLayoutName, MimeBundle, ProgressSink } from '../types.js';
import { checkAllPersistenceIds } from './all-persistence-ids.js';
import { bundleFromHealth } from './bundle-from-health.js';
import { CHECK_NAMES, type CheckName } from './check-descriptions.js';
import { forksFromStates } from './forks.js';
import { gapsFromStates } from './gaps.js';
import {
  countsFrom, summaryFromCounts, tableFromDuplicates, tableFromForks, tableFromGaps, tableFromHoles,
  tablesFromPersistenceIds, tablesFromTagViews, type PersistenceIdTables, type TagViewTables,
} from './health-tables.js';
import { partitionHolesFromStates, partitionSizeMismatch, type HoleRows, type PartitionSizeMismatch } from './partition-holes.js';
import { warn } from '../util/warn.js';
import { textFromTable } from '../notebook/bundle-from-table.js';
import { createSequenceTracker, type SequenceTracker } from './sequence-tracker.js';
import { journalPass } from './journal-pass.js';
import { checkTagViews } from './tag-views.js';

/** Options of `journal.health`. */
export interface HealthOptions {
  /** Default: the journal's keyspace option, else 'akka'. */
  keyspace?: string;
  /** Default 'messages'. */
  table?: string;
  /** Check only these ids (their partitions are found with one SELECT DISTINCT, then read whole). Default all. */
  persistenceIds?: string[];
  /** As eventTable: true (default) draws progress, false hides it, a function receives it. */
  progress?: boolean | ProgressSink;
  /** Tagged events newer than this (ms before now) that are not in tag_views yet are lag, not missing. Default 300 000 (5 minutes). */
  tagWriteWindowMs?: number;
  /** Partition size the journal was written with; default from its `config` table or the plugin default. */
  partitionSize?: number;
  /** As eventTable: splits read at once (default 4), splits (default 8 × concurrency), rows per page (1000), retries (no count limit, within retryBudgetSeconds). */
  concurrency?: number;
  splits?: number;
  pageSize?: number;
  retries?: number;
}

/** What `journal.health` returns; `show(health)` displays it as a report. */
export interface JournalHealth {
  /** persistenceId, fromSequenceNr, toSequenceNr, missing. */
  gaps: ColumnTable;
  /** One row per written row: persistenceId, sequenceNr, partition, writerUuid, timestamp. */
  duplicates: ColumnTable;
  /** persistenceId, firstWriter, secondWriter, forkSequenceNr, firstWriterEvents, secondWriterEvents, firstWriterLast, secondWriterLast. */
  forks: ColumnTable;
  /** persistenceId, fromPartition, toPartition, emptyPartitions, nextPartition, eventsBeyond. */
  partitionHoles: ColumnTable;
  /** null when the keyspace has no tag_views table. */
  tagViews: TagViewTables | null;
  /** null when the keyspace has no all_persistence_ids table. */
  allPersistenceIds: PersistenceIdTables | null;
  /** One row per check: check, checked, rows, persistenceIds, problems, meaning, fix. */
  summary: ColumnTable;
  /** Total problem rows over all checks (lag within the window does not count). */
  problems: number;
  stats: {
    keyspace: string; table: string; layout: JournalLayoutName; rows: number; persistenceIds: number; partitionSize: number; elapsedMs: number;
    /** A row that does not fit `partitionSize` (partitionHoles was then not checked), else null. */
    partitionSizeMismatch: PartitionSizeMismatch | null;
  };
  [key: symbol]: unknown;
}

export const healthDefaults = { table: 'messages', tagWriteWindowMs: 300_000 };

/**
 * Runs every check on one journal table. `ringTokens` are the cluster's tokens (token splits).
 *
 * @example
 * const health = await loadHealth(client, 'akka', ringTokens, { table: 'messages' });
 */
export async function loadHealth(client: cassandra.Client, defaultKeyspace: string, ringTokens: readonly bigint[], options: HealthOptions = {}): Promise<JournalHealth> {
  const started = Date.now();
  const keyspace = maybeName('keyspace', options.keyspace, defaultKeyspace);
  const table = maybeName('table', options.table, healthDefaults.table);
  const persistenceIds = maybePersistenceIds(options.persistenceIds);
  const windowMs = maybeCount('tagWriteWindowMs', options.tagWriteWindowMs, healthDefaults.tagWriteWindowMs, 0);
  let tracker: SequenceTracker | undefined;
  const ctx = await journalPass(client, keyspace, table, ringTokens, { ...options, persistenceIds }, 'health of', (c) => {
    tracker = createSequenceTracker(c.deletedTo, c.tables.has('tag_views'));
    return { sink: tracker.add, onDeleted: tracker.markDeleted, rows: () => tracker!.rows, tags: c.tables.has('tag_views') };
  });
  const { tables, deletedTo, partitionSize } = ctx;
  const baseLayout = ctx.layout;
  const hasMetadata = tables.has('metadata');
  const hasTagViews = tables.has('tag_views');
  const { states, duplicates } = tracker!.finish();
  const rowsSeen = tracker!.rows;
  tracker = undefined; // the report's display closure shares this scope: keep no scan state alive

  const wanted = persistenceIds ? new Set(persistenceIds) : undefined;
  const tagViews = hasTagViews
    ? tablesFromTagViews(await checkTagViews(client, keyspace, states, deletedTo, tables, Date.now(), windowMs, wanted))
    : null;
  const allPersistenceIds = tables.has('all_persistence_ids')
    ? tablesFromPersistenceIds(await checkAllPersistenceIds(client, keyspace, states, deletedTo, wanted))
    : null;
  // With a partition size other than the journal's, holes would be reported that are not there.
  const mismatch = partitionSizeMismatch(states, partitionSize);
  if (mismatch) {
    warn(`health: partitionHoles not checked in ${keyspace}.${table}: '${mismatch.persistenceId}' has sequence number ${mismatch.sequenceNr} ` +
      `in partition ${mismatch.partition}, which the plugin cannot have written with a partition size of ${partitionSize}. ` +
      `Pass the journal's target-partition-size as health({ partitionSize: … }).`, `health-partition-size:${keyspace}.${table}:${partitionSize}`);
  }
  const found = {
    gaps: tableFromGaps(gapsFromStates(states, hasMetadata)),
    duplicates: tableFromDuplicates(duplicates),
    forks: tableFromForks(forksFromStates(states)),
    partitionHoles: tableFromHoles(mismatch ? emptyHoles() : partitionHolesFromStates(states, partitionSize, hasMetadata)),
    tagViews,
    allPersistenceIds,
  };
  const counts = countsFrom(found, mismatch === null);
  const summary = summaryFromCounts(counts);
  const problems = CHECK_NAMES.reduce((sum, name) => sum + (counts[name]?.problems ?? 0), 0);
  const stats = { keyspace, table, layout: baseLayout.name, rows: rowsSeen, persistenceIds: states.size, partitionSize, elapsedMs: Date.now() - started, partitionSizeMismatch: mismatch };
  const sectionRows: Record<CheckName, ColumnTable | undefined> = {
    gaps: found.gaps, duplicates: found.duplicates, forks: found.forks, partitionHoles: found.partitionHoles,
    tagViewsMissing: tagViews?.missing, tagViewsExtra: tagViews?.extra, tagPidSequenceGaps: tagViews?.tagPidGaps, tagWriteLag: tagViews?.lag,
    allPersistenceIdsMissing: allPersistenceIds?.missing, allPersistenceIdsExtra: allPersistenceIds?.extra,
  };
  const title = `Journal health of ${keyspace}.${table} (${baseLayout.name}): ${stats.rows} rows, ${stats.persistenceIds} persistence ids, ` +
    `${problems === 0 ? 'no problem found' : `${problems} problem row${problems === 1 ? '' : 's'}`}`;
  return {
    ...found, summary, problems, stats,
    [Symbol.for('Jupyter.display')]: (): Promise<MimeBundle> => bundleFromHealth({
      title, summary,
      sections: CHECK_NAMES.flatMap((check) => {
        const rows = sectionRows[check];
        return rows ? [{ check, rows, problems: counts[check]?.problems ?? 0 }] : [];
      }),
    }),
    [Symbol.for('nodejs.util.inspect.custom')]: () => `${title}\n${textFromTable(summary.select('check', 'checked', 'rows', 'persistenceIds', 'problems'), { maxRows: 20 })}`,
  };
}

function emptyHoles(): HoleRows {
  return { persistenceId: [], fromPartition: [], toPartition: [], emptyPartitions: [], nextPartition: [], eventsBeyond: [] };
}
