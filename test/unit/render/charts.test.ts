import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { OptionError } from '../../../src/errors.js';
import { eventsOverTime } from '../../../src/render/charts/events-over-time.js';
import { eventsPerType } from '../../../src/render/charts/events-per-type.js';
import { eventsPerPersistenceId } from '../../../src/render/charts/events-per-persistence-id.js';
import { sequenceGaps } from '../../../src/render/charts/sequence-gaps.js';
import { sequenceGapsFromTable } from '../../../src/render/charts/sequence-gaps-from-table.js';
import { assertGolden } from './golden.js';
import { journalFixture } from './journal-fixture.js';

const events = journalFixture({ ids: 6, perId: 40, skip: { 1: [4, 5, 6], 3: [30] } });
type Row = Record<string, unknown>;
const rowsOf = (spec: { data?: Record<string, unknown> }) => spec.data!.values as Row[];

describe('journal chart helpers (goldens in test/golden/)', () => {
  it('eventsOverTime: hourly buckets stacked by eventType', () => {
    const chart = eventsOverTime(events);
    assertGolden('events-over-time', chart.spec);
    const rows = rowsOf(chart.spec);
    assert.equal(rows.reduce((s, r) => s + (r.count as number), 0), events.numRows(), 'every event is counted once');
    assert.equal(rows[0].time, '2024-03-01T00:00:00.000Z');
    assert.equal(rows[0].end, '2024-03-01T01:00:00.000Z');
  });

  it('eventsOverTime: weekly buckets start on Monday (UTC); one series with by: null', () => {
    const chart = eventsOverTime(events, { bin: 'week', by: null });
    assertGolden('events-over-time-week', chart.spec);
    assert.deepEqual(rowsOf(chart.spec), [
      { time: '2024-02-26T00:00:00.000Z', end: '2024-03-04T00:00:00.000Z', count: events.numRows() },
    ]);
  });

  it('eventsOverTime: series beyond maxSeries are summed as (other)', () => {
    const rows = rowsOf(eventsOverTime(events, { bin: 'day', maxSeries: 2 }).spec);
    assert.deepEqual([...new Set(rows.map((r) => r.eventType))].sort(), ['(other)', 'Updated']);
    assert.throws(() => eventsOverTime(events, { bin: 'fortnight' as never }), OptionError);
  });

  it('eventsPerType', () => {
    const chart = eventsPerType(events);
    assertGolden('events-per-type', chart.spec);
    assert.deepEqual(rowsOf(chart.spec).map((r) => r.eventType), ['Updated', 'Created', 'Deleted']);
  });

  it('eventsPerPersistenceId keeps the top N', () => {
    const chart = eventsPerPersistenceId(events, { top: 3 });
    assertGolden('events-per-persistence-id', chart.spec);
    const rows = rowsOf(chart.spec);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0], { persistenceId: 'cart-0', count: 40, firstSequenceNr: 1, lastSequenceNr: 40 });
  });

  it('sequenceGaps charts the missing ranges', () => {
    const chart = sequenceGaps(events);
    assertGolden('sequence-gaps', chart.spec);
    assert.deepEqual(rowsOf(chart.spec), [
      { persistenceId: 'cart-1', partition: 0, from: 4, to: 6, missing: 3 },
      { persistenceId: 'cart-3', partition: 1, from: 30, to: 30, missing: 1 },
    ]);
  });

  it('sequenceGaps says so when there is no gap', () => {
    const chart = sequenceGaps(journalFixture({ ids: 2, perId: 5 }));
    assertGolden('sequence-gaps-none', chart.spec);
    assert.match(JSON.stringify(chart.spec), /No gaps in sequenceNr across 2 persistence ids/);
  });

  it('helpers stay under the row limit on big journals because they aggregate', () => {
    const big = journalFixture({ ids: 50, perId: 200 });
    assert.ok(big.numRows() > 5000);
    for (const chart of [eventsOverTime(big), eventsPerType(big), eventsPerPersistenceId(big), sequenceGaps(big)]) {
      assert.ok(rowsOf(chart.spec).length <= 5000);
    }
  });

  it('name the missing columns', () => {
    assert.throws(() => eventsPerType(table({ type: ['a'] })), (err: unknown) => {
      assert.ok(err instanceof OptionError);
      assert.match(err.message, /eventsPerType needs the column 'eventType'.*'type'/);
      return true;
    });
  });
});

describe('sequenceGapsFromTable', () => {
  it('finds ranges per id, ignoring order, duplicates and rows without sequence numbers', () => {
    const t = table({
      persistenceId: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'a'],
      sequenceNr: [5, 1, 2, 2, 3n, 10n, 4n, null],
    });
    assert.deepEqual(sequenceGapsFromTable(t).objects(), [
      { persistenceId: 'a', partition: null, from: 3, to: 4, missing: 2 },
      { persistenceId: 'b', partition: null, from: 5, to: 9, missing: 5 },
    ]);
    assert.deepEqual((sequenceGapsFromTable(t, { startAt: 1 }).objects() as Row[]).map((r) => [r.persistenceId, r.from, r.to]),
      [['a', 3, 4], ['b', 1, 2], ['b', 5, 9]]);
  });
});
