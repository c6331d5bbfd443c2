// The streaming half of journal health: every page of a payload-free scan goes through `add`,
// which keeps per (persistenceId, partition) runs of sequence numbers, writer spans, duplicates
// and tagged sequence numbers (see pid-state.ts). Memory grows with persistence ids, runs and
// problems, not with events (except tagged sequence numbers when tag tables are checked).
import type { RawEventBatch } from '../types.js';
import { IN_DUPLICATE, NO_SLOT, PidStates } from './pid-state.js';

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
  /** Closes open runs; returns the states (ids sorted: `states.order`), and the duplicate rows. */
  finish(): { states: PidStates; duplicates: DuplicateRows };
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
  const st = new PidStates(deletedTo);
  const duplicates: DuplicateRows = { persistenceId: [], sequenceNr: [], partition: [], writerUuid: [], timestampMs: [] };
  let rows = 0;

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
      let pid = '';
      let partition = NaN;
      let id = -1;
      let s = NO_SLOT;
      let deleted = 0;
      // strings known to be (or not to be) the slot's first writer: most rows compare by reference
      let knownWriter: string | null = null;
      let knownOther: string | null = null;
      let knownOtherSpan = -1;
      // Written out: this loop runs once per journal row; the id and slot lookups happen once per
      // partition run, not per row, and nothing is allocated per row. The columns are read through
      // `st` because a new slot may grow (replace) them.
      for (let i = 0; i < n; i++) {
        if (s === NO_SLOT || pids[i] !== pid || partitions[i] !== partition) {
          pid = pids[i]!;
          partition = partitions[i]!;
          id = st.idFor(pid, partition);
          s = st.slotFor(id, partition);
          deleted = st.deletedTo[id]!;
          knownWriter = null;
          knownOther = null;
          knownOtherSpan = -1;
        }
        st.hasRows[s] = 1;
        const seq = seqs[i]!;
        if (seq <= deleted) continue;
        const writer = writers[i]!;
        const ms = times[i]!;
        const runEnd = st.runEnd[s]!; // also the last live row's sequence number
        const flags = st.flags[s]!;
        if (seq === runEnd) {
          if ((flags & IN_DUPLICATE) === 0) {
            pushDuplicate(pid, seq, partition, st.lastWriter(s), st.lastMs[s]!);
          }
          pushDuplicate(pid, seq, partition, writer, ms);
          st.flags[s] = flags | IN_DUPLICATE;
        } else {
          st.flags[s] = flags & ~IN_DUPLICATE;
          if (seq !== runEnd + 1) {
            if (st.runStart[s]! >= 0) closeRun(st, s);
            st.runStart[s] = seq;
          }
          st.runEnd[s] = seq;
        }
        const count = st.writerCount[s]!;
        let isFirst = false;
        if (count === 0 || writer === knownOther) isFirst = false;
        else if (writer === knownWriter) isFirst = true;
        else if (st.isFirstWriter(s, writer)) {
          isFirst = true;
          knownWriter = writer;
        } else if (writer !== knownOther) {
          knownOther = writer;
          knownOtherSpan = -1;
        }
        if (isFirst) {
          st.writerCount[s] = count + 1;
          if (seq > st.writerLast[s]!) st.writerLast[s] = seq;
          st.lastOther[s] = 0;
        } else if (count === 0) {
          st.setFirstWriter(s, writer);
          knownWriter = writer;
          st.writerFirst[s] = seq;
          st.writerLast[s] = seq;
          st.writerCount[s] = 1;
        } else {
          if (knownOtherSpan < 0) knownOtherSpan = st.moreWriterSpan(s, writer, seq);
          const span = knownOtherSpan;
          st.spanCount[span] = st.spanCount[span]! + 1;
          if (seq > st.spanLast[span]!) st.spanLast[span] = seq;
          st.lastOther[s] = span + 1;
        }
        st.lastMs[s] = ms;
        const tags = tagSets[i];
        if (collectTags && tags) {
          let byTag = st.tags.get(id);
          if (byTag === undefined) st.tags.set(id, byTag = new Map());
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
      const id = st.idFor(pid, partition);
      let runs = st.deletedRuns.get(id);
      if (runs === undefined) st.deletedRuns.set(id, runs = []);
      const last = runs.length - 1;
      if (last > 0 && runs[last] === seq - 1) runs[last] = seq;
      else runs.push(seq, seq);
    },
    finish() {
      // in order of first appearance, as the rows came
      for (let id = 0; id < st.size; id++) if (st.hasMorePartitions(id)) crossPartitionDuplicates(st, id, pushDuplicate);
      st.seal();
      return { states: st, duplicates };
    },
  };
}

/** Moves the open run of `slot` to its closed runs. */
function closeRun(st: PidStates, slot: number): void {
  const closed = st.closedRuns.get(slot);
  if (closed) closed.push(st.runStart[slot]!, st.runEnd[slot]!);
  else st.closedRuns.set(slot, [st.runStart[slot]!, st.runEnd[slot]!]);
}

/** At most this many sequence numbers of one id are listed as cross-partition duplicates. */
const MAX_CROSS_DUPLICATES = 10_000;

/**
 * Sequence numbers held by two partitions of one id (two writers whose batches ended in different
 * partitions). Their rows were never adjacent in the scan, so the writer comes from the partition's
 * writer spans and the time is unknown (NaN).
 */
function crossPartitionDuplicates(st: PidStates, id: number, push: (pid: string, seq: number, partition: number, writer: string, ms: number) => void): void {
  const runs: Array<[number, number, number]> = [];
  for (const slot of st.slotsOf(id)) {
    const slotRuns = st.runsOf(slot);
    for (let r = 0; r < slotRuns.length; r += 2) runs.push([slotRuns[r]!, slotRuns[r + 1]!, slot]);
  }
  runs.sort((a, b) => a[0] - b[0]);
  const pid = st.pids[id]!;
  let listed = 0;
  for (let i = 0; i < runs.length && listed < MAX_CROSS_DUPLICATES; i++) {
    const [start, end, slot] = runs[i]!;
    for (let j = i + 1; j < runs.length && runs[j]![0] <= end; j++) {
      const [otherStart, otherEnd, other] = runs[j]!;
      if (other === slot) continue;
      for (let seq = otherStart; seq <= Math.min(end, otherEnd) && listed < MAX_CROSS_DUPLICATES; seq++, listed++) {
        if (seq < start) continue;
        push(pid, seq, st.partition[slot]!, writerAt(st, slot, seq), NaN);
        push(pid, seq, st.partition[other]!, writerAt(st, other, seq), NaN);
      }
    }
  }
}

function writerAt(st: PidStates, slot: number, seq: number): string {
  for (const span of st.writersOf(slot)) if (span.first <= seq && seq <= span.last) return span.writer;
  return '';
}
