import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAkkaFormat } from '../../../src/kafka/formats/akka-format.js';
import { createJsonFormat } from '../../../src/kafka/formats/json-format.js';
import { createFunctionFormat } from '../../../src/kafka/formats/function-format.js';
import { maybeFormat } from '../../../src/kafka/formats/maybe-format.js';
import { undecodableCount } from '../../../src/kafka/formats/chunk-builder.js';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { eventFormatScanner } from '../../../src/decode/kafka-event-scan.js';
import { createDecoderRegistry } from '../../../src/decode/registry.js';
import { OptionError } from '../../../src/errors.js';
import { eventFormatBytes, jacksonEvent, message } from './event-format-bytes.js';
import { viaBothReaders } from './raw-records.js';

const akka = viaBothReaders(createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry: createDecoderRegistry() }));

test('akka: EventFormat records become columns; eventType is the manifest', async () => {
  const messages = [
    message(jacksonEvent('cart-1', 1, { item: 'apple' }), 'cart-1', 1_700_000_000_123),
    message(eventFormatBytes('cart-2', 7, 20, new TextEncoder().encode('hello')), 'cart-2'),
  ];
  const chunk = await akka('events', 3, messages);
  assert.equal(chunk.length, 2);
  assert.equal(chunk.topic, 'events');
  assert.equal(chunk.partition, 3);
  assert.deepEqual(chunk.persistenceId, ['cart-1', 'cart-2']);
  assert.deepEqual(Array.from(chunk.sequenceNr), [1, 7]);
  assert.deepEqual(chunk.event, [{ item: 'apple' }, 'hello']);
  assert.deepEqual(chunk.eventType, ['com.example.ItemAdded', null]);
  assert.deepEqual(Array.from(chunk.offset), messages.map((m) => Number(m.offset)));
  assert.equal(chunk.timestampMs[0], 1_700_000_000_123);
  assert.equal(chunk.decodeError, null, 'no error columns when all decoded');
});

test('akka: large sequence numbers survive the int64 varint', async () => {
  const chunk = await akka('e', 0, [message(jacksonEvent('p', 2 ** 40 + 3, {}))]);
  assert.equal(chunk.sequenceNr[0], 2 ** 40 + 3);
});

test('akka: malformed records are kept as rows with decodeError and raw bytes', async () => {
  const garbage = Buffer.from([0xff, 0xff, 0xff]);
  const unknownSerializer = eventFormatBytes('cart-9', 4, 987654, new Uint8Array([1, 2]), 'X');
  const chunk = await akka('e', 0, [
    message(garbage, 'cart-5'),
    message(jacksonEvent('cart-1', 1, { ok: true }), 'cart-1'),
    message(unknownSerializer, 'cart-9'),
    message(null, 'cart-6'),
  ]);
  assert.equal(chunk.length, 4);
  assert.equal(undecodableCount(chunk), 3);
  assert.match(chunk.decodeError![0]!, /not an akka-persistence-kafka EventFormat record/);
  assert.equal(chunk.persistenceId[0], 'cart-5', 'falls back to the record key');
  assert.ok(Number.isNaN(chunk.sequenceNr[0]));
  assert.deepEqual([...chunk.raw![0]!], [0xff, 0xff, 0xff]);
  assert.notEqual(chunk.raw![0]!.buffer, garbage.buffer, 'raw bytes are a copy');
  assert.equal(chunk.decodeError![1], null);
  assert.deepEqual(chunk.event[1], { ok: true });
  assert.match(chunk.decodeError![2]!, /987654/);
  assert.equal(chunk.persistenceId[2], 'cart-9');
  assert.equal(chunk.sequenceNr[2], 4, 'envelope fields are kept when only the payload failed');
  assert.equal(chunk.eventType[2], 'X');
  assert.match(chunk.decodeError![3]!, /tombstone/);
  assert.equal(chunk.raw![3], null);
});

test('json: key as persistence id, sequenceNr and type fields', async () => {
  const json = viaBothReaders(createJsonFormat());
  const value = (o: unknown) => Buffer.from(JSON.stringify(o));
  const chunk = await json('j', 1, [
    message(value({ type: 'Opened', sequenceNr: 1, total: 3 }), 'acc-1', 42),
    message(value({ type: 'Closed', sequenceNr: '2' }), 'acc-1'),
    message(value({ note: 'no seq, no type' }), null),
  ]);
  assert.deepEqual(chunk.persistenceId, ['acc-1', 'acc-1', '']);
  assert.deepEqual(Array.from(chunk.sequenceNr.slice(0, 2)), [1, 2]);
  assert.ok(Number.isNaN(chunk.sequenceNr[2]));
  assert.deepEqual(chunk.eventType, ['Opened', 'Closed', null]);
  assert.deepEqual(chunk.event[0], { type: 'Opened', sequenceNr: 1, total: 3 });
  assert.equal(chunk.timestampMs[0], 42);
  assert.equal(chunk.decodeError, null);
});

test('json: configured fields', async () => {
  const json = viaBothReaders(createJsonFormat({ persistenceIdField: 'id', sequenceNrField: 'seq', eventTypeField: 'kind' }));
  const chunk = await json('j', 0, [message(Buffer.from('{"id":"x-1","seq":5,"kind":"K"}'), 'ignored-key')]);
  assert.equal(chunk.persistenceId[0], 'x-1');
  assert.equal(chunk.sequenceNr[0], 5);
  assert.equal(chunk.eventType[0], 'K');
});

test('json: malformed values are rows with decodeError', async () => {
  const chunk = await viaBothReaders(createJsonFormat())('j', 0, [
    message(Buffer.from('{not json'), 'k1'),
    message(Buffer.from('[1,2]'), 'k2'),
    message(Buffer.from('{"sequenceNr":1}'), 'k3'),
  ]);
  assert.equal(undecodableCount(chunk), 2);
  assert.match(chunk.decodeError![0]!, /not a JSON object/);
  assert.match(chunk.decodeError![1]!, /an array/);
  assert.equal(chunk.persistenceId[0], 'k1');
  assert.equal(Buffer.from(chunk.raw![0]!).toString(), '{not json');
  assert.equal(chunk.decodeError![2], null);
});

test('function format: fields from the user, skips on null, errors kept as rows', async () => {
  const seen: unknown[] = [];
  const fn = viaBothReaders(createFunctionFormat((m) => {
    seen.push(m);
    const text = m.value!.toString();
    if (text === 'skip') return null;
    if (text === 'boom') throw new Error('cannot parse boom');
    if (text === 'bad') return { nope: 1 } as never;
    return { persistenceId: m.key!.toString(), sequenceNr: BigInt(m.offset) + 1n, event: text, eventType: 'T' };
  }));
  const chunk = await fn('f', 2, [
    message(Buffer.from('a'), 'p', 10, { h: Buffer.from('1') }),
    message(Buffer.from('skip'), 'p'),
    message(Buffer.from('boom'), 'q'),
    message(Buffer.from('bad'), 'r'),
    message(Buffer.from('b'), 'p'),
  ]);
  assert.equal(chunk.length, 4);
  assert.deepEqual(chunk.persistenceId, ['p', 'q', 'r', 'p']);
  assert.deepEqual(chunk.event, ['a', null, null, 'b']);
  assert.deepEqual(chunk.decodeError?.map((e) => e !== null), [false, true, true, false]);
  assert.match(chunk.decodeError![1]!, /cannot parse boom/);
  assert.match(chunk.decodeError![2]!, /must return/);
  assert.deepEqual(chunk.eventType, ['T', null, null, 'T']);
  const first = seen[0] as { topic: string; partition: number; timestamp: Date; headers: Record<string, Buffer>; offset: number };
  assert.equal(first.topic, 'f');
  assert.equal(first.partition, 2);
  assert.equal(first.timestamp.getTime(), 10);
  assert.equal(first.headers.h.toString(), '1');
  assert.equal(chunk.sequenceNr[0], first.offset + 1);
});

test('maybeFormat', () => {
  assert.equal(maybeFormat(undefined), 'akka');
  assert.equal(maybeFormat('json'), 'json');
  const f = () => null;
  assert.equal(maybeFormat(f), f);
  assert.throws(() => maybeFormat('avro'), OptionError);
});
