// What a health scan keeps per persistence id and per Cassandra partition: runs of sequence
// numbers, writer intervals and tagged sequence numbers. Numbers only: no payload, no row objects.

/** One writer's share of a partition (or, merged, of a persistence id). */
export interface WriterSpan {
  writer: string;
  first: number;
  last: number;
  count: number;
}

/**
 * One (persistenceId, partition_nr) as the scan saw it; rows arrive in clustering order. The scan
 * writes the fields; checks read `runs` and `writers`, built on each read. A class with the first
 * writer span and the open run inline: one object of numbers per partition instead of an object
 * and three arrays (an id cost 800 bytes that way, most of the tracker's memory on a large journal).
 */
export class PartitionState {
  /** Every row, deleted ones included (the partition is physically non-empty). */
  rows = 0;
  /** Runs closed before the open one, as [start, end] pairs; null when there is one run. */
  closedRuns: number[] | null = null;
  runStart = -1;
  runEnd = -2;
  lastSeq = -1;
  lastWriter = '';
  lastMs = NaN;
  inDuplicate = false;
  /** The first writer's span, inline; null before the first live row. */
  writer: string | null = null;
  writerFirst = 0;
  writerLast = 0;
  writerCount = 0;
  /** Spans of further writers. */
  moreWriters: WriterSpan[] | null = null;

  constructor(readonly partition: number) {}

  /** Runs of live sequence numbers as [start, end] pairs, ascending. */
  get runs(): number[] {
    const runs = this.closedRuns ? this.closedRuns.slice() : [];
    if (this.runStart >= 0) runs.push(this.runStart, this.runEnd);
    return runs;
  }

  /** The writer spans of this partition. */
  get writers(): WriterSpan[] {
    if (this.writer === null) return [];
    const first = { writer: this.writer, first: this.writerFirst, last: this.writerLast, count: this.writerCount };
    return this.moreWriters ? [first, ...this.moreWriters] : [first];
  }
}

/** Tagged live events of one (persistenceId, tag), in arrival order. */
export interface TaggedSeqs {
  seqs: number[];
  ms: number[];
}

/** Everything the scan learnt about one persistence id; its first partition is the object itself. */
export class PidState extends PartitionState {
  /** Partitions after the first one seen. */
  morePartitions: PartitionState[] | null = null;
  /** L0 'B' markers as [from, to] runs (logical deletes of single sequence numbers); null until the first. */
  deletedRuns: number[] | null = null;
  /** Made on the first tagged event (most ids of an untagged journal never need one). */
  tags: Map<string, TaggedSeqs> | null = null;

  /** `deletedTo`: metadata.deleted_to, 0 when none. */
  constructor(readonly pid: string, readonly deletedTo: number, partition: number) {
    super(partition);
  }

  /** Its partitions, the first seen first. */
  get partitions(): PartitionState[] {
    return this.morePartitions ? [this, ...this.morePartitions] : [this];
  }
}

export function createPartitionState(partition: number): PartitionState {
  return new PartitionState(partition);
}

/**
 * Sorted, merged [start, end] pairs of `runs` (any order; adjacent runs join).
 *
 * @example
 * mergeRuns([5, 6, 1, 3, 4, 4]) // [1, 6]
 */
export function mergeRuns(runs: readonly number[]): number[] {
  if (runs.length <= 2) return runs.slice();
  const n = runs.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => runs[2 * a]! - runs[2 * b]!);
  const out: number[] = [];
  for (const i of order) {
    const start = runs[2 * i]!;
    const end = runs[2 * i + 1]!;
    const last = out.length - 1;
    if (last > 0 && start <= out[last]! + 1) out[last] = Math.max(out[last]!, end);
    else out.push(start, end);
  }
  return out;
}

/** The live runs of a persistence id over all its partitions, merged. */
export function liveRuns(state: PidState): readonly number[] {
  // the common case, one partition with one run, needs no merge
  if (state.morePartitions === null && state.closedRuns === null) return state.runStart >= 0 ? [state.runStart, state.runEnd] : [];
  const all: number[] = [];
  for (const part of state.partitions) for (const v of part.runs) all.push(v);
  return mergeRuns(all);
}
