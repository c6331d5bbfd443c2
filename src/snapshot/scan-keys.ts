// The refresh's key-only scan: every row's key (persistence_id, partition_nr, sequence_nr) with
// its timestamp, ser_id and ser_manifest, by token range, no payload. It applies the loader's
// rules in the loader's order (placeholders, filters, deletes, the newest duplicate) and hands
// each Cassandra partition's surviving keys, in clustering order, to `onGroup`.
import cassandra from 'cassandra-driver';
import type { types } from 'cassandra-driver';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable } from '../cassandra/quote.js';
import { withRetries } from '../cassandra/retry.js';
import type { RowGate } from '../cassandra/row-gate.js';
import { msFromTimeUuidBytes } from '../cassandra/time-uuid.js';
import type { TokenSplit } from '../cassandra/token-splits.js';

const FILTERED_PAYLOAD_ID = 34;

/** The surviving keys of one Cassandra partition; arrays are reused: copy what you keep. */
export interface KeyGroup {
  persistenceId: string;
  partition: number;
  length: number;
  sequenceNr: Float64Array;
  timestampMs: Float64Array;
}

export interface KeyScanOptions {
  concurrency: number;
  pageSize: number;
  retries: number;
  /** Only these ids (null: all). */
  persistenceIds: ReadonlySet<string> | null;
}

/** Scans the keys of `keyspace.table` (event layouts: persistence_id, timestamp timeuuid). */
export async function scanKeys(
  client: cassandra.Client, keyspace: string, table: string, hasSerColumns: boolean, gate: RowGate,
  splits: readonly TokenSplit[], options: KeyScanOptions, onGroup: (group: KeyGroup) => void, onSplitDone: () => void,
): Promise<void> {
  const columns = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', ...(hasSerColumns ? ['ser_id', 'ser_manifest'] : [])];
  const key = 'token(persistence_id, partition_nr)';
  const query = `SELECT ${columns.join(', ')} FROM ${qualifiedTable(keyspace, table)} WHERE ${key} > ? AND ${key} <= ?`;
  let next = 0;
  const worker = async (): Promise<void> => {
    const group = createGroup();
    while (next < splits.length) {
      const split = splits[next++]!;
      const params = [cassandra.types.Long.fromString(split.start.toString()), cassandra.types.Long.fromString(split.end.toString())];
      let pageState: string | undefined;
      do {
        const result: types.ResultSet = await withRetries(() => client.execute(query, params, {
          prepare: true, fetchSize: options.pageSize, autoPage: false, ...(pageState ? { pageState } : {}),
        }), () => `keys of token range (${split.start}, ${split.end}] of ${keyspace}.${table}`, options.retries);
        pageState = result.pageState ?? undefined;
        appendKeys(result.rows, group, gate, options.persistenceIds, onGroup);
      } while (pageState);
      flush(group, onGroup);
      onSplitDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, splits.length) }, worker));
}

interface GroupState extends KeyGroup {
  open: boolean;
}

function createGroup(): GroupState {
  return { persistenceId: '', partition: -1, length: 0, sequenceNr: new Float64Array(1024), timestampMs: new Float64Array(1024), open: false };
}

function flush(group: GroupState, onGroup: (group: KeyGroup) => void): void {
  if (group.open) onGroup(group);
  group.open = false;
  group.length = 0;
}

// Written out as one loop: a callback per row cost measurably on million-row scans.
function appendKeys(rows: readonly types.Row[], group: GroupState, gate: RowGate, ids: ReadonlySet<string> | null, onGroup: (g: KeyGroup) => void): void {
  const f = gate.filter;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const seqValue = row['sequence_nr'] as LongLike | null;
    if (seqValue === null) continue;
    const pid = row['persistence_id'] as string;
    const partition = numberFromLong(row['partition_nr'] as LongLike);
    if (!group.open || pid !== group.persistenceId || partition !== group.partition) {
      flush(group, onGroup);
      group.persistenceId = pid;
      group.partition = partition;
      group.open = true;
    }
    gate.counters.scanned++;
    if (ids !== null && !ids.has(pid)) continue;
    if (row['ser_id'] === FILTERED_PAYLOAD_ID && row['ser_manifest'] === 'F') {
      gate.counters.filteredSkipped++;
      continue;
    }
    const seq = numberFromLong(seqValue);
    const uuid = row['timestamp'] as types.TimeUuid | null;
    const ms = uuid === null ? NaN : msFromTimeUuidBytes(uuid.getBuffer());
    if (seq < f.fromSequenceNr || seq > f.toSequenceNr || ms < f.fromMs || ms > f.toMs) {
      gate.counters.outsideFilter++;
      continue;
    }
    const deletedTo = gate.deletedTo.get(pid);
    if (deletedTo !== undefined && seq <= deletedTo) {
      gate.counters.deletedSkipped++;
      continue;
    }
    let at = group.length;
    if (at > 0 && !gate.keepDuplicates && group.sequenceNr[at - 1] === seq) {
      at--;
      gate.counters.duplicatesDropped++;
    }
    if (at === group.sequenceNr.length) {
      const seqs = new Float64Array(at * 2);
      seqs.set(group.sequenceNr);
      group.sequenceNr = seqs;
      const times = new Float64Array(at * 2);
      times.set(group.timestampMs);
      group.timestampMs = times;
    }
    group.sequenceNr[at] = seq;
    group.timestampMs[at] = ms;
    group.length = at + 1;
  }
}
