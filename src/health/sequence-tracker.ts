// The streaming half of journal health: every page of a payload-free scan goes through `add`,
// which keeps per (persistenceId, partition) runs of sequence numbers, writer spans, duplicates
// and tagged sequence numbers (see pid-state.ts). Memory grows with persistence ids, runs and
// problems, not with events (except tagged sequence numbers when tag tables are checked).
import type { RawEventBatch } from '../types.js';
import { PartitionState, PidState, type WriterSpan } from './pid-state.js';

/** Rows that share a (persistenceId, sequenceNr), one entry per row, columnar. */
export interface DuplicateRows {
  persistenceId: string[];
  sequenceNr: number[];
  partition: number[];
  writerUuid: string[];
  timestampMs: number[];
}

/** What `createSequenceTracker` returns. */
export interface SequenceTracker {
  /** Takes one page of rows (any order across partitions, clustering order within one). */
  add(batch: RawEventBatch): void;
  /** An L0 'B' marker: `seq` of `pid` is logically deleted. */
  markDeleted(pid: string, partition: number, seq: number): void;
  /** Closes open runs; returns the states by persistence id (in id order), and the duplicate rows. */
  finish(): { states: Map<string, PidState>; duplicates: DuplicateRows };
  /** Rows seen so far. */
  readonly rows: number;
}

/**
 * A tracker for one scan. `deletedTo` is metadata.deleted_to by id; `collectTags` keeps the
 * tagged sequence numbers (only worth it when the keyspace has tag_views).
 *
 * @example
 * const tracker = createSequenceTracker(deletedTo, true);
 * tracker.add(batch); // per page
 * const { states, duplicates } = tracker.finish();
 */
export function createSequenceTracker(deletedTo: ReadonlyMap<string, number>, collectTags: boolean): SequenceTracker {
  const states = new Map<string, PidState>();
  const duplicates: DuplicateRows = { persistenceId: [], sequenceNr: [], partition: [], writerUuid: [], timestampMs: [] };
  let rows = 0;

  const pidState = (pid: string, partition: number): PidState => {
    let state = states.get(pid);
    if (state === undefined) {
      state = new PidState(pid, deletedTo.get(pid) ?? 0, partition);
      states.set(pid, state);
    }
    return state;
  };
  const partitionState = (state: PidState, partition: number): PartitionState => {
    if (state.partition === partition) return state;
    if (state.morePartitions) for (const part of state.morePartitions) if (part.partition === partition) return part;
    const part = new PartitionState(partition);
    if (state.morePartitions) state.morePartitions.push(part);
    else state.morePartitions = [part];
    return part;
  };
  const pushDuplicate = (pid: string, seq: number, partition: number, writer: string, ms: number): void => {
    duplicates.persistenceId.push(pid);
    duplicates.sequenceNr.push(seq);
    duplicates.partition.push(partition);
    duplicates.writerUuid.push(writer);
    duplicates.timestampMs.push(ms);
  };

  return {
    get rows() { return rows; },
    add(batch: RawEventBatch): void {
      const n = batch.length;
      rows += n;
      const pids = batch.persistenceId;
      const partitions = batch.partition;
      const seqs = batch.sequenceNr;
      const times = batch.timestampMs;
      const writers = batch.writerUuid;
      const tagSets = batch.tags;
      let state: PidState | null = null;
      let part: PartitionState | null = null;
      // Written out: this loop runs once per journal row; the state lookups happen once per
      // partition run, not per row, and nothing is allocated per row.
      for (let i = 0; i < n; i++) {
        const pid = pids[i]!;
        const partition = partitions[i]!;
        if (state === null || pid !== state.pid || part!.partition !== partition) {
          state = pidState(pid, partition);
          part = partitionState(state, partition);
        }
        const p = part!;
        p.rows++;
        const seq = seqs[i]!;
        if (seq <= state.deletedTo) continue;
        const writer = writers[i]!;
        const ms = times[i]!;
        if (seq === p.lastSeq) {
          if (!p.inDuplicate) pushDuplicate(pid, seq, partition, p.lastWriter, p.lastMs);
          pushDuplicate(pid, seq, partition, writer, ms);
          p.inDuplicate = true;
        } else {
          p.inDuplicate = false;
          if (seq === p.runEnd + 1) p.runEnd = seq;
          else {
            if (p.runStart >= 0) {
              if (p.closedRuns) p.closedRuns.push(p.runStart, p.runEnd);
              else p.closedRuns = [p.runStart, p.runEnd];
            }
            p.runStart = seq;
            p.runEnd = seq;
          }
        }
        if (writer === p.writer) {
          p.writerCount++;
          if (seq > p.writerLast) p.writerLast = seq;
        } else if (p.writer === null) {
          p.writer = writer;
          p.writerFirst = seq;
          p.writerLast = seq;
          p.writerCount = 1;
        } else {
          const span = moreWriterSpan(p, writer, seq);
          span.count++;
          if (seq > span.last) span.last = seq;
        }
        p.lastSeq = seq;
        p.lastWriter = writer;
        p.lastMs = ms;
        const tags = tagSets[i];
        if (collectTags && tags) {
          const byTag = state.tags ??= new Map();
          for (let t = 0; t < tags.length; t++) {
            const tag = tags[t]!;
            let tagged = byTag.get(tag);
            if (tagged === undefined) byTag.set(tag, tagged = { seqs: [], ms: [] });
            tagged.seqs.push(seq);
            tagged.ms.push(ms);
          }
        }
      }
    },
    markDeleted(pid: string, partition: number, seq: number): void {
      const state = pidState(pid, partition);
      const runs = state.deletedRuns ??= [];
      const last = runs.length - 1;
      if (last > 0 && runs[last] === seq - 1) runs[last] = seq;
      else runs.push(seq, seq);
    },
    finish() {
      for (const state of states.values()) if (state.morePartitions) crossPartitionDuplicates(state, pushDuplicate);
      // sorted by id once, so that every check reports in id order without sorting again
      const sorted = new Map([...states.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      return { states: sorted, duplicates };
    },
  };
}

/** The span of a writer other than the partition's first (rare: a restart inside one partition). */
function moreWriterSpan(part: PartitionState, writer: string, seq: number): WriterSpan {
  if (part.moreWriters) for (const span of part.moreWriters) if (span.writer === writer) return span;
  const span = { writer, first: seq, last: seq, count: 0 };
  // exact-size arrays: a push into [] reserves 17 slots, and there may be 100 000 ids
  if (part.moreWriters) part.moreWriters.push(span);
  else part.moreWriters = [span];
  return span;
}

/** At most this many sequence numbers of one id are listed as cross-partition duplicates. */
const MAX_CROSS_DUPLICATES = 10_000;

/**
 * Sequence numbers held by two partitions of one id (two writers whose batches ended in different
 * partitions). Their rows were never adjacent in the scan, so the writer comes from the partition's
 * writer spans and the time is unknown (NaN).
 */
function crossPartitionDuplicates(state: PidState, push: (pid: string, seq: number, partition: number, writer: string, ms: number) => void): void {
  const runs: Array<[number, number, PartitionState]> = [];
  for (const part of state.partitions) for (let r = 0; r < part.runs.length; r += 2) runs.push([part.runs[r]!, part.runs[r + 1]!, part]);
  runs.sort((a, b) => a[0] - b[0]);
  let listed = 0;
  for (let i = 0; i < runs.length && listed < MAX_CROSS_DUPLICATES; i++) {
    const [start, end, part] = runs[i]!;
    for (let j = i + 1; j < runs.length && runs[j]![0] <= end; j++) {
      const [otherStart, otherEnd, other] = runs[j]!;
      if (other === part) continue;
      for (let seq = otherStart; seq <= Math.min(end, otherEnd) && listed < MAX_CROSS_DUPLICATES; seq++, listed++) {
        if (seq < start) continue;
        push(state.pid, seq, part.partition, writerAt(part, seq), NaN);
        push(state.pid, seq, other.partition, writerAt(other, seq), NaN);
      }
    }
  }
}

function writerAt(part: PartitionState, seq: number): string {
  for (const span of part.writers) if (span.first <= seq && seq <= span.last) return span.writer;
  return '';
}
