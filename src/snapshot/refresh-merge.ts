// The refresh's merge (docs/snapshots.md, "Incremental refresh"): the snapshot's kept rows (a subset,
// already in key order) and the few new rows, in key order, without re-sorting or re-gathering the
// snapshot row by row. The new rows are sorted alone; each finds its place among the kept rows by
// binary search; the output is then a list of runs (consecutive snapshot rows, or consecutive new
// rows), and every column is copied run by run (`subarray` + `set`), one memory copy per run.
import { asKind, commonKind, keyOrder, mergeDictionaries, takeRows } from './column-ops.js';
import type { ByteSlots, SnapshotColumn, SnapshotColumns } from './snapshot-columns.js';

/** Runs of the output: run r is `length[r]` rows of side `side[r]` (0 snapshot, 1 new) from `start[r]`. */
interface Runs {
  count: number;
  side: Uint8Array;
  start: Int32Array;
  length: Int32Array;
}

/**
 * Rows `keep` (ascending indices of `snapshot`, which is in key order) merged with all rows of
 * `fresh` (any order), in key order: persistenceId, partition, sequenceNr, timestamp; on equal
 * keys the snapshot's row first.
 *
 * @example
 * const merged = mergeKeyOrdered(snapshot, plan.keep, reread);
 */
export function mergeKeyOrdered(snapshot: SnapshotColumns, keep: Int32Array, fresh: SnapshotColumns): SnapshotColumns {
  if (fresh.rows === 0 && keep.length === snapshot.rows) return snapshot;
  const sorted = fresh.rows === 0 ? fresh : takeRows(fresh, keyOrder(fresh));
  const runs = mergeRuns(snapshot, keep, sorted);
  const rows = keep.length + sorted.rows;
  const names = [...snapshot.names, ...sorted.names.filter((n) => !snapshot.names.includes(n))];
  const columns: Record<string, SnapshotColumn> = {};
  for (const name of names) {
    // A side without rows in the output has no say in the kinds (new rows' columns may be typed from no values).
    const left = keep.length === 0 ? undefined : snapshot.columns[name];
    const right = sorted.rows === 0 ? undefined : sorted.columns[name];
    const kind = left === undefined && right === undefined ? (snapshot.columns[name] ?? sorted.columns[name])!.kind : commonKind(left, right);
    columns[name] = gatherRuns(asKind(left, kind, snapshot.rows), asKind(right, kind, sorted.rows), runs, rows);
  }
  return { rows, names, columns };
}

interface KeyColumns {
  pid: Extract<SnapshotColumn, { kind: 'dictionary' }>;
  partition: Float64Array | Int32Array;
  seq: Float64Array | Int32Array;
  ts: Float64Array | null;
}

function keyColumns(s: SnapshotColumns): KeyColumns {
  const pid = s.columns['persistenceId'];
  const partition = s.columns['partition'];
  const seq = s.columns['sequenceNr'];
  const ts = s.columns['timestamp'];
  if (pid?.kind !== 'dictionary' || partition === undefined || !('values' in partition) || seq === undefined || !('values' in seq)) {
    throw new TypeError('a journal snapshot needs persistenceId, partition and sequenceNr columns');
  }
  return { pid, partition: partition.values as Float64Array | Int32Array, seq: seq.values as Float64Array | Int32Array,
    ts: ts?.kind === 'timestamp' ? ts.values : null };
}

/** Compares snapshot row `x` with new row `y` by key (as keyOrder does: ids as strings, NaN times as 0). */
function compareAcross(a: KeyColumns, x: number, b: KeyColumns, y: number): number {
  const ca = a.pid.codes[x]!;
  const cb = b.pid.codes[y]!;
  const pa = ca < 0 ? null : a.pid.values[ca]!;
  const pb = cb < 0 ? null : b.pid.values[cb]!;
  if (pa !== pb) {
    if (pa === null) return -1;
    if (pb === null) return 1;
    return pa < pb ? -1 : 1;
  }
  return a.partition[x]! - b.partition[y]! || a.seq[x]! - b.seq[y]!
    || (a.ts === null || b.ts === null ? 0 : (a.ts[x]! || 0) - (b.ts[y]! || 0));
}

function mergeRuns(snapshot: SnapshotColumns, keep: Int32Array, fresh: SnapshotColumns): Runs {
  const a = keyColumns(snapshot);
  const b = fresh.rows > 0 ? keyColumns(fresh) : null;
  const cap = 2 * (fresh.rows + 1) + 2;
  let side = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let length = new Int32Array(cap);
  let count = 0;
  const push = (s: number, from: number, n: number): void => {
    if (n === 0) return;
    const last = count - 1;
    if (last >= 0 && side[last] === s && start[last]! + length[last]! === from) {
      length[last] = length[last]! + n;
      return;
    }
    if (count === side.length) {
      const grow = <T extends Uint8Array | Int32Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      side = grow(side, (n) => new Uint8Array(n));
      start = grow(start, (n) => new Int32Array(n));
      length = grow(length, (n) => new Int32Array(n));
    }
    side[count] = s;
    start[count] = from;
    length[count] = n;
    count++;
  };
  // Kept rows [k, to) as runs of consecutive snapshot indices.
  let k = 0;
  const emitKept = (to: number): void => {
    while (k < to) {
      let j = k + 1;
      while (j < to && keep[j] === keep[j - 1]! + 1) j++;
      push(0, keep[k]!, j - k);
      k = j;
    }
  };
  for (let y = 0; y < fresh.rows; y++) {
    // The first kept row after new row y (equal keys: the snapshot's first); positions only grow.
    let lo = k;
    let hi = keep.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareAcross(a, keep[mid]!, b!, y) <= 0) lo = mid + 1;
      else hi = mid;
    }
    emitKept(lo);
    push(1, y, 1);
  }
  emitKept(keep.length);
  return { count, side, start, length };
}

function gatherRuns(a: SnapshotColumn, b: SnapshotColumn, runs: Runs, rows: number): SnapshotColumn {
  switch (a.kind) {
    case 'dictionary':
    case 'list': {
      const other = b as typeof a;
      const { values, remap } = mergeDictionaries(a, other);
      const codes = new Int32Array(rows);
      for (let r = 0, o = 0; r < runs.count; o += runs.length[r]!, r++) {
        const s = runs.start[r]!;
        const n = runs.length[r]!;
        if (runs.side[r] === 0) codes.set(a.codes.subarray(s, s + n), o);
        else for (let i = 0; i < n; i++) { const c = other.codes[s + i]!; codes[o + i] = c === -1 ? -1 : remap[c]!; }
      }
      return a.kind === 'dictionary'
        ? { kind: 'dictionary', codes, values: values as string[] }
        : { kind: 'list', codes, values: values as (readonly string[] | null)[] };
    }
    case 'int64':
    case 'float64':
    case 'timestamp': {
      const values = new Float64Array(rows);
      copyRuns(values, a.values, (b as typeof a).values, runs);
      return { kind: a.kind, values };
    }
    case 'int32': {
      const values = new Int32Array(rows);
      copyRuns(values, a.values, (b as typeof a).values, runs);
      return { kind: 'int32', values };
    }
    case 'json':
    case 'utf8':
    case 'binary':
      return { kind: a.kind, slots: gatherSlots(a.slots, (b as typeof a).slots, runs, rows) };
  }
}

function copyRuns<T extends Float64Array | Int32Array>(out: T, a: T, b: T, runs: Runs): void {
  for (let r = 0, o = 0; r < runs.count; o += runs.length[r]!, r++) {
    const s = runs.start[r]!;
    out.set((runs.side[r] === 0 ? a : b).subarray(s, s + runs.length[r]!), o);
  }
}

function gatherSlots(a: ByteSlots, b: ByteSlots, runs: Runs, rows: number): ByteSlots {
  let total = 0;
  for (let r = 0; r < runs.count; r++) {
    const src = runs.side[r] === 0 ? a : b;
    total += src.offsets[runs.start[r]! + runs.length[r]!]! - src.offsets[runs.start[r]!]!;
  }
  // Every byte is written below: no need to zero them first (tens of MB for an event column).
  const bytes: Uint8Array = Buffer.allocUnsafeSlow(total);
  const offsets = new Int32Array(rows + 1);
  const valid = a.valid === null && b.valid === null ? null : new Uint8Array(rows);
  let used = 0;
  for (let r = 0, o = 0; r < runs.count; o += runs.length[r]!, r++) {
    const src = runs.side[r] === 0 ? a : b;
    const s = runs.start[r]!;
    const n = runs.length[r]!;
    const from = src.offsets[s]!;
    const to = src.offsets[s + n]!;
    bytes.set(src.bytes.subarray(from, to), used);
    const shift = used - from;
    for (let i = 1; i <= n; i++) offsets[o + i] = src.offsets[s + i]! + shift;
    used += to - from;
    if (valid !== null) {
      if (src.valid === null) valid.fill(1, o, o + n);
      else valid.set(src.valid.subarray(s, s + n), o);
    }
  }
  return { bytes, offsets, valid };
}
