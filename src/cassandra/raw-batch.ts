import type { RawEventBatch } from '../types.js';

/** An empty RawEventBatch with room for `capacity` rows; `length` counts the rows written. */
export function createRawBatch(capacity: number): RawEventBatch {
  return {
    length: 0,
    persistenceId: new Array<string>(capacity),
    partition: new Float64Array(capacity),
    sequenceNr: new Float64Array(capacity),
    timestampMs: new Float64Array(capacity),
    serializerId: new Int32Array(capacity),
    manifest: new Array<string>(capacity),
    payload: new Array<Uint8Array | null>(capacity),
    writerUuid: new Array<string>(capacity),
    tags: new Array<readonly string[] | null>(capacity),
  };
}

/** Copies row `index` of `from` to the end of `to` (which must have room). */
export function copyRow(from: RawEventBatch, index: number, to: RawEventBatch): void {
  const i = to.length++;
  to.persistenceId[i] = from.persistenceId[index]!;
  to.partition[i] = from.partition[index]!;
  to.sequenceNr[i] = from.sequenceNr[index]!;
  to.timestampMs[i] = from.timestampMs[index]!;
  to.serializerId[i] = from.serializerId[index]!;
  to.manifest[i] = from.manifest[index]!;
  to.payload[i] = from.payload[index]!;
  to.writerUuid[i] = from.writerUuid[index]!;
  to.tags[i] = from.tags[index]!;
}

/** Drops the arrays' unused tail so that every column has exactly `length` entries. */
export function trimRawBatch(batch: RawEventBatch): RawEventBatch {
  const n = batch.length;
  if (batch.partition.length === n) return batch;
  batch.persistenceId.length = n;
  batch.manifest.length = n;
  batch.payload.length = n;
  batch.writerUuid.length = n;
  batch.tags.length = n;
  batch.partition = batch.partition.subarray(0, n);
  batch.sequenceNr = batch.sequenceNr.subarray(0, n);
  batch.timestampMs = batch.timestampMs.subarray(0, n);
  batch.serializerId = batch.serializerId.subarray(0, n);
  return batch;
}
