// partitionHoles: empty partitions between where a replay starts and the last partition with
// events. The plugin replays partition after partition and, after an empty one, only looks at
// the next; an empty partition is explained (not a hole) when events of its sequence range were
// written to the next partition by a batch crossing the boundary (journal-formats: partition_nr
// is that of a batch's last event). docs/health-checks.md.
import { liveRuns, mergeRuns, type PidState } from './pid-state.js';

/** One run of empty partitions per row. */
export interface HoleRows {
  persistenceId: string[];
  fromPartition: number[];
  toPartition: number[];
  emptyPartitions: number[];
  /** The next partition holding events: a replay stops before it. */
  nextPartition: number[];
  /** Events a replay would not reach (live events in partitions past the hole). */
  eventsBeyond: number[];
}

/**
 * The partition holes of every persistence id, in the order of `states` (by id).
 *
 * @example
 * const holes = partitionHolesFromStates(states, 500_000, true);
 */
export function partitionHolesFromStates(states: ReadonlyMap<string, PidState>, partitionSize: number, hasMetadata: boolean): HoleRows {
  const out: HoleRows = { persistenceId: [], fromPartition: [], toPartition: [], emptyPartitions: [], nextPartition: [], eventsBeyond: [] };
  for (const [pid, state] of states) {
    const live = liveRuns(state);
    if (live.length === 0) continue;
    let lastLive = -1;
    for (const part of state.partitions) if (part.runs.length > 0 && part.partition > lastLive) lastLive = part.partition;
    let expected = hasMetadata ? Math.floor(state.deletedTo / partitionSize) : Infinity;
    if (!hasMetadata) for (const part of state.partitions) if (part.rows > 0 && part.partition < expected) expected = part.partition;
    if (expected >= lastLive) continue; // the common case: the replay starts in the last partition with events
    // Covered partitions: physically non-empty ones, and the formula partitions of live events.
    const covered: number[] = [];
    for (const part of state.partitions) if (part.rows > 0) covered.push(part.partition, part.partition);
    for (let r = 0; r < live.length; r += 2) {
      covered.push(Math.floor((live[r]! - 1) / partitionSize), Math.floor((live[r + 1]! - 1) / partitionSize));
    }
    const intervals = mergeRuns(covered);
    if (!hasMetadata) expected = intervals[0]!;
    for (let r = 0; r < intervals.length && expected < lastLive; r += 2) {
      const start = intervals[r]!;
      const end = intervals[r + 1]!;
      if (end < expected) continue;
      if (start > expected) {
        out.persistenceId.push(pid);
        out.fromPartition.push(expected);
        out.toPartition.push(start - 1);
        out.emptyPartitions.push(start - expected);
        out.nextPartition.push(start);
        out.eventsBeyond.push(eventsFrom(state, start));
      }
      expected = end + 1;
    }
  }
  return out;
}

function eventsFrom(state: PidState, partition: number): number {
  let n = 0;
  for (const part of state.partitions) {
    if (part.partition < partition) continue;
    for (let r = 0; r < part.runs.length; r += 2) n += part.runs[r + 1]! - part.runs[r]! + 1;
  }
  return n;
}

/** A row that cannot be where it is under the given partition size. */
export interface PartitionSizeMismatch {
  persistenceId: string;
  sequenceNr: number;
  partition: number;
}

/**
 * The first row whose partition_nr the plugin could not have written with `partitionSize`: a
 * row of partition p has (seq − 1) / size in {p − 1, p} (p − 1 when its batch ended in p). Null
 * when every row fits. A journal written with another size than the one assumed would show holes
 * that are not there, so the check is skipped then.
 *
 * @example
 * const wrong = partitionSizeMismatch(states, 500_000); // { persistenceId, sequenceNr, partition } | null
 */
export function partitionSizeMismatch(states: ReadonlyMap<string, PidState>, partitionSize: number): PartitionSizeMismatch | null {
  for (const [pid, state] of states) {
    for (const part of state.partitions) {
      const p = part.partition;
      for (let r = 0; r < part.runs.length; r += 2) {
        const first = part.runs[r]!;
        const last = part.runs[r + 1]!;
        if (Math.floor((first - 1) / partitionSize) < p - 1) return { persistenceId: pid, sequenceNr: first, partition: p };
        if (Math.floor((last - 1) / partitionSize) > p) return { persistenceId: pid, sequenceNr: last, partition: p };
      }
    }
  }
  return null;
}
