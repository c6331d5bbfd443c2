import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRollingWindow } from '../../../src/window/rolling-window.js';
import { maybeWindow } from '../../../src/window/maybe-window.js';
import { chunkOf } from './chunk-helper.js';

const T0 = Date.UTC(2024, 0, 1);
const clock = () => T0 + 3_600_000;

function rows(win: ReturnType<typeof createRollingWindow>): string[] {
  return win.table().objects().map((r) => `${(r as { persistenceId: string }).persistenceId}:${(r as { sequenceNr: number }).sequenceNr}`);
}

test('count window keeps the newest N events across chunks', () => {
  const win = createRollingWindow(maybeWindow({ events: 3 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0], ['a', 2, T0 + 1]]));
  win.append(chunkOf([['a', 3, T0 + 2], ['a', 4, T0 + 3]]));
  assert.deepEqual(rows(win), ['a:2', 'a:3', 'a:4']);
  assert.equal(win.size, 3);
  win.append(chunkOf([['b', 1, T0 + 4], ['b', 2, T0 + 5], ['b', 3, T0 + 6], ['b', 4, T0 + 7]]));
  assert.deepEqual(rows(win), ['b:2', 'b:3', 'b:4']);
  assert.equal(win.chunks, 1, 'fully evicted chunks are released');
});

test('time window is anchored at the newest record timestamp', () => {
  const win = createRollingWindow(maybeWindow({ seconds: 10 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0], ['a', 2, T0 + 5_000]]));
  assert.deepEqual(rows(win), ['a:1', 'a:2']);
  win.append(chunkOf([['a', 3, T0 + 10_000]]));
  assert.deepEqual(rows(win), ['a:1', 'a:2', 'a:3'], 'a row exactly windowMs old is still in');
  win.append(chunkOf([['a', 4, T0 + 12_000]]));
  assert.deepEqual(rows(win), ['a:2', 'a:3', 'a:4']);
  assert.equal(win.size, 3);
  assert.equal(win.endMs, T0 + 12_000);
  win.append(chunkOf([['b', 1, T0 + 60_000]]));
  assert.deepEqual(rows(win), ['b:1']);
  assert.equal(win.size, 1);
});

test('time and count together: both bounds apply', () => {
  const win = createRollingWindow(maybeWindow({ seconds: 10, events: 2 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0], ['a', 2, T0 + 1], ['a', 3, T0 + 2]]));
  assert.deepEqual(rows(win), ['a:2', 'a:3']);
  win.append(chunkOf([['a', 4, T0 + 20_000]]));
  assert.deepEqual(rows(win), ['a:4']);
});

test('a late record behind newer ones is left out of the table at once', () => {
  const win = createRollingWindow(maybeWindow({ seconds: 10 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0 + 30_000]], 't', 0));
  win.append(chunkOf([['b', 1, T0]], 't', 1));
  assert.deepEqual(rows(win), ['a:1']);
  assert.equal(win.size, 2, 'kept in memory until it reaches the front');
  win.append(chunkOf([['a', 2, T0 + 45_000]], 't', 0));
  assert.deepEqual(rows(win), ['a:2']);
  assert.equal(win.size, 1);
});

test('timestamps far in the future do not move the window end', () => {
  const win = createRollingWindow(maybeWindow({ seconds: 10 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0], ['a', 2, T0 + 1000]]));
  win.append(chunkOf([['x', 1, clock() + 86_400_000]]));
  assert.equal(win.endMs, T0 + 1000);
  assert.deepEqual(rows(win), ['a:1', 'a:2', 'x:1']);
});

test('per persistence id, rows are ordered by sequenceNr in their arrival slots', () => {
  const win = createRollingWindow(maybeWindow({ events: 100 }), { nowMs: clock });
  win.append(chunkOf([['a', 3, T0], ['b', 1, T0]], 't', 0));
  win.append(chunkOf([['a', 1, T0], ['c', 1, T0], ['a', 2, T0], ['b', 2, T0]], 't', 1));
  assert.deepEqual(rows(win), ['a:1', 'b:1', 'a:2', 'c:1', 'a:3', 'b:2']);
  const t = win.table();
  // the row moves whole: its offset and partition travel with it
  const a1 = t.objects().find((r) => (r as { persistenceId: string }).persistenceId === 'a' && (r as { sequenceNr: number }).sequenceNr === 1) as Record<string, unknown>;
  assert.equal(a1.partition, 1);
});

test('redelivered events are counted once, within and across chunks', () => {
  const win = createRollingWindow(maybeWindow({ events: 100 }), { nowMs: clock });
  const first = chunkOf([['a', 1, T0], ['a', 2, T0], ['a', 2, T0]]);
  const kept = win.append(first);
  assert.equal(kept.length, 2);
  assert.notEqual(kept, first, 'a chunk with duplicates is compacted');
  const again = win.append(chunkOf([['a', 1, T0], ['a', 2, T0], ['a', 3, T0]]));
  assert.equal(again.length, 1);
  assert.equal(again.sequenceNr[0], 3);
  assert.equal(win.duplicates, 3);
  assert.deepEqual(rows(win), ['a:1', 'a:2', 'a:3']);
  const clean = chunkOf([['z', 1, T0]]);
  assert.equal(win.append(clean), clean, 'a chunk without duplicates is kept as is');
});

test('the dedupe set is evicted with the window', () => {
  const win = createRollingWindow(maybeWindow({ events: 2 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0], ['a', 2, T0], ['a', 3, T0]]));
  assert.equal(win.indexedIds, 1);
  // a:1 left the window, so a copy of it is a new arrival again
  assert.equal(win.append(chunkOf([['a', 1, T0]])).length, 1);
  assert.equal(win.append(chunkOf([['a', 3, T0]])).length, 0);
  win.append(chunkOf([['b', 1, T0], ['c', 1, T0]]));
  assert.equal(win.indexedIds, 2);
});

test('rows without a sequence number are deduped by topic, partition and offset', () => {
  const win = createRollingWindow(maybeWindow({ events: 100 }), { nowMs: clock });
  const bad = chunkOf([['', NaN, T0], ['', NaN, T0]], 't', 3, 500);
  bad.decodeError = ['not protobuf', 'not protobuf'];
  bad.raw = [new Uint8Array([1]), new Uint8Array([2])];
  assert.equal(win.append(bad).length, 2);
  const again = chunkOf([['', NaN, T0]], 't', 3, 501);
  again.decodeError = ['not protobuf'];
  again.raw = [new Uint8Array([2])];
  assert.equal(win.append(again).length, 0);
  const t = win.table();
  assert.deepEqual(t.array('decodeError'), ['not protobuf', 'not protobuf']);
  assert.deepEqual(Array.from(t.array('raw') as Uint8Array[], (r) => r[0]), [1, 2]);
});

test('table columns and types', () => {
  const win = createRollingWindow(maybeWindow({ events: 10 }), { nowMs: clock });
  win.append(chunkOf([['a', 1, T0]], 'orders', 2, 41));
  const t = win.table();
  assert.deepEqual(t.columnNames(), ['persistenceId', 'sequenceNr', 'event', 'eventType', 'topic', 'partition', 'offset', 'timestamp', 'decodeError', 'raw']);
  const row = t.object(0) as Record<string, unknown>;
  assert.deepEqual(row.event, { pid: 'a', seq: 1 });
  assert.equal(row.topic, 'orders');
  assert.equal(row.partition, 2);
  assert.equal(row.offset, 41);
  assert.ok(row.timestamp instanceof Date);
  assert.equal((row.timestamp as Date).getTime(), T0);
  assert.equal(row.decodeError, null);
});

test('bounded memory under a long run', () => {
  const win = createRollingWindow(maybeWindow({ seconds: 5, events: 20_000 }), { nowMs: () => T0 + 1e9 });
  const n = 200;
  let t = T0;
  let maxChunks = 0;
  for (let c = 0; c < 5_000; c++) {
    const ids = new Array<string>(n);
    const seqs = new Float64Array(n);
    const ts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = c * n + i;
      ids[i] = `pid-${k % 5000}`;
      seqs[i] = Math.floor(k / 5000) + 1;
      ts[i] = t += 1; // 1000 events per record-second: the 5 s window holds ~5000
    }
    win.append({
      length: n, topic: 't', partition: c % 4, persistenceId: ids, sequenceNr: seqs, event: new Array(n).fill(null),
      eventType: new Array(n).fill('E'), offset: Float64Array.from({ length: n }, (_, i) => c * n + i), timestampMs: ts,
      decodeError: null, raw: null,
    });
    maxChunks = Math.max(maxChunks, win.chunks);
    assert.ok(win.size <= 20_000);
  }
  assert.ok(win.size <= 5_001 && win.size >= 4_900, `size ${win.size}`);
  assert.ok(maxChunks <= 27, `chunks ${maxChunks}`);
  assert.ok(win.indexedIds <= 5000);
  assert.equal(win.table().numRows(), 5_001);
  assert.equal(win.duplicates, 0);
});

test('heap stays flat while 2M events stream through a 10k window', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const win = createRollingWindow(maybeWindow({ events: 10_000 }), { nowMs: () => T0 + 1e9 });
  const n = 1000;
  const feed = (from: number, to: number) => {
    for (let c = from; c < to; c++) {
      const ids = new Array<string>(n);
      const seqs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        ids[i] = `pid-${(c * n + i) % 50_000}`;
        seqs[i] = c;
      }
      win.append({
        length: n, topic: 't', partition: 0, persistenceId: ids, sequenceNr: seqs, event: new Array(n).fill(null),
        eventType: new Array(n).fill('E'), offset: Float64Array.from({ length: n }, (_, i) => c * n + i),
        timestampMs: new Float64Array(n).fill(T0), decodeError: null, raw: null,
      });
    }
  };
  feed(0, 200);
  gc();
  const before = process.memoryUsage().heapUsed;
  feed(200, 2000);
  gc();
  const grown = process.memoryUsage().heapUsed - before;

  assert.ok(grown < 8 * 1024 * 1024, `heap grew by ${(grown / 1048576).toFixed(1)} MiB`);
  assert.equal(win.size, 10_000);
  assert.ok(win.indexedIds <= 10_000);
});
