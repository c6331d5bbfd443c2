// The streaming half of journal health: every page of a payload-free scan goes through `add`,
// which keeps per (persistenceId, partition) runs of sequence numbers, writer spans, duplicates
// and tagged sequence numbers (see pid-state.ts). Memory grows with persistence ids, runs and
// problems, not with events (except tagged sequence numbers when tag tables are checked).
import type { RawEventBatch } from '../types.js';
import { closeRun, createPartitionState, pushRun, type PartitionState, type PidState, type WriterSpan } from './pid-state.js';

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

  const pidState = (pid: string): PidState => {
    let state = states.get(pid);
    if (state === undefined) {
      state = { pid, deletedTo: deletedTo.get(pid) ?? 0, partitions: [], deletedRuns: null, tags: null };
      states.set(pid, state);
    }
    return state;
  };
  const partitionState = (state: PidState, partition: number): PartitionState => {
    for (const part of state.partitions) if (part.partition === partition) return part;
    const part = createPartitionState(partition);
    // exact-size arrays for the common single partition (see pushRun)
    if (state.partitions.length === 0) state.partitions = [part];
    else state.partitions.push(part);
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
      let span: WriterSpan | null = null;
      // Written out: this loop runs once per journal row; the state lookups happen once per
      // partition run, not per row, and nothing is allocated per row.
      for (let i = 0; i < n; i++) {
        const pid = pids[i]!;
        const partition = partitions[i]!;
        if (state === null || pid !== state.pid || part!.partition !== partition) {
          state = pidState(pid);
          part = partitionState(state, partition);
          span = null;
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
            if (p.runStart >= 0) pushRun(p, p.runStart, p.runEnd);
            p.runStart = seq;
            p.runEnd = seq;
          }
        }
        if (span === null || span.writer !== writer) span = writerSpan(p, writer, seq);
        span.count++;
        if (seq > span.last) span.last = seq;
        p.lastSeq = seq;
        p.lastWriter = writer;
        p.lastMs = ms;
        const tags = tagSets[i];
        if (collectTags && tags) {
          for (let t = 0; t < tags.length; t++) {
            const tag = tags[t]!;
            state.tags ??= new Map();
            let tagged = state.tags.get(tag);
            if (tagged === undefined) state.tags.set(tag, tagged = { seqs: [], ms: [] });
            tagged.seqs.push(seq);
            tagged.ms.push(ms);
          }
        }
      }
    },
    markDeleted(pid: string, _partition: number, seq: number): void {
      const state = pidState(pid);
      const runs = state.deletedRuns ??= [];
      const last = runs.length - 1;
      if (last > 0 && runs[last] === seq - 1) runs[last] = seq;
      else runs.push(seq, seq);
    },
    finish() {
      for (const state of states.values()) {
        for (const part of state.partitions) closeRun(part);
        if (state.partitions.length > 1) crossPartitionDuplicates(state, pushDuplicate);
      }
      // sorted by id once, so that every check reports in id order without sorting again
      const sorted = new Map([...states.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      return { states: sorted, duplicates };
    },
  };
}

function writerSpan(part: PartitionState, writer: string, seq: number): WriterSpan {
  for (const span of part.writers) if (span.writer === writer) return span;
  const span = { writer, first: seq, last: seq, count: 0 };
  if (part.writers.length === 0) part.writers = [span];
  else part.writers.push(span);
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
