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
  pushRow(to, from.persistenceId[index]!, from.partition[index]!, from.sequenceNr[index]!, from.timestampMs[index]!,
    from.serializerId[index]!, from.manifest[index]!, from.payload[index]!, from.writerUuid[index]!, from.tags[index]!);
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
  const length = batch.length;
  batch.length = to; // copyRow appends at `length`: point it at `to`, then restore
  copyRow(batch, from, batch);
  batch.length = length;
}
