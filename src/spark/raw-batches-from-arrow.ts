// The rows of eventRowsSql (events-sql.ts) as RawEventBatches, the shape the local loader hands to the
// decoders: from here on a Spark load and a Cassandra load take the same path (decode/, table/).
// Columns: persistence_id, partition_nr, sequence_nr, ms (bigint), ser_id, ser_manifest, event (binary),
// writer_uuid, tags (array<string>).
import { tableFromIPC, type Column } from '@uwdata/flechette';
import type { RawEventBatch } from '../types.js';
import { internString, type StringPool } from '../util/string-pool.js';
import { alignedBatches } from './table-from-arrow-batches.js';

/**
 * Cuts the Arrow result into RawEventBatches of at most `batchRows` rows (payloads are views into the
 * Arrow buffers, not copies).
 *
 * @example
 * for (const batch of rawBatchesFromArrow(result.batches, 10_000)) decodeAndAppend(batch);
 */
export function* rawBatchesFromArrow(batches: readonly Uint8Array[], batchRows: number): Generator<RawEventBatch> {
  if (batches.length === 0) return;
  const arrow = tableFromIPC(alignedBatches(batches), { useDate: false, useBigInt: false });
  const n = arrow.numRows;
  const col = <T>(name: string): Column<T> => arrow.getChild(name) as Column<T>;
  const pid = col<string>('persistence_id');
  const partition = col<number>('partition_nr');
  const seq = col<number>('sequence_nr');
  const ms = col<number | null>('ms');
  const serId = col<number | null>('ser_id');
  const manifest = col<string | null>('ser_manifest');
  const payload = col<Uint8Array | null>('event');
  const writer = col<string | null>('writer_uuid');
  const tags = col<ArrayLike<string> | null>('tags');
  // Interned per load: a journal has few manifests, writers and tag sets, and many rows.
  const strings: StringPool = new Map();
  // Tag sets come in the set's own (sorted) order, as from the Node driver; one frozen copy each.
  const tagSets = new Map<string, readonly string[]>();
  const internTags = (t: ArrayLike<string>): readonly string[] => {
    const list = Array.from(t);
    const key = list.join('\u0001');
    const known = tagSets.get(key);
    if (known !== undefined) return known;
    const frozen = Object.freeze(list);
    if (tagSets.size < 10_000) tagSets.set(key, frozen);
    return frozen;
  };
  for (let start = 0; start < n; start += batchRows) {
    const length = Math.min(batchRows, n - start);
    const batch: RawEventBatch = {
      length,
      persistenceId: new Array<string>(length),
      partition: new Float64Array(length),
      sequenceNr: new Float64Array(length),
      timestampMs: new Float64Array(length),
      serializerId: new Int32Array(length),
      manifest: new Array<string>(length),
      payload: new Array<Uint8Array | null>(length),
      writerUuid: new Array<string>(length),
      tags: new Array<readonly string[] | null>(length),
    };
    let lastPid = '';
    for (let i = 0; i < length; i++) {
      const r = start + i;
      const p = pid.at(r)!;
      batch.persistenceId[i] = p === lastPid ? lastPid : (lastPid = p);
      batch.partition[i] = partition.at(r)!;
      batch.sequenceNr[i] = seq.at(r)!;
      batch.timestampMs[i] = ms.at(r) ?? NaN;
      batch.serializerId[i] = serId.at(r) ?? -1;
      batch.manifest[i] = internString(strings, manifest.at(r) ?? '');
      // A Buffer view, as the Node driver gives (no copy): the tables of both paths hold the same kind of bytes.
      const bytes = payload.at(r);
      batch.payload[i] = bytes === null || bytes === undefined ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      batch.writerUuid[i] = internString(strings, writer.at(r) ?? '');
      const t = tags.at(r);
      batch.tags[i] = t === null || t === undefined || t.length === 0 ? null : internTags(t);
    }
    yield batch;
  }
}
