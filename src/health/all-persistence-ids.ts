// allPersistenceIds: the plugin's `all_persistence_ids` table (APC 1.0+, Pekko), which the
// persistenceIds() query reads, against the ids the journal holds. An id whose events were all
// deleted keeps its row (only the Cleanup tool removes both), so ids known to `metadata` are not
// extra. docs/health-checks.md.
import type cassandra from 'cassandra-driver';
import { qualifiedTable } from '../cassandra/quote.js';
import type { PidStates } from './pid-state.js';
import { readAllRows } from './read-all-rows.js';

export interface PersistenceIdFindings {
  /** Ids with events in the journal but no all_persistence_ids row. */
  missing: string[];
  /** all_persistence_ids rows with no events and no delete record in the journal. */
  extra: string[];
}

/**
 * Compares all_persistence_ids with the journal's ids. Streams over the table: a flag per journal
 * id rather than a set of the listed ids (as many strings as the journal has ids).
 *
 * @example
 * const { missing, extra } = await checkAllPersistenceIds(client, 'akka', states, deletedTo);
 */
export async function checkAllPersistenceIds(
  client: cassandra.Client, keyspace: string, states: PidStates, deletedTo: ReadonlyMap<string, number>,
  persistenceIds?: ReadonlySet<string>,
): Promise<PersistenceIdFindings> {
  const listed = new Uint8Array(states.size);
  const extra = new Set<string>();
  await readAllRows(client, `SELECT persistence_id FROM ${qualifiedTable(keyspace, 'all_persistence_ids')}`, [], (rows) => {
    for (const row of rows) {
      const pid = row['persistence_id'] as string;
      const id = states.indexOf(pid);
      if (id >= 0) listed[id] = 1;
      else if (!deletedTo.has(pid) && (!persistenceIds || persistenceIds.has(pid))) extra.add(pid);
    }
  });
  const missing: string[] = [];
  for (const id of states.order) if (listed[id] === 0) missing.push(states.pids[id]!);
  return { missing: missing.sort(), extra: [...extra].sort() };
}
