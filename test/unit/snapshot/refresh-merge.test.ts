import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyOrder, takeRows } from '../../../src/snapshot/column-ops.js';
import { appendRows, keyOrderMerged } from './merge-reference.js';
import { mergeKeyOrdered } from '../../../src/snapshot/refresh-merge.js';
import { createSlotsWriter, type SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';

/** A small deterministic PRNG. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

type Row = { id: string; p: number; s: number; t: number; type: string | null; event: string | null; tags: readonly string[] | null; serId: number };

function columnsOf(rows: Row[], withRaw: boolean): SnapshotColumns {
  const ids = [...new Set(rows.map((r) => r.id))].reverse();
  const types = [...new Set(rows.map((r) => r.type).filter((t): t is string => t !== null))];
  const tagSets: (readonly string[] | null)[] = [null];
  const tagCode = (t: readonly string[] | null): number => {
    const i = tagSets.findIndex((x) => JSON.stringify(x) === JSON.stringify(t));
    if (i >= 0) return i;
    tagSets.push(t);
    return tagSets.length - 1;
  };
  const event = createSlotsWriter(rows.length, 16);
  const raw = createSlotsWriter(rows.length, 16);
  for (const r of rows) {
    event.pushString(r.event);
    raw.push(r.serId % 2 ? Uint8Array.from([r.serId, r.s % 256]) : null);
  }
  const columns: SnapshotColumns['columns'] = {
    persistenceId: { kind: 'dictionary', codes: Int32Array.from(rows.map((r) => ids.indexOf(r.id))), values: ids },
    partition: { kind: 'int64', values: Float64Array.from(rows.map((r) => r.p)) },
    sequenceNr: { kind: 'int64', values: Float64Array.from(rows.map((r) => r.s)) },
    timestamp: { kind: 'timestamp', values: Float64Array.from(rows.map((r) => r.t)) },
    eventType: { kind: 'dictionary', codes: Int32Array.from(rows.map((r) => (r.type === null ? -1 : types.indexOf(r.type)))), values: types },
    event: { kind: 'json', slots: event.finish() },
    serId: { kind: 'int32', values: Int32Array.from(rows.map((r) => r.serId)) },
    tags: { kind: 'list', codes: Int32Array.from(rows.map((r) => tagCode(r.tags))), values: tagSets },
  };
  if (withRaw) columns['raw'] = { kind: 'binary', slots: raw.finish() };
  return { rows: rows.length, names: Object.keys(columns), columns };
}

function randomRows(next: () => number, n: number, idPrefix: string): Row[] {
  return Array.from({ length: n }, () => {
    const s = 1 + Math.floor(next() * 30);
    return {
      id: `${idPrefix}${Math.floor(next() * 12)}`, p: Math.floor(s / 10), s, t: next() < 0.05 ? NaN : Math.floor(next() * 4) * 1000,
      type: next() < 0.1 ? null : `T${Math.floor(next() * 4)}`, event: next() < 0.1 ? null : JSON.stringify({ s, x: 'é'.repeat(Math.floor(next() * 4)) }),
      tags: next() < 0.5 ? null : [`tag${Math.floor(next() * 3)}`], serId: Math.floor(next() * 4),
    };
  });
}

function plain(c: SnapshotColumns): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const dec = new TextDecoder();
  for (const name of [...c.names].sort()) {
    const col = c.columns[name]!;
    const rows: unknown[] = [];
    for (let i = 0; i < c.rows; i++) {
      if (col.kind === 'dictionary' || col.kind === 'list') rows.push(col.codes[i] === -1 ? null : col.values[col.codes[i]!]);
      else if ('values' in col) rows.push(col.values[i]);
      else rows.push(col.slots.valid !== null && col.slots.valid[i] === 0 ? null : dec.decode(col.slots.bytes.subarray(col.slots.offsets[i], col.slots.offsets[i + 1])));
    }
    out[name] = rows;
  }
  return out;
}

test('merge by runs equals append + sort + gather, for random kept subsets and new rows', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const next = prng(seed);
    const snapRows = randomRows(next, Math.floor(next() * 200), 'a');
    const snapshot = takeRows(columnsOf(snapRows, seed % 3 !== 0), keyOrder(columnsOf(snapRows, seed % 3 !== 0)));
    const keepList: number[] = [];
    for (let i = 0; i < snapshot.rows; i++) if (next() < 0.8) keepList.push(i);
    const keep = Int32Array.from(keepList);
    const fresh = columnsOf(randomRows(next, Math.floor(next() * 40), seed % 2 ? 'a' : 'b'), seed % 5 !== 0);
    const appended = appendRows(snapshot, fresh);
    const expected = takeRows(appended, keyOrderMerged(appended, keep, snapshot.rows));
    const actual = mergeKeyOrdered(snapshot, keep, fresh);
    assert.equal(actual.rows, expected.rows, `seed ${seed}`);
    assert.deepEqual(plain(actual), plain(expected), `seed ${seed}`);
  }
});

test('merge by runs: nothing changed returns the snapshot itself; only new rows; a column only the new rows have', () => {
  const next = prng(7);
  const rows = randomRows(next, 50, 'a');
  const snapshot = takeRows(columnsOf(rows, false), keyOrder(columnsOf(rows, false)));
  const all = Int32Array.from({ length: snapshot.rows }, (_, i) => i);
  const empty = takeRows(columnsOf(rows, false), new Int32Array(0));
  assert.equal(mergeKeyOrdered(snapshot, all, empty), snapshot);
  const fresh = columnsOf(randomRows(next, 20, 'b'), true);
  const onlyNew = mergeKeyOrdered(snapshot, new Int32Array(0), fresh);
  assert.deepEqual(plain(onlyNew), plain(takeRows(fresh, keyOrder(fresh))));
  const withRaw = mergeKeyOrdered(snapshot, all, fresh);
  assert.equal(withRaw.rows, 70);
  assert.ok(withRaw.names.includes('raw'));
  const raw = withRaw.columns['raw']!;
  assert.ok(raw.kind === 'binary');
});
