// Row operations on snapshot columns, for the refresh merge (refresh-merge.ts): take rows by index,
// align two sides' column kinds and dictionaries, and the key order of a journal table.
import { createSlotsWriter, nullSlots, type ByteSlots, type SnapshotColumn, type SnapshotColumns } from './snapshot-columns.js';

/** Rows `rows` (indices, in that order) of `snapshot`. */
export function takeRows(snapshot: SnapshotColumns, rows: Int32Array): SnapshotColumns {
  const columns: Record<string, SnapshotColumn> = {};
  for (const name of snapshot.names) columns[name] = takeColumn(snapshot.columns[name]!, rows);
  return { rows: rows.length, names: [...snapshot.names], columns };
}

function takeColumn(column: SnapshotColumn, rows: Int32Array): SnapshotColumn {
  const n = rows.length;
  switch (column.kind) {
    case 'dictionary':
    case 'list': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[rows[i]!]!;
      return column.kind === 'dictionary' ? { kind: 'dictionary', codes, values: column.values } : { kind: 'list', codes, values: column.values };
    }
    case 'int64':
    case 'float64':
    case 'timestamp': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]!]!;
      return { kind: column.kind, values };
    }
    case 'int32': {
      const values = new Int32Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]!]!;
      return { kind: 'int32', values };
    }
    case 'json':
    case 'utf8':
    case 'binary':
      return { kind: column.kind, slots: takeSlots(column.slots, rows) };
  }
}

// Copies runs of consecutive rows at once: a refresh keeps long runs of a snapshot's rows, so this
// is close to one memory copy instead of a subarray and a set per row.
function takeSlots(slots: ByteSlots, rows: Int32Array): ByteSlots {
  const n = rows.length;
  const src = slots.offsets;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    total += src[r + 1]! - src[r]!;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  const valid = slots.valid === null ? null : new Uint8Array(n);
  for (let i = 0; i < n;) {
    const first = rows[i]!;
    let j = i + 1;
    while (j < n && rows[j] === rows[j - 1]! + 1) j++;
    const last = rows[j - 1]!;
    bytes.set(slots.bytes.subarray(src[first]!, src[last + 1]!), offsets[i]!);
    if (valid !== null) valid.set(slots.valid!.subarray(first, last + 1), i);
    i = j;
  }
  return { bytes, offsets, valid };
}

/** The kind two sides of a column merge into (at least one side present). */
export function commonKind(a: SnapshotColumn | undefined, b: SnapshotColumn | undefined): SnapshotColumn['kind'] {
  if (a === undefined) return b!.kind;
  if (b === undefined || a.kind === b.kind) return a.kind;
  // A column all null on one side (an empty decodeError) takes the other side's kind.
  if (isAllNull(a)) return b.kind;
  if (isAllNull(b)) return a.kind;
  const text = new Set(['dictionary', 'utf8']);
  if (text.has(a.kind) && text.has(b.kind)) return 'utf8';
  const numbers = new Set(['int64', 'float64', 'int32']);
  if (numbers.has(a.kind) && numbers.has(b.kind)) return 'float64';
  return 'json';
}

function isAllNull(c: SnapshotColumn): boolean {
  return (c.kind === 'utf8' || c.kind === 'json' || c.kind === 'binary') && c.slots.valid !== null && !c.slots.valid.includes(1);
}

/** `column` converted to `kind` (null columns of `rows` rows when absent). */
export function asKind(column: SnapshotColumn | undefined, kind: SnapshotColumn['kind'], rows: number): SnapshotColumn {
  if (column !== undefined && column.kind === kind) return column;
  if (column === undefined || isAllNull(column)) return nullColumn(kind, rows);
  if (kind === 'utf8' && column.kind === 'dictionary') {
    const out = createSlotsWriter(rows);
    for (let i = 0; i < rows; i++) out.pushString(column.codes[i] === -1 ? null : column.values[column.codes[i]!]!);
    return { kind: 'utf8', slots: out.finish() };
  }
  if (kind === 'float64' && (column.kind === 'int64' || column.kind === 'int32')) return { kind: 'float64', values: Float64Array.from(column.values) };
  throw new TypeError(`cannot merge a ${column.kind} column into a ${kind} one`);
}

function nullColumn(kind: SnapshotColumn['kind'], rows: number): SnapshotColumn {
  switch (kind) {
    case 'dictionary': return { kind, codes: new Int32Array(rows).fill(-1), values: [] };
    case 'list': return { kind, codes: new Int32Array(rows), values: [null] };
    case 'int32': return { kind, values: new Int32Array(rows) };
    case 'int64': case 'float64': case 'timestamp': return { kind, values: new Float64Array(rows).fill(NaN) };
    case 'json': case 'utf8': case 'binary': return { kind, slots: nullSlots(rows) };
  }
}

/**
 * The values of dictionary (or list) `a` followed by those of `b` that `a` lacks, and for each code
 * of `b` its code in the result. Only `b`'s (usually few) values are indexed; `a`'s are looked up
 * once each, and `a.values` itself is returned when `b` adds none.
 */
export function mergeDictionaries(
  a: Extract<SnapshotColumn, { kind: 'dictionary' | 'list' }>, b: Extract<SnapshotColumn, { kind: 'dictionary' | 'list' }>,
): { values: readonly unknown[]; remap: Int32Array } {
  const keyOf = (v: unknown): unknown => (Array.isArray(v) ? `\u0001${v.join('\u0001')}` : v);
  const remap = new Int32Array(b.values.length).fill(-1);
  const index = new Map<unknown, number[]>();
  b.values.forEach((v, i) => {
    const k = keyOf(v);
    const same = index.get(k);
    if (same === undefined) index.set(k, [i]);
    else same.push(i);
  });
  let found = 0;
  for (let i = 0; i < a.values.length && found < b.values.length; i++) {
    const same = index.get(keyOf(a.values[i]));
    if (same === undefined) continue;
    for (const j of same) if (remap[j] === -1) { remap[j] = i; found++; }
  }
  if (found === b.values.length) return { values: a.values, remap };
  const values = [...a.values] as unknown[];
  const added = new Map<unknown, number>();
  for (let j = 0; j < b.values.length; j++) {
    if (remap[j] !== -1) continue;
    const k = keyOf(b.values[j]);
    let code = added.get(k);
    if (code === undefined) {
      code = values.length;
      values.push(b.values[j]);
      added.set(k, code);
    }
    remap[j] = code;
  }
  return { values, remap };
}

/**
 * Row indices of a journal snapshot in key order: persistenceId, partition, sequenceNr, then
 * timestamp (duplicates in write order). Ids compare as JavaScript strings (UTF-16 code units).
 * `sortedPrefix`: that many first rows are known to be in key order already.
 */
export function keyOrder(snapshot: SnapshotColumns, sortedPrefix = 0): Int32Array {
  const pid = snapshot.columns['persistenceId'];
  const partition = snapshot.columns['partition'];
  const seq = snapshot.columns['sequenceNr'];
  const ts = snapshot.columns['timestamp'];
  if (pid?.kind !== 'dictionary' || !hasNumbers(partition) || !hasNumbers(seq)) {
    throw new TypeError('a journal snapshot needs persistenceId, partition and sequenceNr columns');
  }
  // Rank the distinct ids once; rows then compare numbers only.
  const sorted = pid.values.map((v, i) => [v, i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const rank = new Int32Array(pid.values.length);
  sorted.forEach(([, code], r) => (rank[code] = r));
  const n = snapshot.rows;
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = pid.codes[i]! < 0 ? -1 : rank[pid.codes[i]!]!;
  const p = partition.values;
  const s = seq.values;
  const t = ts !== undefined && hasNumbers(ts) ? ts.values : null;
  const compare = (x: number, y: number): number =>
    r[x]! - r[y]! || p[x]! - p[y]! || s[x]! - s[y]! || (t === null ? 0 : (t[x]! || 0) - (t[y]! || 0)) || x - y;
  if (sortedPrefix <= 0) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort(compare);
  }
  // Rows [0, sortedPrefix) are in key order already (a refresh's kept rows): sort only the rest
  // (the few re-read rows) and merge the two runs in one pass.
  const tail = new Int32Array(n - sortedPrefix);
  for (let i = 0; i < tail.length; i++) tail[i] = sortedPrefix + i;
  tail.sort(compare);
  const order = new Int32Array(n);
  let a = 0;
  let b = 0;
  for (let o = 0; o < n; o++) {
    if (b >= tail.length || (a < sortedPrefix && compare(a, tail[b]!) <= 0)) order[o] = a++;
    else order[o] = tail[b++]!;
  }
  return order;
}

/**
 * `columns` itself when its rows are in key order (files written by eventTable are), else its rows
 * sorted by key.
 */
export function inKeyOrder(columns: SnapshotColumns): SnapshotColumns {
  return isKeyOrdered(columns) ? columns : takeRows(columns, keyOrder(columns));
}

function isKeyOrdered(columns: SnapshotColumns): boolean {
  const pid = columns.columns['persistenceId'];
  const p = columns.columns['partition'];
  const s = columns.columns['sequenceNr'];
  if (pid?.kind !== 'dictionary' || p?.kind !== 'int64' || s?.kind !== 'int64') return false;
  for (let i = 1; i < columns.rows; i++) {
    const a = pid.values[pid.codes[i - 1]!]!;
    const b = pid.values[pid.codes[i]!]!;
    if (a < b) continue;
    if (a > b) return false;
    if (p.values[i - 1]! < p.values[i]!) continue;
    if (p.values[i - 1]! > p.values[i]!) return false;
    if (s.values[i - 1]! > s.values[i]!) return false;
  }
  return true;
}

function hasNumbers(c: SnapshotColumn | undefined): c is Extract<SnapshotColumn, { values: Float64Array | Int32Array }> & { values: Float64Array | Int32Array } {
  return c !== undefined && (c.kind === 'int64' || c.kind === 'float64' || c.kind === 'int32' || c.kind === 'timestamp');
}
