// gaps: sequence numbers a replay would miss. Expected are deleted_to + 1 … highest when the
// keyspace records deletes (metadata table), else first … highest seen; sequence numbers at or
// below deleted_to, L0 'B'-deleted ones and FilteredPayload placeholders are not gaps
// (docs/health-checks.md).
import { liveRuns, mergeRuns, NO_SLOT, singleRunSlot, type PidStates } from './pid-state.js';

/** One missing range per row. */
export interface GapRows {
  persistenceId: string[];
  fromSequenceNr: number[];
  toSequenceNr: number[];
  missing: number[];
}

/**
 * The missing ranges of every persistence id, in id order (`states.order`).
 *
 * @example
 * const gaps = gapsFromStates(states, true);
 */
export function gapsFromStates(states: PidStates, hasMetadata: boolean): GapRows {
  const out: GapRows = { persistenceId: [], fromSequenceNr: [], toSequenceNr: [], missing: [] };
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    const pid = states.pids[id]!;
    const deletedRuns = states.deletedRuns.get(id);
    const single = deletedRuns ? NO_SLOT : singleRunSlot(states, id);
    if (single !== NO_SLOT) {
      // the common case, one run in one partition: at most one gap, before it (no array per id)
      const start = states.runStart[single]!;
      if (start < 0) continue;
      const expected = hasMetadata ? states.deletedTo[id]! + 1 : start;
      if (start > expected) push(out, pid, expected, start);
      continue;
    }
    const live = liveRuns(states, id);
    if (live.length === 0) continue;
    const runs = deletedRuns ? mergeRuns([...live, ...deletedRuns]) : live;
    let expected = hasMetadata ? states.deletedTo[id]! + 1 : runs[0]!;
    const highest = live[live.length - 1]!;
    for (let r = 0; r < runs.length && expected <= highest; r += 2) {
      const start = runs[r]!;
      const end = runs[r + 1]!;
      if (end < expected) continue;
      if (start > expected) push(out, pid, expected, start);
      expected = end + 1;
    }
  }
  return out;
}

function push(out: GapRows, pid: string, expected: number, start: number): void {
  out.persistenceId.push(pid);
  out.fromSequenceNr.push(expected);
  out.toSequenceNr.push(start - 1);
  out.missing.push(start - expected);
}
