// Serializer name → (serializer id, manifest, bytes): the one place where the writer and the
// Kafka producer turn a JavaScript event into Akka's serialized payload triple.
import type { SerializedPayload } from '../../../src/types.js';
import { JACKSON_CBOR_ID, JACKSON_JSON_ID, cborBytesFromValue, jsonBytesFromValue } from './jackson.js';
import { BOOLEAN_ID, BYTES_ID, INT_ID, LONG_ID, STRING_ID, booleanBytes, intBytes, longBytes, stringBytes } from './primitives.js';
import { JAVA_ID, javaObjectBytes, javaStringBytes, type JavaObjectSpec } from './java-serialization.js';

export const SERIALIZER_NAMES = [
  'jackson-json', 'jackson-json-gzip', 'jackson-json-lz4', 'jackson-cbor', 'string', 'long', 'int', 'boolean',
  'bytes', 'java-string', 'java-object', 'raw',
] as const;

/**
 * How an event is serialized: `jackson-json` (31, gzip above 32 KiB like Akka's default),
 * `jackson-json-gzip` / `jackson-json-lz4` (31, always compressed), `jackson-cbor` (33),
 * `string` (20), `long` (18), `int` (19), `boolean` (35), `bytes` (4), `java-string` and
 * `java-object` (1), `raw` (bytes as given, with `serializerId`).
 */
export type SerializerName = (typeof SERIALIZER_NAMES)[number];

export interface PayloadInput {
  event?: unknown;
  serializer: SerializerName;
  /** Required for `raw`. */
  serializerId?: number;
  /** ser_manifest; default '' (Jackson events normally carry their class name here). */
  manifest?: string;
}

const textEncoder = new TextEncoder();

function bytesOf(event: unknown, serializer: string): Uint8Array {
  if (event instanceof Uint8Array) return event;
  if (typeof event === 'string') return textEncoder.encode(event);
  if (event === undefined || event === null) return new Uint8Array(0);
  throw new TypeError(`serializer '${serializer}' takes a Uint8Array event, got ${typeof event}`);
}

/**
 * @example
 * payloadFromEvent({ serializer: 'jackson-json', event: { cartId: 'c1' },
 *   manifest: 'com.example.cart.ShoppingCart$CheckedOut' });
 * // { serializerId: 31, manifest: 'com.example.cart.ShoppingCart$CheckedOut', bytes: <{"cartId":"c1"}> }
 */
export function payloadFromEvent(input: PayloadInput): SerializedPayload {
  const { event, serializer } = input;
  const manifest = input.manifest ?? '';
  switch (serializer) {
    case 'jackson-json':
      return { serializerId: JACKSON_JSON_ID, manifest, bytes: jsonBytesFromValue(event, 'auto') };
    case 'jackson-json-gzip':
      return { serializerId: JACKSON_JSON_ID, manifest, bytes: jsonBytesFromValue(event, 'gzip') };
    case 'jackson-json-lz4':
      return { serializerId: JACKSON_JSON_ID, manifest, bytes: jsonBytesFromValue(event, 'lz4') };
    case 'jackson-cbor':
      return { serializerId: JACKSON_CBOR_ID, manifest, bytes: cborBytesFromValue(event) };
    case 'string':
      return { serializerId: STRING_ID, manifest, bytes: stringBytes(String(event)) };
    case 'long':
      return { serializerId: LONG_ID, manifest, bytes: longBytes(event as number | bigint) };
    case 'int':
      return { serializerId: INT_ID, manifest, bytes: intBytes(event as number) };
    case 'boolean':
      return { serializerId: BOOLEAN_ID, manifest, bytes: booleanBytes(Boolean(event)) };
    case 'bytes':
      return { serializerId: BYTES_ID, manifest, bytes: bytesOf(event, serializer) };
    case 'java-string':
      return { serializerId: JAVA_ID, manifest, bytes: javaStringBytes(String(event)) };
    case 'java-object':
      return { serializerId: JAVA_ID, manifest, bytes: javaObjectBytes(event as JavaObjectSpec) };
    case 'raw':
      if (input.serializerId === undefined || !Number.isInteger(input.serializerId)) {
        throw new TypeError(`serializer 'raw' needs an integer serializerId, got ${String(input.serializerId)}`);
      }
      return { serializerId: input.serializerId, manifest, bytes: bytesOf(event, serializer) };
    default:
      throw new TypeError(`unknown serializer '${String(serializer)}'; use one of ${SERIALIZER_NAMES.join(', ')}`);
  }
}
