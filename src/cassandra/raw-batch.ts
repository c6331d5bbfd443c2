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

/** Writes one row at the end of `batch` (which must have room); small enough for V8 to inline in the page loops. */
export function pushRow(
  batch: RawEventBatch, pid: string, partition: number, seq: number, ms: number, serializerId: number,
  manifest: string, payload: Uint8Array | null, writerUuid: string, tags: readonly string[] | null,
): void {
  const i = batch.length++;
  batch.persistenceId[i] = pid;
  batch.partition[i] = partition;
  batch.sequenceNr[i] = seq;
  batch.timestampMs[i] = ms;
  batch.serializerId[i] = serializerId;
  batch.manifest[i] = manifest;
  batch.payload[i] = payload;
  batch.writerUuid[i] = writerUuid;
  batch.tags[i] = tags;
}

/** Moves row `from` to index `to` (< from) of the same batch, for compacting it in place. */
export function moveRow(batch: RawEventBatch, from: number, to: number): void {
  batch.persistenceId[to] = batch.persistenceId[from]!;
  batch.partition[to] = batch.partition[from]!;
  batch.sequenceNr[to] = batch.sequenceNr[from]!;
  batch.timestampMs[to] = batch.timestampMs[from]!;
  batch.serializerId[to] = batch.serializerId[from]!;
  batch.manifest[to] = batch.manifest[from]!;
  batch.payload[to] = batch.payload[from]!;
  batch.writerUuid[to] = batch.writerUuid[from]!;
  batch.tags[to] = batch.tags[from]!;
}
