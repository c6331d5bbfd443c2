// Streams degrade, never stall, against the real broker: a never-settling onBatch listener, a
// window table or batch table that cannot be built, a view that throws or never settles, and a
// corrupt record batch. In each case the views keep refreshing, the status line says what is
// wrong, nothing becomes an unhandled rejection, and records that come later still arrive.
// The faults are injected through seams (the stream's own setup, and for the corrupt batch the
// fetch response bytes as kafkajs hands them to the record reader); broker and records are real.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ColumnTable } from 'arquero';
import { createEventStream, defaults as streamDefaults, type EventStream } from '../../../src/kafka/event-stream.js';
import { installRawFetchDecoding } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { bundleWithStatus, errorBundle } from '../../../src/notebook/live-frame.js';
import { createJsonFormat } from '../../../src/kafka/formats/json-format.js';
import { kafkaConfigFromOptions } from '../../../src/kafka/kafka-config.js';
import { createRollingWindow } from '../../../src/window/rolling-window.js';
import { maybeWindow } from '../../../src/window/maybe-window.js';
import { tableFromChunks } from '../../../src/window/table-from-spans.js';
import type { MimeBundle, StreamChunk } from '../../../src/types.js';
import { BROKER, itAdmin, itProducer, until } from './helpers.js';

const created: string[] = [];
const streams: EventStream<ColumnTable>[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

// The corrupt-batch seam: fetch responses pass through here on their way to the stream's record
// reader; the record batch starting at `corruptAt.offset` of `corruptAt.topic`'s fetches gets a
// header claiming two records more than it holds. (Installed over the raw-batch switch and before
// the fetch responses load, which bind decodeMessages: they load when the first stream starts.)
installRawFetchDecoding();
const corruptAt = { offset: -1, hits: 0 };
const require = createRequire(import.meta.url);
const decodeMessagesPath = require.resolve('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
const ours = require(decodeMessagesPath) as (decoder: { buffer: Buffer; offset: number }) => Promise<unknown[]>;
require.cache[decodeMessagesPath]!.exports = Object.assign((decoder: { buffer: Buffer; offset: number }) => {
  const b = decoder.buffer;
  const size = b.readInt32BE(decoder.offset);
  for (let at = decoder.offset + 4; corruptAt.offset >= 0 && at + 61 <= decoder.offset + 4 + size;) {
    const base = Number(b.readBigInt64BE(at));
    if (base === corruptAt.offset) {
      b.writeInt32BE(b.readInt32BE(at + 23) + 3, at + 57); // count = lastOffsetDelta + 1 + 2
      corruptAt.hits++;
    }
    at += 12 + b.readInt32BE(at + 8);
  }
  return ours(decoder);
}, ours);

before(() => {
  process.on('unhandledRejection', onUnhandled);
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  for (const s of streams) await s.stop().catch(() => {});
  const admin = await itAdmin();
  await admin.deleteTopics({ topics: created }).catch(() => {});
  const producer = await itProducer();
  await producer.disconnect().catch(() => {});
  await admin.disconnect().catch(() => {});
});

async function topic(name: string): Promise<string> {
  const t = `hostile_b_${name}_${randomBytes(4).toString('hex')}`;
  await (await itAdmin()).createTopics({ topics: [{ topic: t, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  created.push(t);
  return t;
}

/** One produce request (one record batch) of `n` JSON events with sequence numbers from `from`. */
async function send(t: string, from: number, n: number): Promise<void> {
  const messages = Array.from({ length: n }, (_, i) => ({ key: 'cart-1', value: JSON.stringify({ sequenceNr: from + i, type: 'Added' }) }));
  await (await itProducer()).send({ topic: t, messages, acks: -1 });
}

interface Output { updates: MimeBundle[] }

function stream(t: string, overrides: {
  tableFromChunks?: (chunks: readonly StreamChunk[]) => ColumnTable;
  table?: () => ColumnTable | undefined;
  keyFilter?: (key: Buffer | null) => boolean;
} = {}) {
  const { brokers, config } = kafkaConfigFromOptions({ brokers: BROKER });
  const outputs: Output[] = [];
  const win = createRollingWindow(maybeWindow({ events: 100_000 }));
  const s = createEventStream<ColumnTable>({
    key: `degrade-${t}`, brokers, kafkaConfig: config, connectionTimeoutMs: 3000, topics: [t], commit: false, from: 'earliest',
    intervalMs: 100, toChunk: createJsonFormat(), keyFilter: overrides.keyFilter,
    window: {
      append: (chunk) => win.append(chunk),
      table: () => overrides.table?.() ?? win.table(),
      get size() { return win.size; },
      get duplicates() { return win.duplicates; },
    },
    tableFromChunks: overrides.tableFromChunks ?? tableFromChunks,
    createDisplay() {
      const out: Output = { updates: [] };
      outputs.push(out);
      return { id: `d${outputs.length}`, update: (b) => out.updates.push(b) };
    },
    bundleFromView: async (output) => ({ 'text/plain': `rows=${(output as ColumnTable).numRows()}` }),
    bundleWithStatus, errorBundle,
  });
  streams.push(s);
  return { s, outputs, text: (view = 0) => String(outputs[view]!.updates.at(-1)?.['text/plain'] ?? '') };
}

test('streams without back-pressure: a never-settling onBatch listener holds a bounded number of arrivals (drops counted in the status line) and the views keep refreshing', async () => {
  const saved = streamDefaults.maxPendingEvents;
  streamDefaults.maxPendingEvents = 50;
  try {
    const t = await topic('stuck_listener');
    const { s, outputs, text } = stream(t);
    let calls = 0;
    s.onBatch(() => {
      calls++;
      return new Promise<void>(() => {});
    });
    s.view((win) => win);
    await s.ready();
    for (let r = 0; r < 4; r++) {
      await send(t, r * 100 + 1, 100);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await until(() => /rows=400$/.test(text()), 15_000, 'the view shows all 400 events despite the stuck listener');
    const before = outputs[0]!.updates.length;
    await until(() => outputs[0]!.updates.length >= before + 3, 10_000, 'the view keeps refreshing');
    assert.equal(calls, 1, 'a listener that has not settled is not called again');
    assert.ok(s.status().pendingDropped! > 0, 'arrivals beyond the bound were dropped');
    assert.ok(s.status().pendingDropped! <= 400);
    assert.match(s.statusLine(), /[\d,]+ events dropped for a slow onBatch listener/);
  } finally {
    streamDefaults.maxPendingEvents = saved;
  }
});

test('streams without back-pressure: an error while building the batch or window table is shown in the status line, the stream goes on, no unhandled rejection', async () => {
  const t = await topic('table_error');
  let failBatch = true;
  let failWindow = false;
  const { s, text } = stream(t, {
    tableFromChunks: (chunks) => {
      if (failBatch) throw new Error('batch table broke');
      return tableFromChunks(chunks);
    },
    table: () => {
      if (failWindow) throw new Error('window table broke');
      return undefined;
    },
  });
  let batched = 0;
  s.onBatch((b) => { batched += b.numRows(); });
  s.view((win) => win);
  await s.ready();
  await send(t, 1, 10);
  await until(() => /batch table broke/.test(s.statusLine()), 10_000, 'the batch table error in the status line');
  failWindow = true;
  await until(() => /window table broke/.test(s.statusLine()) && /window table broke/.test(text()), 10_000, 'the window table error in the status line and the view');
  failBatch = false;
  failWindow = false;
  await send(t, 11, 5);
  await until(() => /rows=15$/.test(text()), 10_000, 'the view recovers');
  await until(() => batched > 0, 10_000, 'listeners get batches again');
  await until(() => !/broke/.test(s.statusLine()), 10_000, 'the errors leave the status line once refreshes succeed');
  assert.deepEqual(unhandled, []);
});

test('streams without back-pressure: a view that never settles does not freeze the other views', async () => {
  const t = await topic('stuck_view');
  const { s, outputs, text } = stream(t);
  s.view(() => new Promise(() => {}));
  s.view((win) => win);
  await s.ready();
  await send(t, 1, 7);
  await until(() => /rows=7$/.test(text(1)), 10_000, 'the second view shows the events');
  const before = outputs[1]!.updates.length;
  await until(() => outputs[1]!.updates.length >= before + 3, 10_000, 'the second view keeps refreshing');
  await until(() => /view 1 is still drawing after \d+ s/.test(s.statusLine()), 10_000, 'the stuck view named in the status line');
  assert.deepEqual(unhandled, []);
});

test('batch headers trusted: a record batch that claims more records than it holds is reported once with topic/partition/offset and skipped; later records arrive', async () => {
  const t = await topic('corrupt_batch');
  await send(t, 1, 3); // offsets 0-2
  await send(t, 4, 3); // offsets 3-5: its header is made to claim 5 records
  await send(t, 7, 3); // offsets 6-8
  corruptAt.offset = 3;
  corruptAt.hits = 0;
  try {
    const { s, text } = stream(t);
    s.view((win) => win);
    await s.ready();
    await until(() => /rows=9$/.test(text()), 15_000, 'every record that is there, the corrupt batch\'s included');
    assert.ok(corruptAt.hits >= 1, 'the seam altered a fetched batch');
    await send(t, 10, 3);
    await until(() => /rows=12$/.test(text()), 10_000, 'records after the corrupt batch arrive');
    assert.equal(s.status().skippedBatches, 1, 'reported once');
    assert.match(s.statusLine(), new RegExp(`1 unreadable batch skipped \\(${t}/0 at offset 3\\)`));
    assert.equal(s.status().state, 'live');
  } finally {
    corruptAt.offset = -1;
  }
  assert.deepEqual(unhandled, []);
});

test('streams without back-pressure: records whose handling throws (here a key filter) are skipped and reported, not fetched again forever', async () => {
  const t = await topic('throwing_filter');
  let throwing = true;
  const { s, text } = stream(t, {
    keyFilter: () => {
      if (throwing) throw new Error('my key filter broke');
      return true;
    },
  });
  s.view((win) => win);
  await s.ready();
  await send(t, 1, 4); // offsets 0-3
  await until(() => (s.status().skippedBatches ?? 0) === 1, 10_000, 'the skipped records reported');
  assert.match(s.statusLine(), new RegExp(`1 unreadable batch skipped \\(${t}/0 at offset 0\\)`));
  throwing = false;
  await send(t, 5, 2); // offsets 4-5
  await until(() => /rows=2$/.test(text()), 10_000, 'the stream went on past them');
  assert.equal(s.status().skippedBatches, 1);
  assert.deepEqual(unhandled, []);
});
