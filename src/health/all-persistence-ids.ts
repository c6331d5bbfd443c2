// allPersistenceIds: the plugin's `all_persistence_ids` table (APC 1.0+, Pekko), which the
// persistenceIds() query reads, against the ids the journal holds. An id whose events were all
// deleted keeps its row (only the Cleanup tool removes both), so ids known to `metadata` are not
// extra. docs/health-checks.md.
import type cassandra from 'cassandra-driver';
import { qualifiedTable } from '../cassandra/quote.js';
import { readAllRows } from './read-all-rows.js';

export interface PersistenceIdFindings {
  /** Ids with events in the journal but no all_persistence_ids row. */
  missing: string[];
  /** all_persistence_ids rows with no events and no delete record in the journal. */
  extra: string[];
}

/** The ids with rows in the journal (a PidStates, or a Set). */
export interface JournalIds {
  has(pid: string): boolean;
  keys(): IterableIterator<string>;
}

/**
 * Compares all_persistence_ids with the journal's ids.
 *
 * @example
 * const { missing, extra } = await checkAllPersistenceIds(client, 'akka', states, deletedTo);
 */
export async function checkAllPersistenceIds(
  client: cassandra.Client, keyspace: string, journalIds: JournalIds, deletedTo: ReadonlyMap<string, number>,
  persistenceIds?: ReadonlySet<string>,
): Promise<PersistenceIdFindings> {
  const listed = new Set<string>();
  await readAllRows(client, `SELECT persistence_id FROM ${qualifiedTable(keyspace, 'all_persistence_ids')}`, [], (rows) => {
    for (const row of rows) listed.add(row['persistence_id'] as string);
  });
  const missing: string[] = [];
  for (const id of journalIds.keys()) if (!listed.has(id)) missing.push(id);
  missing.sort();
  const extra = [...listed].filter((id) => !journalIds.has(id) && !deletedTo.has(id) && (!persistenceIds || persistenceIds.has(id))).sort();
  return { missing, extra };
}
