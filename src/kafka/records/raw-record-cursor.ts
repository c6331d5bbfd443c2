// Reads the records of Kafka record batches (message format v2) in place: the hot path of a
// stream, one next() per record, allocation-free. Record layout (KIP-98): length varint,
// attributes int8, timestampDelta varlong, offsetDelta varint, key and value as varint length
// (-1 = null) + bytes, headers; every varint zigzag-encoded. Headers are skipped via the length
// and read only when asked for.
//
// Nothing in a batch header is trusted (docs/failure-modes.md): the record count it claims sizes
// nothing (`count` is bounded by the bytes a batch holds), and a batch that claims more records
// than it holds, or whose records do not parse, ends there: it is listed in `corruptions` with its
// offset and the cursor goes on with the next batch, so the stream moves past it instead of
// failing the fetch (which kafkajs would retry forever).
import type { IHeaders } from 'kafkajs';
import { EMPTY, RecordFields, type RecordCursor } from './record-cursor.js';
import type { RawRecordBatch } from '../kafkajs-internals/raw-fetch.js';
import { readZigzag, VARINT_TRUNCATED, varintEnd } from '../../util/varint.js';

/** A record batch that does not parse: kafkajs would fail the fetch on it too. */
export class CorruptRecordBatchError extends Error {
  constructor(readonly detail: string) {
    super(`a Kafka record batch could not be read (${detail}); the broker sent bytes that are not Kafka message format v2`);
    this.name = 'CorruptRecordBatchError';
  }
}

/** A record batch the cursor stopped reading: its base offset and why. */
export interface SkippedBatch {
  offset: number;
  detail: string;
}

/**
 * The least bytes a record takes as next() reads it: length varint, attributes, then timestamp
 * delta, offset delta, key length and value length varints. A batch of b record bytes thus holds
 * at most b / 6 records, whatever its header claims.
 */
export const MIN_RECORD_BYTES = 6;

/** Records a raw batch may yield: its claim, bounded by its bytes (0 for one marked corrupt). */
function recordsHeld(raw: RawRecordBatch): number {
  if (raw.corrupt !== undefined || !(raw.count > 0)) return 0;
  return Math.min(raw.count, Math.floor(Math.max(0, raw.end - raw.start) / MIN_RECORD_BYTES));
}

// The position after the last varint read (set by zigzag).
let pos = 0;

/** A zigzag varint/varlong at `p` (util/varint.ts readZigzag: exact within ±(2^53−1)); sets `pos`. */
function zigzag(b: Buffer, p: number, end: number): number {
  const v = readZigzag(b, p, end);
  if (varintEnd < 0 || v !== v) throw badVarint();
  pos = varintEnd;
  return v;
}

function badVarint(): CorruptRecordBatchError {
  if (varintEnd >= 0) return new CorruptRecordBatchError('a varint is beyond ±2^53');
  return new CorruptRecordBatchError(varintEnd === VARINT_TRUNCATED ? 'a varint runs past the end of its batch' : 'a varint is longer than 10 bytes');
}

/**
 * A cursor over the records of raw batches; records below `fromOffset` are skipped. Never throws
 * on bad bytes: a corrupt batch is skipped and listed in `corruptions`.
 */
export class RawRecordCursor extends RecordFields implements RecordCursor {
  /** At most the records next() yields: each batch's claim bounded by its bytes (MIN_RECORD_BYTES). */
  readonly count: number;
  /** The batches cut short so far (null while there is none); read it after the records. */
  corruptions: SkippedBatch[] | null = null;
  private batch = -1;
  private left = 0;
  private at = 0;
  private end = 0;
  private bytes = EMPTY;
  private headersStart = 0;
  private headersEnd = 0;
  private baseOffset = 0;
  private baseTimestamp = 0;
  private fixedTimestamp = NaN;

  constructor(private readonly batches: readonly RawRecordBatch[], private readonly fromOffset = 0) {
    super();
    let count = 0;
    for (const raw of batches) count += recordsHeld(raw);
    this.count = count;
  }

  // Ends the current batch: it is reported, and next() goes on with the following one.
  private skipBatch(detail: string): void {
    const raw = this.batches[this.batch]!;
    (this.corruptions ??= []).push({ offset: raw.baseOffset, detail });
    this.left = 0;
  }

  next(): boolean {
    for (;;) {
      while (this.left === 0) {
        if (++this.batch >= this.batches.length) return false;
        const raw = this.batches[this.batch]!;
        if (raw.corrupt !== undefined) {
          this.skipBatch(raw.corrupt);
          continue;
        }
        if (!(raw.count > 0)) {
          if (raw.end > raw.start) this.skipBatch(`the batch header claims ${raw.count} records for ${raw.end - raw.start} bytes of records`);
          continue;
        }
        this.left = raw.count;
        this.at = raw.start;
        this.end = raw.end;
        this.bytes = raw.bytes;
        this.baseOffset = raw.baseOffset;
        this.baseTimestamp = raw.baseTimestamp;
        this.fixedTimestamp = raw.logAppendTime ? raw.maxTimestamp : NaN;
      }
      this.left--;
      const b = this.bytes;
      const end = this.end;
      if (this.at >= end) {
        const claimed = this.batches[this.batch]!.count;
        this.skipBatch(`the batch header claims ${claimed} records but the batch holds ${claimed - this.left - 1}`);
        continue;
      }
      // The parse below throws CorruptRecordBatchError on bytes that overrun; caught once per
      // record here (a try block costs nothing measurable in V8's optimised code).
      try {
        const length = zigzag(b, this.at, end);
        const recordEnd = pos + length;
        if (length < 0 || recordEnd > end) throw new CorruptRecordBatchError(`a record of ${length} bytes at ${this.at} overruns its batch`);
        const timestampDelta = zigzag(b, pos + 1, recordEnd); // +1: attributes, unused in v2
        const offsetDelta = zigzag(b, pos, recordEnd);
        const keyLength = zigzag(b, pos, recordEnd);
        if (keyLength >= 0) {
          this.keyStart = pos;
          this.keyEnd = pos + keyLength;
        } else {
          this.keyStart = this.keyEnd = -1;
        }
        const valueLength = zigzag(b, keyLength >= 0 ? pos + keyLength : pos, recordEnd);
        if (valueLength >= 0) {
          this.valueStart = pos;
          this.valueEnd = pos + valueLength;
          this.headersStart = pos + valueLength;
        } else {
          this.valueStart = this.valueEnd = -1;
          this.headersStart = pos;
        }
        if (this.headersStart > recordEnd || this.keyEnd > recordEnd) throw new CorruptRecordBatchError(`a record's key or value at ${this.at} overruns the record`);
        this.headersEnd = recordEnd;
        this.at = recordEnd;
        const offset = this.baseOffset + offsetDelta;
        if (offset < this.fromOffset) continue;
        this.offset = offset;
        this.timestampMs = this.fixedTimestamp === this.fixedTimestamp ? this.fixedTimestamp : this.baseTimestamp + timestampDelta;
        this.keyBytes = b;
        this.valueBytes = b;
        return true;
      } catch (error) {
        if (!(error instanceof CorruptRecordBatchError)) throw error;
        this.skipBatch(error.detail);
      }
    }
  }

  key(): Buffer | null {
    return this.keyStart < 0 ? null : this.keyBytes.subarray(this.keyStart, this.keyEnd);
  }

  value(): Buffer | null {
    return this.valueStart < 0 ? null : this.valueBytes.subarray(this.valueStart, this.valueEnd);
  }

  /** Header values as kafkajs gives them: a Buffer, or an array of them for a repeated key. */
  headers(): IHeaders {
    const b = this.bytes;
    const end = this.headersEnd;
    const headers: IHeaders = {};
    const n = zigzag(b, this.headersStart, end);
    let p = pos;
    for (let i = 0; i < n; i++) {
      const keyLength = zigzag(b, p, end);
      const key = b.toString('utf8', pos, pos + keyLength);
      const valueLength = zigzag(b, pos + keyLength, end);
      const value = valueLength < 0 ? undefined : b.subarray(pos, pos + valueLength);
      p = valueLength < 0 ? pos : pos + valueLength;
      const seen = headers[key];
      headers[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value as Buffer] : [seen as Buffer, value as Buffer];
    }
    return headers;
  }
}
