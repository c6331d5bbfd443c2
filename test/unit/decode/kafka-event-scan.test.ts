import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { eventFormatSlots, scanEventFormat } from '../../../src/decode/kafka-event-scan.js';
import { eventFormatBytes } from '../kafka/event-format-bytes.js';

const text = (b: Uint8Array, s: number, e: number) => Buffer.from(b.subarray(s, e)).toString('utf8');

test('scanEventFormat finds what kafkaEventFromBytes reads, without copying', () => {
  const slots = eventFormatSlots();
  for (const [pid, seq, id, data, manifest] of [
    ['cart-1', 1, 31, '{"a":1}', 'com.example.ItemAdded'],
    ['', 0, 20, 'x', undefined],
    ['ü-id', 2 ** 40 + 3, -5, '', 'M'],
    ['p', 300, 2147483647, 'é'.repeat(200), ''],
  ] as const) {
    const bytes = eventFormatBytes(pid, seq, id, new TextEncoder().encode(data), manifest);
    assert.equal(scanEventFormat(bytes, slots), true);
    const ref = kafkaEventFromBytes(bytes);
    assert.equal(text(bytes, slots.pidStart, slots.pidEnd), ref.persistenceId);
    assert.equal(slots.sequenceNr, ref.sequenceNr);
    assert.equal(slots.serializerId, ref.payload.serializerId);
    assert.equal(text(bytes, slots.manifestStart, slots.manifestEnd), ref.payload.manifest);
    assert.deepEqual(bytes.subarray(slots.dataStart, slots.dataEnd), Buffer.from(ref.payload.bytes));
  }
});

test('scanEventFormat skips unknown fields and refuses truncated records', () => {
  const slots = eventFormatSlots();
  const good = eventFormatBytes('cart-2', 9, 31, new TextEncoder().encode('{}'), 'T');
  // unknown fields first: 4 varint, 5 fixed64, 6 fixed32, 7 bytes
  const extra = Buffer.from([0x20, 0x96, 0x01, 0x29, 1, 2, 3, 4, 5, 6, 7, 8, 0x35, 1, 2, 3, 4, 0x3a, 2, 0xff, 0xff]);
  assert.equal(scanEventFormat(Buffer.concat([extra, good]), slots), true);
  assert.equal(slots.sequenceNr, 9);
  for (let cut = 1; cut < good.length; cut++) {
    const truncated = good.subarray(0, cut);
    let refOk = true;
    try {
      kafkaEventFromBytes(truncated);
    } catch {
      refOk = false;
    }
    if (!refOk) assert.equal(scanEventFormat(truncated, slots), false, `cut at ${cut}`);
  }
  assert.equal(scanEventFormat(Buffer.from([0x0b]), slots), false, 'wire type 3 (group) is refused');
});
