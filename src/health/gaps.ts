// gaps: sequence numbers a replay would miss. Expected are deleted_to + 1 … highest when the
// keyspace records deletes (metadata table), else first … highest seen; sequence numbers at or
// below deleted_to, L0 'B'-deleted ones and FilteredPayload placeholders are not gaps
// (docs/health-checks.md).
import { liveRuns, mergeRuns, type PidState } from './pid-state.js';

/** One missing range per row. */
export interface GapRows {
  persistenceId: string[];
  fromSequenceNr: number[];
  toSequenceNr: number[];
  missing: number[];
}

/**
 * The missing ranges of every persistence id, in the order of `states` (the tracker's: by id).
 *
 * @example
 * const gaps = gapsFromStates(states, true);
 */
export function gapsFromStates(states: ReadonlyMap<string, PidState>, hasMetadata: boolean): GapRows {
  const out: GapRows = { persistenceId: [], fromSequenceNr: [], toSequenceNr: [], missing: [] };
  for (const [pid, state] of states) {
    const live = liveRuns(state);
    if (live.length === 0) continue;
    const runs = state.deletedRuns ? mergeRuns([...live, ...state.deletedRuns]) : live;
    let expected = hasMetadata ? state.deletedTo + 1 : runs[0]!;
    const highest = live[live.length - 1]!;
    for (let r = 0; r < runs.length && expected <= highest; r += 2) {
      const start = runs[r]!;
      const end = runs[r + 1]!;
      if (end < expected) continue;
      if (start > expected) {
        out.persistenceId.push(pid);
        out.fromSequenceNr.push(expected);
        out.toSequenceNr.push(start - 1);
        out.missing.push(start - expected);
      }
      expected = end + 1;
    }
  }
  return out;
}
