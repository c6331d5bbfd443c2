import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as aq from 'arquero';
import { DateColumn } from '../../../src/table/date-column.js';

const ms = new Float64Array([3000, NaN, 1000, 2000]);
const t = aq.table({ id: ['c', 'none', 'a', 'b'], timestamp: new DateColumn(ms) } as unknown as Parameters<typeof aq.table>[0]);

test('reads as Dates (null for unknown) through every Arquero access path', () => {
  assert.ok(t.get('timestamp', 0) instanceof Date);
  assert.equal((t.get('timestamp', 0) as Date).getTime(), 3000);
  assert.equal(t.get('timestamp', 1), null);
  assert.deepEqual((t.array('timestamp') as (Date | null)[]).map((d) => d?.getTime() ?? null), [3000, null, 1000, 2000]);
  assert.equal(((t.objects()[2] as Record<string, unknown>)['timestamp'] as Date).toISOString(), '1970-01-01T00:00:01.000Z');
});

test('works in filter, orderby, derive and groupby', () => {
  const { op } = aq;
  const later = t.filter((d: { timestamp: Date | null }) => d.timestamp !== null && op.timestamp(d.timestamp) >= 2000);
  assert.deepEqual(later.array('id'), ['c', 'b']);
  assert.deepEqual(t.filter((d: { timestamp: Date | null }) => d.timestamp !== null).orderby('timestamp').array('id'), ['a', 'b', 'c']);
  const secs = t.derive({ s: (d: { timestamp: Date }) => op.floor(op.timestamp(d.timestamp) / 1000) });
  assert.deepEqual(secs.array('s').slice(0, 1), [3]);
  assert.equal(t.groupby('timestamp').count().numRows(), 4);
});
