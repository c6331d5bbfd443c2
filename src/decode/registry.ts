// Serializer-id (and manifest) keyed decoders: the counterpart of Akka's serialization-bindings.
// Lookup: exact (id, manifest), then (id, any manifest). Lookup runs once per event, so it
// allocates nothing: a Map id → { any, byManifest } and at most two Map gets.

import { DecodeError, LimitExceededError, OptionError } from '../errors.js';
import type { DecodeFn, DecoderRegistry, DecodersOption } from '../types.js';
import { valueFromCbor } from './cbor.js';
import { valueFromJavaSerialization } from './java-serialization/value-from-java-serialization.js';
import { jsonFromJacksonBytes } from './jackson-json.js';
import { isPlainJsonPayload } from './json-validate.js';
import { decodeLimits, limitExceeded } from './limits.js';
import { messageSerializerDecoder } from './message-serializer.js';
import { persistencePayloadDecoder } from './persistence-payload.js';
import { decodeBoolean, decodeBytes, decodeInt, decodeLong, decodeNull, decodeString } from './primitives.js';
import { SERIALIZER_ID, serializerName } from './serializer-ids.js';
import { snapshotDecoder } from './snapshot.js';

// Payloads nested in payloads (7, 8, 34 → registry.decode again) count against limits.maxDepth.
let nesting = 0;

interface Entry {
  any: DecodeFn | undefined;
  byManifest: Map<string, DecodeFn> | undefined;
}

function decodeJacksonJson(bytes: Uint8Array): unknown {
  return jsonFromJacksonBytes(bytes);
}

/**
 * True when the payload `bytes[start, end)` may be kept unparsed and parsed when read: `decode`
 * is the built-in Jackson JSON decoder (not one a user registered), whose result for uncompressed
 * bytes is exactly JSON.parse of their UTF-8 text, and the bytes are such JSON, valid.
 *
 * @example
 * keepsJsonUnparsed(registry.lookup(31, ''), bytes); // false for gzip, CBOR, bad JSON, a user's decoder
 */
export function keepsJsonUnparsed(decode: DecodeFn | undefined, bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  return decode === decodeJacksonJson && isPlainJsonPayload(bytes, start, end);
}

function decodeJacksonCbor(bytes: Uint8Array): unknown {
  return valueFromCbor(bytes);
}

function decodeJavaSerialization(bytes: Uint8Array): unknown {
  return valueFromJavaSerialization(bytes);
}

class Registry implements DecoderRegistry {
  private readonly entries = new Map<number, Entry>();

  register(serializerId: number, decode: DecodeFn): DecoderRegistry;
  register(serializerId: number, manifest: string, decode: DecodeFn): DecoderRegistry;
  register(serializerId: number, manifestOrDecode: string | DecodeFn, maybeDecode?: DecodeFn): DecoderRegistry {
    const manifest = typeof manifestOrDecode === 'string' ? manifestOrDecode : undefined;
    const decode = typeof manifestOrDecode === 'function' ? manifestOrDecode : maybeDecode;
    if (!Number.isInteger(serializerId)) {
      throw new OptionError('decoders', `A serializer id must be an integer, got ${String(serializerId)}.`);
    }
    if (typeof decode !== 'function') {
      throw new OptionError('decoders', `The decoder for serializer ${serializerId}${manifest === undefined ? '' : ` manifest '${manifest}'`} must be a function (bytes, manifest, serializerId) => value, got ${typeof decode}.`);
    }
    let entry = this.entries.get(serializerId);
    if (!entry) this.entries.set(serializerId, (entry = { any: undefined, byManifest: undefined }));
    if (manifest === undefined) entry.any = decode;
    else (entry.byManifest ??= new Map()).set(manifest, decode);
    return this;
  }

  lookup(serializerId: number, manifest: string): DecodeFn | undefined {
    const entry = this.entries.get(serializerId);
    if (entry === undefined) return undefined;
    if (entry.byManifest !== undefined) {
      const exact = entry.byManifest.get(manifest);
      if (exact !== undefined) return exact;
    }
    return entry.any;
  }

  decode(serializerId: number, manifest: string, bytes: Uint8Array): unknown {
    const fn = this.lookup(serializerId, manifest);
    if (fn === undefined) throw this.noDecoder(serializerId, manifest, bytes);
    try {
      if (nesting >= decodeLimits().maxDepth) throw limitExceeded('maxDepth', 'payloads nested in payloads deeper than');
      nesting++;
      try {
        return fn(bytes, manifest, serializerId);
      } finally {
        nesting--;
      }
    } catch (e) {
      // a nested payload (inside 7, 8 or 34) that failed already names its own id and manifest
      if (e instanceof DecodeError) throw e;
      throw this.failed(serializerId, manifest, bytes, fn, e);
    }
  }

  serializerIds(): number[] {
    const ids: number[] = [];
    for (const [id, e] of this.entries) if (e.any !== undefined || (e.byManifest !== undefined && e.byManifest.size > 0)) ids.push(id);
    return ids.sort((a, b) => a - b);
  }

  private noDecoder(serializerId: number, manifest: string, bytes: Uint8Array): DecodeError {
    const entry = this.entries.get(serializerId);
    const known = entry?.byManifest ? [...entry.byManifest.keys()].map((m) => `'${m}'`).join(', ') : '';
    const tried = entry
      ? `decoders for serializer ${serializerId} exist only for the manifests ${known}`
      : `no decoder is registered for serializer ${serializerId}; registered serializers: ${this.serializerIds().join(', ')}`;
    const hint = serializerId === SERIALIZER_ID.PROTOBUF
      ? `Serializer 2 is protobuf: pass \`decoders: { '2': protobufDecoder({ proto: '<your .proto source>' }) }\` (the manifest is the message class name).`
      : `Register a decoder for serializer ${serializerId} with \`decoders: { '${serializerId}': (bytes, manifest) => value }\`, or \`'${serializerId}:${manifest}'\` for this manifest only.`;
    return new DecodeError(serializerId, manifest,
      `No decoder for serializer ${serializerId} (${serializerName(serializerId)}) with manifest '${manifest}' (${bytes.length} bytes): ${tried}.`,
      { hint });
  }

  private failed(serializerId: number, manifest: string, bytes: Uint8Array, fn: DecodeFn, cause: unknown): DecodeError {
    const exact = this.entries.get(serializerId)?.byManifest?.get(manifest) === fn;
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (cause instanceof LimitExceededError) {
      return new DecodeError(serializerId, manifest,
        `Serializer ${serializerId} (${serializerName(serializerId)}) did not decode ${bytes.length} bytes with manifest '${manifest}': ${reason}`, { cause });
    }
    return new DecodeError(serializerId, manifest,
      `Serializer ${serializerId} (${serializerName(serializerId)}) could not decode ${bytes.length} bytes with manifest '${manifest}': ${reason}. Tried the decoder ${fn.name ? `'${fn.name}'` : '(anonymous)'} registered for ${exact ? `exactly ('${serializerId}:${manifest}')` : `serializer ${serializerId}, any manifest`}.`,
      {
        cause,
        hint: `The bytes may be corrupt, truncated, or written by another serializer than the id says. To decode them your way, register \`decoders: { '${serializerId}:${manifest}': (bytes, manifest) => value }\`.`,
      });
  }
}

/**
 * True when `value` is a DecoderRegistry (ours or any object with the same methods).
 *
 * @example
 * isDecoderRegistry(createDecoderRegistry()); // true
 */
export function isDecoderRegistry(value: unknown): value is DecoderRegistry {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<DecoderRegistry>;
  return typeof r.register === 'function' && typeof r.lookup === 'function' && typeof r.decode === 'function';
}

/**
 * A registry with the built-in decoders, plus `extra`:
 * - omitted: the built-ins only;
 * - a DecoderRegistry: returned as it is (one made by createDecoderRegistry already has the
 *   built-ins, and later `register` calls on it stay visible to whoever uses it);
 * - a record keyed `'<id>'` (every manifest of that serializer) or `'<id>:<manifest>'` (exactly
 *   that manifest; the manifest may itself contain ':'), whose values are DecodeFns; they win
 *   over the built-ins.
 * Built-ins: 0 null; 1 Java serialization; 4 bytes; 7 persistence messages (PersistentRepr →
 * its payload, PersistentFSM StateChangeEvent, snapshots, AtomicWrite); 8 snapshots; 18/19/20/21/35
 * primitives; 31, 32 and Lagom 1000002/1000004/1000005 JSON (gzip and LZ4 detected); 33 CBOR;
 * 34 persistence payload (`F` → FILTERED). Serializer 2 (protobuf) needs `protobufDecoder`.
 * Throws an OptionError for a malformed key or a value that is not a function.
 *
 * @example
 * const registry = createDecoderRegistry({ '1234': (bytes) => myFormat(bytes), '33:com.example.Legacy': legacyFn });
 * registry.decode(33, 'com.example.ItemAdded', bytes);
 */
export function createDecoderRegistry(extra?: DecodersOption): DecoderRegistry {
  if (extra !== undefined && isDecoderRegistry(extra)) return extra;
  const registry = new Registry();
  registry
    .register(0, decodeNull)
    .register(SERIALIZER_ID.JAVA, decodeJavaSerialization)
    .register(SERIALIZER_ID.BYTES, decodeBytes)
    .register(SERIALIZER_ID.MESSAGE, messageSerializerDecoder(registry))
    .register(SERIALIZER_ID.SNAPSHOT, snapshotDecoder(registry))
    .register(SERIALIZER_ID.LONG, decodeLong)
    .register(SERIALIZER_ID.INT, decodeInt)
    .register(SERIALIZER_ID.STRING, decodeString)
    .register(SERIALIZER_ID.BYTESTRING, decodeBytes)
    .register(SERIALIZER_ID.BOOLEAN, decodeBoolean)
    .register(SERIALIZER_ID.JACKSON_JSON, decodeJacksonJson)
    .register(SERIALIZER_ID.JACKSON_CBOR_264, decodeJacksonJson)
    .register(SERIALIZER_ID.JACKSON_CBOR, decodeJacksonCbor)
    .register(SERIALIZER_ID.PERSISTENCE_PAYLOAD, persistencePayloadDecoder(registry))
    .register(SERIALIZER_ID.LAGOM_JACKSON_JSON, decodeJacksonJson)
    .register(SERIALIZER_ID.LAGOM_PLAY_JSON, decodeJacksonJson)
    .register(SERIALIZER_ID.LAGOM_JACKSON_JSON_COMPRESSED, decodeJacksonJson);
  if (extra === undefined || extra === null) return registry;
  if (typeof extra !== 'object') {
    throw new OptionError('decoders', `\`decoders\` must be a DecoderRegistry or a record like { '33': fn, '33:com.example.Foo': fn }, got ${typeof extra}.`);
  }
  for (const key of Object.keys(extra)) {
    const colon = key.indexOf(':');
    const idText = colon < 0 ? key : key.slice(0, colon);
    const id = /^-?\d+$/.test(idText.trim()) ? Number(idText) : NaN;
    if (!Number.isSafeInteger(id)) {
      throw new OptionError('decoders', `The \`decoders\` key '${key}' does not start with a serializer id.`, {
        hint: `Use '<serializerId>' or '<serializerId>:<manifest>', e.g. '33' or '33:com.example.ItemAdded'.`,
      });
    }
    const fn = extra[key];
    if (colon < 0) registry.register(id, fn as DecodeFn);
    else registry.register(id, key.slice(colon + 1), fn as DecodeFn);
  }
  return registry;
}
