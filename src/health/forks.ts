// forks: two writer incarnations of one persistence id whose sequence ranges overlap, the
// split-brain signature. A new incarnation after the old one stopped (restart, rebalance)
// starts above the old one's last sequence number and is not a fork. Rows without a writer
// id (layouts before APC 0.10) cannot show one (docs/health-checks.md).
import type { PidStates, WriterSpan } from './pid-state.js';

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
 * Overlapping writer spans of every persistence id, in id order (`states.order`).
 *
 * @example
 * const forks = forksFromStates(states);
 */
export function forksFromStates(states: PidStates): ForkRows {
  const out: ForkRows = { persistenceId: [], firstWriter: [], secondWriter: [], forkSequenceNr: [], firstWriterEvents: [],
    secondWriterEvents: [], firstWriterLast: [], secondWriterLast: [] };
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    // the common case, one partition with one writer, cannot fork
    if (!states.hasMorePartitions(id) && !states.moreWriters.has(states.firstSlot[id]!)) continue;
    const spans = writerSpans(states, id);
    if (spans.length < 2) continue;
    spans.sort((a, b) => a.first - b.first);
    const pid = states.pids[id]!;
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
function writerSpans(states: PidStates, id: number): WriterSpan[] {
  const byWriter = new Map<string, WriterSpan>();
  for (const slot of states.slotsOf(id)) {
    for (const span of states.writersOf(slot)) {
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
