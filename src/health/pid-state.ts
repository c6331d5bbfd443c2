// What a health scan keeps per persistence id and per Cassandra partition, columnar. Ids are
// interned to an int index; each (id, partition) is a slot; every per-slot number lives in a typed
// array indexed by slot, the slots of one id chained in first-seen order. Further writers of a
// slot (a new incarnation writing into the same partition: a quarter of the bench journal's
// partitions) are spans in columns of their own, chained per slot. What few ids have (a second
// run, L0 deletes, tags) sits in sparse maps keyed by index. No object per id, partition or
// writer: an object of numbers per partition cost 546 bytes per id on the bench journal, most of
// health's memory on a large journal (docs/health-checks.md, "Cost").
import { growableColumn, withCapacity } from './growable-column.js';
import { PidIndex } from './pid-index.js';
import { packUuid, samePackedUuid, uuidFromBits } from './writer-bits.js';

/** One writer's share of a partition (or, merged, of a persistence id). */
export interface WriterSpan {
  writer: string;
  first: number;
  last: number;
  count: number;
}

/** Tagged live events of one (persistenceId, tag), in arrival order. */
export interface TaggedSeqs {
  seqs: number[];
  ms: number[];
}

/** One id as `PidStates.get` shows it. */
export interface PidView {
  pid: string;
  /** metadata.deleted_to, 0 when none. */
  deletedTo: number;
  /** Null when no tagged event was kept (untagged, or tags not collected). */
  tags: Map<string, TaggedSeqs> | null;
}

/** End of a slot chain. */
export const NO_SLOT = -1;
/** `flags` bit: the last live row repeated the sequence number before it. */
export const IN_DUPLICATE = 1;
/** `flags` (and `spanFlags`) bits: the writer is in `writerText` (`spanText`), not UUID text, or is '' (no writer id). */
export const WRITER_TEXT = 4;
export const WRITER_EMPTY = 8;

const INITIAL_CAPACITY = 1024;

/**
 * The tracker's state: ids and their (id, partition) slots. The scan writes the columns
 * (sequence-tracker.ts); checks read them through `order`, the chains and the helpers below.
 *
 * @example
 * const states = new PidStates(deletedTo);
 * const slot = states.slotFor(states.idFor('cart-1', 0), 0);
 */
export class PidStates {
  /** Persistence id by index, in order of first appearance. */
  readonly pids: string[] = [];
  /** Indexes sorted by persistence id (set by `seal`; checks report in this order). */
  order: Int32Array = new Int32Array(0);
  // per id
  /** metadata.deleted_to (0 when none). */
  deletedTo = growableColumn(Float64Array, INITIAL_CAPACITY);
  firstSlot = growableColumn(Int32Array, INITIAL_CAPACITY);
  /** L0 'B' markers as [from, to] runs (logical deletes of single sequence numbers), by id. */
  readonly deletedRuns = new Map<number, number[]>();
  /** Tagged sequence numbers by id, made on its first tagged event. */
  readonly tags = new Map<number, Map<string, TaggedSeqs>>();
  // per slot
  slots = 0;
  partition = growableColumn(Float64Array, INITIAL_CAPACITY);
  /** The id's next slot, or NO_SLOT. */
  next = growableColumn(Int32Array, INITIAL_CAPACITY);
  /** 1 when any row (deleted ones included) was seen: the partition is physically non-empty. */
  hasRows = growableColumn(Uint8Array, INITIAL_CAPACITY);
  /** The open run of live sequence numbers; -1, -2 before the first live row. runEnd is also the last live row's number. */
  runStart = growableColumn(Float64Array, INITIAL_CAPACITY);
  runEnd = growableColumn(Float64Array, INITIAL_CAPACITY);
  /** Time of the last live row (the first row of a duplicate is reported when the second arrives). */
  lastMs = growableColumn(Float64Array, INITIAL_CAPACITY);
  /** IN_DUPLICATE, WRITER_TEXT, WRITER_EMPTY bits. */
  flags = growableColumn(Uint8Array, INITIAL_CAPACITY);
  /** 1 + the further writer span of the last live row's writer; 0 when it is the slot's first writer. */
  lastOther = growableColumn(Int32Array, INITIAL_CAPACITY);
  /** 1 + the slot's first further writer span; 0 when it has none. */
  moreHead = growableColumn(Int32Array, INITIAL_CAPACITY);
  /** The first writer's span; writerCount 0 before the first live row. The writer id is packed
   * into writerBits[4 × slot …] when it is UUID text (writer-bits.ts), else in writerText. */
  writerBits = growableColumn(Int32Array, 4 * INITIAL_CAPACITY);
  readonly writerText = new Map<number, string>();
  writerFirst = growableColumn(Float64Array, INITIAL_CAPACITY);
  writerLast = growableColumn(Float64Array, INITIAL_CAPACITY);
  writerCount = growableColumn(Float64Array, INITIAL_CAPACITY);
  /** Runs closed before the open one, as [start, end] pairs, by slot. */
  readonly closedRuns = new Map<number, number[]>();
  // per further writer span (a new incarnation writing into a partition that has a first writer)
  spans = 0;
  /** The writer, packed as for slots (writerBits), else in spanText (spanFlags WRITER_TEXT) or '' (WRITER_EMPTY). */
  spanBits = growableColumn(Int32Array, 4 * INITIAL_CAPACITY);
  spanFlags = growableColumn(Uint8Array, INITIAL_CAPACITY);
  readonly spanText = new Map<number, string>();
  spanFirst = growableColumn(Float64Array, INITIAL_CAPACITY);
  spanLast = growableColumn(Float64Array, INITIAL_CAPACITY);
  spanCount = growableColumn(Float64Array, INITIAL_CAPACITY);
  /** 1 + the next span of the same slot; 0 at the end. */
  spanNext = growableColumn(Int32Array, INITIAL_CAPACITY);

  private readonly index = new PidIndex(this.pids);
  private readonly scratch = new Int32Array(4);

  /** `deletedToById`: metadata.deleted_to by persistence id. */
  constructor(private readonly deletedToById: ReadonlyMap<string, number>) {}

  /** Number of ids. */
  get size(): number {
    return this.pids.length;
  }

  /** The index of `pid`, made (with a first slot for `partition`) when new. */
  idFor(pid: string, partition: number): number {
    const known = this.index.find(pid);
    if (known >= 0) return known;
    const id = this.pids.length;
    if (id === this.firstSlot.length) {
      this.deletedTo = withCapacity(this.deletedTo, id * 2);
      this.firstSlot = withCapacity(this.firstSlot, id * 2);
    }
    this.pids.push(pid);
    this.index.add(id);
    this.deletedTo[id] = this.deletedToById.get(pid) ?? 0;
    this.firstSlot[id] = this.newSlot(partition);
    return id;
  }

  /** The slot of (id, partition), appended to the id's chain when new. */
  slotFor(id: number, partition: number): number {
    let slot = this.firstSlot[id]!;
    for (;;) {
      if (this.partition[slot] === partition) return slot;
      const next = this.next[slot]!;
      if (next === NO_SLOT) break;
      slot = next;
    }
    const made = this.newSlot(partition);
    this.next[slot] = made;
    return made;
  }

  /** The index of `pid`, -1 when the scan did not see it. */
  indexOf(pid: string): number {
    return this.index.find(pid);
  }

  /** Whether `pid` has rows or deletes in the scan. */
  has(pid: string): boolean {
    return this.index.find(pid) >= 0;
  }

  /** One id's scalars and tags; undefined when the scan did not see it. */
  get(pid: string): PidView | undefined {
    const id = this.index.find(pid);
    return id < 0 ? undefined : { pid, deletedTo: this.deletedTo[id]!, tags: this.tags.get(id) ?? null };
  }

  /** The ids in `order`. */
  *keys(): IterableIterator<string> {
    for (const id of this.order) yield this.pids[id]!;
  }

  /** Sorts the ids once, so that every check reports in id order without sorting again. */
  seal(): void {
    const pids = this.pids;
    const order = new Int32Array(pids.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => (pids[a]! < pids[b]! ? -1 : pids[a]! > pids[b]! ? 1 : 0));
    this.order = order;
  }

  /** Runs of live sequence numbers of `slot` as [start, end] pairs, ascending. */
  runsOf(slot: number): number[] {
    const closed = this.closedRuns.get(slot);
    const runs = closed ? closed.slice() : [];
    if (this.runStart[slot]! >= 0) runs.push(this.runStart[slot]!, this.runEnd[slot]!);
    return runs;
  }

  /** The writer spans of `slot`, its first writer first. */
  writersOf(slot: number): WriterSpan[] {
    if (this.writerCount[slot] === 0) return [];
    const out = [{ writer: this.firstWriter(slot), first: this.writerFirst[slot]!, last: this.writerLast[slot]!, count: this.writerCount[slot]! }];
    for (let span = this.moreHead[slot]! - 1; span >= 0; span = this.spanNext[span]! - 1) {
      out.push({ writer: this.spanWriter(span), first: this.spanFirst[span]!, last: this.spanLast[span]!, count: this.spanCount[span]! });
    }
    return out;
  }

  /** Whether `slot` has writers besides its first. */
  hasMoreWriters(slot: number): boolean {
    return this.moreHead[slot] !== 0;
  }

  /**
   * The further writer span of `writer` in `slot` (which has a first writer, not `writer`), made
   * with `seq` as its first number and no events counted when new.
   */
  moreWriterSpan(slot: number, writer: string, seq: number): number {
    const scratch = this.scratch;
    const kind = writerKind(writer, scratch, 0);
    let last = -1;
    for (let span = this.moreHead[slot]! - 1; span >= 0; span = this.spanNext[span]! - 1) {
      const flags = this.spanFlags[span]! & (WRITER_TEXT | WRITER_EMPTY);
      if (flags === kind && (kind === WRITER_EMPTY || (kind === WRITER_TEXT ? this.spanText.get(span) === writer
        : scratch[0] === this.spanBits[4 * span] && scratch[1] === this.spanBits[4 * span + 1] &&
          scratch[2] === this.spanBits[4 * span + 2] && scratch[3] === this.spanBits[4 * span + 3]))) return span;
      last = span;
    }
    const span = this.spans++;
    if (span === this.spanFirst.length) this.growSpans(span * 2);
    this.spanFlags[span] = kind;
    if (kind === WRITER_TEXT) this.spanText.set(span, writer);
    else if (kind === 0) this.spanBits.set(scratch, 4 * span);
    this.spanFirst[span] = seq;
    this.spanLast[span] = seq;
    this.spanCount[span] = 0;
    this.spanNext[span] = 0;
    if (last < 0) this.moreHead[slot] = span + 1;
    else this.spanNext[last] = span + 1;
    return span;
  }

  /** The writer of a further span. */
  spanWriter(span: number): string {
    const flags = this.spanFlags[span]!;
    if ((flags & WRITER_EMPTY) !== 0) return '';
    if ((flags & WRITER_TEXT) !== 0) return this.spanText.get(span)!;
    return uuidFromBits(this.spanBits, 4 * span);
  }

  /** The writer of the last live row of `slot` (which has one). */
  lastWriter(slot: number): string {
    const other = this.lastOther[slot]!;
    return other === 0 ? this.firstWriter(slot) : this.spanWriter(other - 1);
  }

  /** The slots of `id`, first seen first. */
  slotsOf(id: number): number[] {
    const out: number[] = [];
    for (let slot = this.firstSlot[id]!; slot !== NO_SLOT; slot = this.next[slot]!) out.push(slot);
    return out;
  }

  /** Makes `writer` the first writer of `slot`. */
  setFirstWriter(slot: number, writer: string): void {
    const kind = writerKind(writer, this.writerBits, 4 * slot);
    this.flags[slot] = (this.flags[slot]! & ~(WRITER_TEXT | WRITER_EMPTY)) | kind;
    if (kind === WRITER_TEXT) this.writerText.set(slot, writer);
  }

  /** Whether `writer` is the first writer of `slot` (which has one). */
  isFirstWriter(slot: number, writer: string): boolean {
    const flags = this.flags[slot]!;
    if ((flags & WRITER_EMPTY) !== 0) return writer === '';
    if ((flags & WRITER_TEXT) !== 0) return this.writerText.get(slot) === writer;
    return samePackedUuid(writer, this.writerBits, 4 * slot, this.scratch);
  }

  /** The first writer of `slot` (which has one). */
  firstWriter(slot: number): string {
    const flags = this.flags[slot]!;
    if ((flags & WRITER_EMPTY) !== 0) return '';
    if ((flags & WRITER_TEXT) !== 0) return this.writerText.get(slot)!;
    return uuidFromBits(this.writerBits, 4 * slot);
  }

  /** Whether `id` has more than one partition. */
  hasMorePartitions(id: number): boolean {
    return this.next[this.firstSlot[id]!] !== NO_SLOT;
  }

  private newSlot(partition: number): number {
    const slot = this.slots++;
    if (slot === this.partition.length) this.growSlots(slot * 2);
    this.partition[slot] = partition;
    this.next[slot] = NO_SLOT;
    this.runStart[slot] = -1;
    this.runEnd[slot] = -2;
    this.lastMs[slot] = NaN;
    return slot;
  }

  private growSlots(capacity: number): void {
    this.partition = withCapacity(this.partition, capacity);
    this.next = withCapacity(this.next, capacity);
    this.hasRows = withCapacity(this.hasRows, capacity);
    this.runStart = withCapacity(this.runStart, capacity);
    this.runEnd = withCapacity(this.runEnd, capacity);
    this.lastMs = withCapacity(this.lastMs, capacity);
    this.flags = withCapacity(this.flags, capacity);
    this.writerBits = withCapacity(this.writerBits, 4 * capacity);
    this.writerFirst = withCapacity(this.writerFirst, capacity);
    this.writerLast = withCapacity(this.writerLast, capacity);
    this.writerCount = withCapacity(this.writerCount, capacity);
    this.lastOther = withCapacity(this.lastOther, capacity);
    this.moreHead = withCapacity(this.moreHead, capacity);
  }

  private growSpans(capacity: number): void {
    this.spanBits = withCapacity(this.spanBits, 4 * capacity);
    this.spanFlags = withCapacity(this.spanFlags, capacity);
    this.spanFirst = withCapacity(this.spanFirst, capacity);
    this.spanLast = withCapacity(this.spanLast, capacity);
    this.spanCount = withCapacity(this.spanCount, capacity);
    this.spanNext = withCapacity(this.spanNext, capacity);
  }
}

/** Packs `writer` at `bits[at …]` and returns 0 when it is UUID text, else WRITER_EMPTY ('') or WRITER_TEXT. */
function writerKind(writer: string, bits: Int32Array, at: number): number {
  if (packUuid(writer, bits, at)) return 0;
  return writer === '' ? WRITER_EMPTY : WRITER_TEXT;
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

/**
 * The one slot of `id` when the id is one partition with one run (the common case, which needs
 * no merge), else NO_SLOT.
 */
export function singleRunSlot(states: PidStates, id: number): number {
  const slot = states.firstSlot[id]!;
  return states.next[slot] === NO_SLOT && !states.closedRuns.has(slot) ? slot : NO_SLOT;
}

/**
 * The live runs of a persistence id over all its partitions, merged.
 *
 * @example
 * const runs = liveRuns(states, id); // [1, 10, 15, 20]
 */
export function liveRuns(states: PidStates, id: number): readonly number[] {
  const single = singleRunSlot(states, id);
  if (single !== NO_SLOT) return states.runStart[single]! >= 0 ? [states.runStart[single]!, states.runEnd[single]!] : [];
  const all: number[] = [];
  for (let slot = states.firstSlot[id]!; slot !== NO_SLOT; slot = states.next[slot]!) for (const v of states.runsOf(slot)) all.push(v);
  return mergeRuns(all);
}
