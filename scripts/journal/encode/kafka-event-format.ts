// krasserm/akka-persistence-kafka user-topic value: KafkaEventSerializer (id 15443) bytes =
// protobuf EventFormat (docs/journal-formats.md §4, KK@HEAD src/main/protobuf/EventFormats.proto):
//   EventFormat     { 1 persistenceId string, 2 sequenceNr int64, 3 data EventDataFormat }
//   EventDataFormat { 1 serializerId int32, 2 data bytes, 3 dataManifest bytes (class name, only
//                     when the inner serializer includes a manifest) }
// Sized up front and written into one buffer: the bulk producer encodes millions of these.

export interface EventFormatFields {
  persistenceId: string;
  sequenceNr: number;
  serializerId: number;
  bytes: Uint8Array;
  /** Written as field 3 of EventDataFormat when non-empty. */
  manifest?: string;
}

/** Bytes of a varint holding a non-negative safe integer. */
function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 0x80);
    n++;
  }
  return n;
}

function writeVarint(out: Buffer, pos: number, v: number): number {
  while (v >= 0x80) {
    out[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[pos++] = v;
  return pos;
}

/**
 * Encodes one `Event(persistenceId, sequenceNr, data)` as the plugin publishes it to `events`.
 *
 * @example
 * const value = eventFormatFromFields({ persistenceId: 'ShoppingCart|cart-1', sequenceNr: 3,
 *   serializerId: 31, bytes: new TextEncoder().encode('{"cartId":"cart-1"}'),
 *   manifest: 'com.example.cart.ShoppingCart$ItemAdded' });
 */
export function eventFormatFromFields(fields: EventFormatFields): Buffer {
  const { persistenceId, sequenceNr, serializerId, bytes } = fields;
  if (!Number.isSafeInteger(sequenceNr) || sequenceNr < 0 || !Number.isInteger(serializerId) || serializerId < 0) {
    throw new RangeError(`EventFormat: sequenceNr ${sequenceNr} and serializerId ${serializerId} must be non-negative integers`);
  }
  const manifest = fields.manifest ?? '';
  const pidLen = Buffer.byteLength(persistenceId, 'utf8');
  const manLen = manifest ? Buffer.byteLength(manifest, 'utf8') : 0;
  const dataLen = 1 + varintSize(serializerId) + 1 + varintSize(bytes.length) + bytes.length +
    (manLen > 0 ? 1 + varintSize(manLen) + manLen : 0);
  const total = 1 + varintSize(pidLen) + pidLen + 1 + varintSize(sequenceNr) + 1 + varintSize(dataLen) + dataLen;
  const out = Buffer.allocUnsafe(total);
  let p = 0;
  out[p++] = 0x0a; // 1: persistenceId
  p = writeVarint(out, p, pidLen);
  p += out.write(persistenceId, p, 'utf8');
  out[p++] = 0x10; // 2: sequenceNr
  p = writeVarint(out, p, sequenceNr);
  out[p++] = 0x1a; // 3: data
  p = writeVarint(out, p, dataLen);
  out[p++] = 0x08; // data.1: serializerId
  p = writeVarint(out, p, serializerId);
  out[p++] = 0x12; // data.2: data
  p = writeVarint(out, p, bytes.length);
  out.set(bytes, p);
  p += bytes.length;
  if (manLen > 0) {
    out[p++] = 0x1a; // data.3: dataManifest
    p = writeVarint(out, p, manLen);
    p += out.write(manifest, p, 'utf8');
  }
  return out;
}
