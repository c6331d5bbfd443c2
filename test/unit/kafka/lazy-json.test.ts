// Stream chunks whose JSON payloads are kept unparsed until read: the same window tables as eager
// parsing, through dedupe (subset), time cut, per-id reordering and repeated refreshes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { eventFormatScanner } from '../../../src/decode/kafka-event-scan.js';
import { createDecoderRegistry, keepsJsonUnparsed } from '../../../src/decode/registry.js';
import { createAkkaFormat } from '../../../src/kafka/formats/akka-format.js';
import { maybeWindow } from '../../../src/window/maybe-window.js';
import { createRollingWindow } from '../../../src/window/rolling-window.js';
import { eventFormatBytes, jacksonEvent, message } from './event-format-bytes.js';
import { viaBothReaders } from './raw-records.js';

const registry = createDecoderRegistry();
const lazy = viaBothReaders(createAkkaFormat({
  eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry,
  keepUnparsed: keepsJsonUnparsed,
}));
const eager = viaBothReaders(createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry }));

function records(seqs: number[], pid = (s: number) => `cart-${s % 3}`) {
  return seqs.map((s) => message(jacksonEvent(pid(s), s, { n: s, note: s % 2 ? 'é🙂' : null }), pid(s), 1_700_000_000_000 + s * 10));
}

test('akka lazy: JSON kept as bytes, invalid JSON and other serializers decoded (or refused) on arrival', async () => {
  const messages = [
    ...records([1, 2]),
    message(eventFormatBytes('cart-9', 1, 31, new TextEncoder().encode('{"broken":')), 'cart-9'),
    message(eventFormatBytes('cart-9', 2, 20, new TextEncoder().encode('plain text')), 'cart-9'),
  ];
  const chunk = await lazy('events', 0, messages);
  assert.ok(chunk.json);
  assert.deepEqual([...chunk.json.length].map((n) => n > 0), [true, true, false, false]);
  assert.equal(chunk.event[0], undefined);
  assert.match(String(chunk.decodeError?.[2]), /could not decode/);
  assert.equal(chunk.event[3], 'plain text');
  const reference = await eager('events', 0, messages);
  assert.deepEqual(reference.event.slice(0, 2), [{ n: 1, note: 'é🙂' }, { n: 2, note: null }]);
});

test('a lazy window gives the tables an eager one gives, refresh after refresh', async () => {
  const spec = maybeWindow({ seconds: 1, events: 50 });
  const lazyWin = createRollingWindow(spec, { nowMs: () => 1_700_000_100_000 });
  const eagerWin = createRollingWindow(spec, { nowMs: () => 1_700_000_100_000 });
  // out of order per id, redelivered rows, and enough rows for the count cap and the time cut
  const batches = [[5, 1, 3, 2, 4], [4, 6, 7, 9, 8, 10], Array.from({ length: 60 }, (_, i) => 11 + i), [70, 69, 71]];
  for (const seqs of batches) {
    const messages = records(seqs);
    lazyWin.append(await lazy('events', 0, messages));
    eagerWin.append(await eager('events', 0, messages));
    const a = lazyWin.table();
    const b = eagerWin.table();
    assert.deepEqual(a.objects(), b.objects());
    assert.deepEqual(a.array('event'), b.array('event'));
    assert.deepEqual(lazyWin.table().array('event'), b.array('event'), 'a second table of the same window reads the parsed events');
  }
  assert.equal(lazyWin.duplicates, eagerWin.duplicates);
  assert.ok(lazyWin.duplicates > 0);
});
