// What a health scan keeps per persistence id and per Cassandra partition: runs of sequence
// numbers, writer intervals and tagged sequence numbers. Numbers only: no payload, no row objects.

/** One writer's share of a partition (or, merged, of a persistence id). */
export interface WriterSpan {
  writer: string;
  first: number;
  last: number;
  count: number;
}

/** One (persistenceId, partition_nr) as the scan saw it. Rows arrive in clustering order. */
export interface PartitionState {
  partition: number;
  /** Every row, deleted ones included (the partition is physically non-empty). */
  rows: number;
  /** Closed runs of live sequence numbers as [start, end] pairs. */
  runs: number[];
  runStart: number;
  runEnd: number;
  lastSeq: number;
  lastWriter: string;
  lastMs: number;
  inDuplicate: boolean;
  writers: WriterSpan[];
}

/** Tagged live events of one (persistenceId, tag), in arrival order. */
export interface TaggedSeqs {
  seqs: number[];
  ms: number[];
}

/** Everything the scan learnt about one persistence id. */
export interface PidState {
  pid: string;
  /** metadata.deleted_to, 0 when none. */
  deletedTo: number;
  partitions: PartitionState[];
  /** L0 'B' markers as [from, to] runs (logical deletes of single sequence numbers); null until the first. */
  deletedRuns: number[] | null;
  /** Made on the first tagged event (most ids of an untagged journal never need one). */
  tags: Map<string, TaggedSeqs> | null;
}

export function createPartitionState(partition: number): PartitionState {
  return { partition, rows: 0, runs: [], runStart: -1, runEnd: -2, lastSeq: -1, lastWriter: '', lastMs: NaN, inDuplicate: false, writers: [] };
}

/** Closes the open run of `part` (once the scan is over). */
export function closeRun(part: PartitionState): void {
  if (part.runStart >= 0) pushRun(part, part.runStart, part.runEnd);
  part.runStart = -1;
  part.runEnd = -2;
}

/**
 * Appends [start, end] to the partition's runs. Most partitions hold one run: it gets an array of
 * exactly two (a push into [] reserves 17 slots, which over 100 000 ids is most of the tracker's memory).
 */
export function pushRun(part: PartitionState, start: number, end: number): void {
  if (part.runs.length === 0) part.runs = [start, end];
  else part.runs.push(start, end);
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
  // the common case, one partition with one run, needs no copy
  if (state.partitions.length === 1 && state.partitions[0]!.runs.length <= 2) return state.partitions[0]!.runs;
  const all: number[] = [];
  for (const part of state.partitions) for (const v of part.runs) all.push(v);
  return mergeRuns(all);
}
