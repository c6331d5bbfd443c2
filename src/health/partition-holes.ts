// partitionHoles: empty partitions between where a replay starts and the last partition with
// events. The plugin replays partition after partition and, after an empty one, only looks at
// the next; an empty partition is explained (not a hole) when events of its sequence range were
// written to the next partition by a batch crossing the boundary (journal-formats: partition_nr
// is that of a batch's last event). docs/health-checks.md.
import { liveRuns, mergeRuns, NO_SLOT, type PidStates } from './pid-state.js';

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
 * The partition holes of every persistence id, in id order (`states.order`).
 *
 * @example
 * const holes = partitionHolesFromStates(states, 500_000, true);
 */
export function partitionHolesFromStates(states: PidStates, partitionSize: number, hasMetadata: boolean): HoleRows {
  const out: HoleRows = { persistenceId: [], fromPartition: [], toPartition: [], emptyPartitions: [], nextPartition: [], eventsBeyond: [] };
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    // Walked along the slot chain first, without an array per id: most ids stop here.
    let hasLive = false;
    let lastLive = -1;
    let lowestWithRows = Infinity;
    for (let slot = states.firstSlot[id]!; slot !== NO_SLOT; slot = states.next[slot]!) {
      const p = states.partition[slot]!;
      if (states.runStart[slot]! >= 0) {
        hasLive = true;
        if (p > lastLive) lastLive = p;
      }
      if (states.hasRows[slot] === 1 && p < lowestWithRows) lowestWithRows = p;
    }
    if (!hasLive) continue;
    let expected = hasMetadata ? Math.floor(states.deletedTo[id]! / partitionSize) : lowestWithRows;
    if (expected >= lastLive) continue; // the common case: the replay starts in the last partition with events
    const live = liveRuns(states, id);
    const slots = states.slotsOf(id);
    // Covered partitions: physically non-empty ones, and the formula partitions of live events.
    const covered: number[] = [];
    for (const slot of slots) if (states.hasRows[slot] === 1) covered.push(states.partition[slot]!, states.partition[slot]!);
    for (let r = 0; r < live.length; r += 2) {
      covered.push(Math.floor((live[r]! - 1) / partitionSize), Math.floor((live[r + 1]! - 1) / partitionSize));
    }
    const intervals = mergeRuns(covered);
    if (!hasMetadata) expected = intervals[0]!;
    const pid = states.pids[id]!;
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
        out.eventsBeyond.push(eventsFrom(states, slots, start));
      }
      expected = end + 1;
    }
  }
  return out;
}

function eventsFrom(states: PidStates, slots: readonly number[], partition: number): number {
  let n = 0;
  for (const slot of slots) {
    if (states.partition[slot]! < partition) continue;
    const runs = states.runsOf(slot);
    for (let r = 0; r < runs.length; r += 2) n += runs[r + 1]! - runs[r]! + 1;
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
export function partitionSizeMismatch(states: PidStates, partitionSize: number): PartitionSizeMismatch | null {
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    for (let slot = states.firstSlot[id]!; slot !== NO_SLOT; slot = states.next[slot]!) {
      const p = states.partition[slot]!;
      const closed = states.closedRuns.get(slot);
      if (closed) {
        for (let r = 0; r < closed.length; r += 2) {
          const wrong = misplaced(closed[r]!, closed[r + 1]!, p, partitionSize);
          if (wrong !== null) return { persistenceId: states.pids[id]!, sequenceNr: wrong, partition: p };
        }
      }
      if (states.runStart[slot]! < 0) continue;
      const wrong = misplaced(states.runStart[slot]!, states.runEnd[slot]!, p, partitionSize);
      if (wrong !== null) return { persistenceId: states.pids[id]!, sequenceNr: wrong, partition: p };
    }
  }
  return null;
}

/** The end of run [first, last] that partition p cannot hold, else null. */
function misplaced(first: number, last: number, p: number, partitionSize: number): number | null {
  if (Math.floor((first - 1) / partitionSize) < p - 1) return first;
  if (Math.floor((last - 1) / partitionSize) > p) return last;
  return null;
}
