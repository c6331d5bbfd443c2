// Builds akka-persistence-kafka EventFormat values by hand (docs/journal-formats.md §4), independent of
// the decoders under test: EventFormat {1 persistenceId, 2 sequenceNr, 3 data EventDataFormat
// {1 serializerId, 2 data, 3 dataManifest}}.
import type { KafkaMessage } from 'kafkajs';

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function field(no: number, bytes: Uint8Array): number[] {
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function eventFormatBytes(pid: string, seq: number, serializerId: number, data: Uint8Array, manifest?: string): Buffer {
  const inner = [...varint((1 << 3) | 0), ...varint(serializerId), ...field(2, data), ...(manifest ? field(3, utf8(manifest)) : [])];
  return Buffer.from([...field(1, utf8(pid)), ...varint((2 << 3) | 0), ...varint(seq), ...field(3, Uint8Array.from(inner))]);
}

/** A Jackson JSON (serializer 31) event as EventFormat bytes. */
export function jacksonEvent(pid: string, seq: number, event: object, manifest = 'com.example.ItemAdded'): Buffer {
  return eventFormatBytes(pid, seq, 31, utf8(JSON.stringify(event)), manifest);
}

let offset = 0;
export function message(value: Buffer | null, key: string | null = null, timestamp = 1_700_000_000_000, headers = {}): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key), value, timestamp: String(timestamp), attributes: 0, offset: String(offset++), headers,
  };
}
