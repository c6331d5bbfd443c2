// forks: two writer incarnations of one persistence id whose sequence ranges overlap, the
// split-brain signature. A new incarnation after the old one stopped (restart, rebalance)
// starts above the old one's last sequence number and is not a fork. Rows without a writer
// id (layouts before APC 0.10) cannot show one (docs/health-checks.md).
import { WRITER_EMPTY, type PidStates, type WriterSpan } from './pid-state.js';

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
    const slot = states.firstSlot[id]!;
    const onePartition = !states.hasMorePartitions(id);
    if (onePartition && !states.hasMoreWriters(slot)) continue;
    // The common case, one partition whose writers follow each other: decided on the columns,
    // without a string or an object per id (a quarter of the bench journal's ids get here).
    if (onePartition && !overlapsInSlot(states, slot)) continue;
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

const scratchFirst: number[] = [];
const scratchLast: number[] = [];

/** Whether two writer spans of `slot` (writers other than '') overlap: what forksFromStates reports. */
function overlapsInSlot(states: PidStates, slot: number): boolean {
  const first = scratchFirst;
  const last = scratchLast;
  first.length = 0;
  last.length = 0;
  if (states.writerCount[slot]! > 0 && (states.flags[slot]! & WRITER_EMPTY) === 0) {
    first.push(states.writerFirst[slot]!);
    last.push(states.writerLast[slot]!);
  }
  for (let span = states.moreHead[slot]! - 1; span >= 0; span = states.spanNext[span]! - 1) {
    if ((states.spanFlags[span]! & WRITER_EMPTY) !== 0) continue;
    // insertion by first number, as the report's sort
    let at = first.length;
    first.push(0);
    last.push(0);
    while (at > 0 && first[at - 1]! > states.spanFirst[span]!) {
      first[at] = first[at - 1]!;
      last[at] = last[at - 1]!;
      at--;
    }
    first[at] = states.spanFirst[span]!;
    last[at] = states.spanLast[span]!;
  }
  let activeLast = -Infinity;
  for (let i = 0; i < first.length; i++) {
    if (i > 0 && first[i]! <= activeLast) return true;
    if (last[i]! > activeLast) activeLast = last[i]!;
  }
  return false;
}
