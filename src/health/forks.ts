// forks: two writer incarnations of one persistence id whose sequence ranges overlap, the
// split-brain signature. A new incarnation after the old one stopped (restart, rebalance)
// starts above the old one's last sequence number and is not a fork. Rows without a writer
// id (layouts before APC 0.10) cannot show one (docs/health-checks.md).
import type { PidState, WriterSpan } from './pid-state.js';

/** One fork per row: the writer already active, the one that started inside its range. */
export interface ForkRows {
  persistenceId: string[];
  firstWriter: string[];
  secondWriter: string[];
  /** The first sequence number the second writer wrote. */
  forkSequenceNr: number[];
  firstWriterEvents: number[];
  secondWriterEvents: number[];
  firstWriterLast: number[];
  secondWriterLast: number[];
}

/**
 * Overlapping writer spans of every persistence id, in the order of `states` (by id).
 *
 * @example
 * const forks = forksFromStates(states);
 */
export function forksFromStates(states: ReadonlyMap<string, PidState>): ForkRows {
  const out: ForkRows = { persistenceId: [], firstWriter: [], secondWriter: [], forkSequenceNr: [], firstWriterEvents: [],
    secondWriterEvents: [], firstWriterLast: [], secondWriterLast: [] };
  for (const [pid, state] of states) {
    if (state.morePartitions === null && state.moreWriters === null) continue;
    const spans = writerSpans(state);
    if (spans.length < 2) continue;
    spans.sort((a, b) => a.first - b.first);
    let active = spans[0]!;
    for (let i = 1; i < spans.length; i++) {
      const span = spans[i]!;
      if (span.first <= active.last) {
        out.persistenceId.push(pid);
        out.firstWriter.push(active.writer);
        out.secondWriter.push(span.writer);
        out.forkSequenceNr.push(span.first);
        out.firstWriterEvents.push(active.count);
        out.secondWriterEvents.push(span.count);
        out.firstWriterLast.push(active.last);
        out.secondWriterLast.push(span.last);
      }
      if (span.last > active.last) active = span;
    }
  }
  return out;
}

/** The spans of one id merged over its partitions; the unknown writer '' is left out. */
function writerSpans(state: PidState): WriterSpan[] {
  const byWriter = new Map<string, WriterSpan>();
  for (const part of state.partitions) {
    for (const span of part.writers) {
      if (span.writer === '') continue;
      const known = byWriter.get(span.writer);
      if (known === undefined) byWriter.set(span.writer, { ...span });
      else {
        known.first = Math.min(known.first, span.first);
        known.last = Math.max(known.last, span.last);
        known.count += span.count;
      }
    }
  }
  return [...byWriter.values()];
}
