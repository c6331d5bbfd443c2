import { PERSISTENT_REPR_PAYLOAD, type DecodeFn, type DecoderRegistry, type RawEventBatch } from '../types.js';
import { persistentReprFromBytes } from './persistent-repr.js';
import { keepsJsonUnparsed } from './registry.js';
import { decodeLimits, withDecodeLimits, type ActiveLimits } from './limits.js';

/**
 * The decoded side of a RawEventBatch; `errors` is null when every row decoded. With `lazyJson`,
 * rows whose payload is plain JSON that JSON.parse accepts are not parsed: their event is
 * undefined and `lazy[i]` is 1 (the caller keeps their bytes); `lazy` is null when there are none.
 */
export interface DecodedEvents {
  events: unknown[];
  errors: (string | null)[] | null;
  lazy: Uint8Array | null;
  undecodable: number;
}

/**
 * Decodes every payload of `batch` through `registry`. Rows holding a whole PersistentRepr (legacy
 * `message` column) are unwrapped first, and the batch's serializerId, manifest, writerUuid and
 * timestamp columns are filled from it in place. `lazyJson`: see DecodedEvents. A payload that cannot be decoded is data, not an
 * exception: its event stays null, its reason goes to `errors`, and `undecodableBy` counts it.
 * `limits` (default: those in force) are the decoder budgets for every row of the batch.
 *
 * @example
 * const { events, errors } = eventsFromBatch(batch, createDecoderRegistry(), {});
 */
export function eventsFromBatch(batch: RawEventBatch, registry: DecoderRegistry, undecodableBy: Record<string, number>, lazyJson = false, limits: ActiveLimits = decodeLimits()): DecodedEvents {
  return withDecodeLimits(limits, () => decodeBatch(batch, registry, undecodableBy, lazyJson));
}

function decodeBatch(batch: RawEventBatch, registry: DecoderRegistry, undecodableBy: Record<string, number>, lazyJson: boolean): DecodedEvents {
  const n = batch.length;
  const events = new Array<unknown>(n);
  let errors: (string | null)[] | null = null;
  let lazy: Uint8Array | null = null;
  let undecodable = 0;
  const { serializerId, manifest, payload } = batch;
  // Consecutive rows mostly share serializer and manifest: the decoder is looked up once per run.
  let lastId = NaN;
  let lastManifest = '';
  let lastDecode: DecodeFn | undefined;
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
      if (lazyJson && bytes !== null && bytes.length > 0) {
        if (id !== lastId || manifest[i] !== lastManifest) {
          lastId = id;
          lastManifest = manifest[i]!;
          lastDecode = registry.lookup(id, lastManifest);
        }
        if (keepsJsonUnparsed(lastDecode, bytes)) {
          if (lazy === null) lazy = new Uint8Array(n);
          lazy[i] = 1;
          payload[i] = bytes; // the JSON itself, not the PersistentRepr around it
          continue;
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
  return { events, errors, lazy, undecodable };
}
