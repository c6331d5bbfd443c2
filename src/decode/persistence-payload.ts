// Serializer 34, "persistence payload" (Akka 2.8 FilteredPayloadSerializer, 2.9+ PayloadSerializer,
// Pekko FilteredPayloadSerializer), docs/journal-formats.md §2, §6. Manifest:
//   F → FilteredPayload placeholder, empty bytes: kept only to keep sequence numbers gap-free
//   S → SerializedEvent = a PersistentPayload protobuf (serializerId, payload, manifest)
//   M → CompositeMetadata { 1 repeated PersistentPayload } (Akka 2.10.1+)

import type { DecoderRegistry, DecodeFn } from '../types.js';
import { serializedPayloadFromProtobuf } from './persistent-payload.js';
import { WireReader } from './protobuf-wire.js';

/**
 * What serializer 34 manifest `F` decodes to: a placeholder event that loaders skip.
 *
 * @example
 * if (value === FILTERED) continue;
 */
export const FILTERED: unique symbol = Symbol.for('journal-lens.filtered-payload');

/**
 * True for the FilteredPayload placeholder.
 *
 * @example
 * rows.filter((r) => !isFiltered(r.event));
 */
export function isFiltered(value: unknown): value is typeof FILTERED {
  return value === FILTERED;
}

/**
 * A decoder for serializer 34 that decodes nested payloads through `registry`.
 *
 * @example
 * registry.register(34, persistencePayloadDecoder(registry));
 */
export function persistencePayloadDecoder(registry: DecoderRegistry): DecodeFn {
  return function decodePersistencePayload(bytes, manifest) {
    switch (manifest) {
      case 'F':
        return FILTERED;
      case 'S': {
        const p = serializedPayloadFromProtobuf(bytes);
        return registry.decode(p.serializerId, p.manifest, p.bytes);
      }
      case 'M': {
        const out: unknown[] = [];
        const r = new WireReader(bytes);
        while (r.more()) {
          const tag = r.tag();
          if (tag === 0x0a) {
            const p = serializedPayloadFromProtobuf(r.bytesView());
            out.push(registry.decode(p.serializerId, p.manifest, p.bytes));
          } else r.skip(tag & 7);
        }
        return out;
      }
      default:
        throw new RangeError(`serializer 34 knows the manifests F, S and M, not '${manifest}'`);
    }
  };
}
