import { PERSISTENT_REPR_PAYLOAD, type DecoderRegistry, type RawEventBatch } from '../types.js';
import { persistentReprFromBytes } from './persistent-repr.js';

/** The decoded side of a RawEventBatch; `errors` is null when every row decoded. */
export interface DecodedEvents {
  events: unknown[];
  errors: (string | null)[] | null;
  undecodable: number;
}

/**
 * Decodes every payload of `batch` through `registry`. Rows holding a whole PersistentRepr (legacy
 * `message` column) are unwrapped first, and the batch's serializerId, manifest, writerUuid and
 * timestamp columns are filled from it in place. A payload that cannot be decoded is data, not an
 * exception: its event stays null, its reason goes to `errors`, and `undecodableBy` counts it.
 *
 * @example
 * const { events, errors } = eventsFromBatch(batch, createDecoderRegistry(), {});
 */
export function eventsFromBatch(batch: RawEventBatch, registry: DecoderRegistry, undecodableBy: Record<string, number>): DecodedEvents {
  const n = batch.length;
  const events = new Array<unknown>(n);
  let errors: (string | null)[] | null = null;
  let undecodable = 0;
  const { serializerId, manifest, payload } = batch;
  // One loop, no callback per row: this is the hot path of every load.
  for (let i = 0; i < n; i++) {
    let bytes = payload[i]!;
    let id = serializerId[i]!;
    try {
      if (id === PERSISTENT_REPR_PAYLOAD && bytes !== null) {
        const repr = persistentReprFromBytes(bytes);
        id = serializerId[i] = repr.payload.serializerId;
        manifest[i] = repr.payload.manifest;
        bytes = repr.payload.bytes;
        if (repr.writerUuid) batch.writerUuid[i] = repr.writerUuid;
        if (repr.timestamp > 0 && Number.isNaN(batch.timestampMs[i])) batch.timestampMs[i] = repr.timestamp;
        if (repr.persistenceId && repr.persistenceId !== batch.persistenceId[i]) {
          throw new Error(`the PersistentRepr names persistence id '${repr.persistenceId}', the row '${batch.persistenceId[i]}'`);
        }
      }
      events[i] = bytes === null ? null : registry.decode(id, manifest[i]!, bytes);
    } catch (error) {
      if (errors === null) errors = new Array<string | null>(n).fill(null);
      errors[i] = error instanceof Error ? error.message : String(error);
      events[i] = null;
      undecodable++;
      const key = `${id}:${manifest[i]}`;
      undecodableBy[key] = (undecodableBy[key] ?? 0) + 1;
    }
  }
  return { events, errors, undecodable };
}
