// Missing sequence numbers per persistence id. Akka numbers each id's events 1, 2, 3, … without
// holes (across Cassandra partitions and Kafka partitions alike), so a hole is events that were
// deleted, not loaded (time range, filters), or lost.
import { table as aqTable, type ColumnTable } from 'arquero';
import type { TableLike } from '../../types.js';
import { journalTable } from './journal-table.js';
import type { SequenceGapsOptions } from './sequence-gaps.js';

/**
 * One row per missing range: persistenceId, partition (of the event before the gap, null without
 * a partition column), from, to (inclusive) and missing (= to − from + 1); ordered by id and from.
 * Duplicate sequence numbers are not gaps. Takes `sequenceGaps`'s options (only `startAt` applies).
 *
 * @example
 * sequenceGapsFromTable(events).print();
 */
export function sequenceGapsFromTable(table: TableLike, options: Pick<SequenceGapsOptions, 'startAt'> = {}): ColumnTable {
  const hasPartition = table.columnNames().includes('partition');
  const t = journalTable(table, hasPartition ? ['persistenceId', 'sequenceNr', 'partition'] : ['persistenceId', 'sequenceNr'], 'sequenceGaps')
    .orderby('persistenceId', 'sequenceNr');
  const index = t.indices(true);
  const n = index.length;
  const ids = t.column('persistenceId')!;
  const seqs = t.column('sequenceNr')!;
  const partitions = hasPartition ? t.column('partition')! : undefined;
  const out = { persistenceId: [] as string[], partition: [] as unknown[], from: [] as number[], to: [] as number[], missing: [] as number[] };
  let prevId: unknown = undefined;
  let prevSeq = 0;
  let prevPartition: unknown = null;
  for (let i = 0; i < n; ++i) {
    const row = index[i];
    const id = ids.at(row);
    const raw = seqs.at(row);
    if (raw === null || raw === undefined) continue;
    const seq = Number(raw);
    if (seq !== seq) continue; // NaN
    const partition = partitions ? partitions.at(row) ?? null : null;
    if (id !== prevId) {
      if (options.startAt !== undefined && seq > options.startAt) push(out, id, null, options.startAt, seq - 1);
    } else if (seq > prevSeq + 1) {
      push(out, id, prevPartition, prevSeq + 1, seq - 1);
    }
    prevId = id;
    prevSeq = seq;
    prevPartition = partition;
  }
  return aqTable(out);
}

function push(out: { persistenceId: string[]; partition: unknown[]; from: number[]; to: number[]; missing: number[] },
  id: unknown, partition: unknown, from: number, to: number): void {
  out.persistenceId.push(String(id));
  out.partition.push(typeof partition === 'bigint' ? Number(partition) : partition);
  out.from.push(from);
  out.to.push(to);
  out.missing.push(to - from + 1);
}
