// Reads the records of Kafka record batches (message format v2) in place: the hot path of a
// stream, one next() per record, allocation-free. Record layout (KIP-98): length varint,
// attributes int8, timestampDelta varlong, offsetDelta varint, key and value as varint length
// (-1 = null) + bytes, headers; every varint zigzag-encoded. Headers are skipped via the length
// and read only when asked for.
import type { IHeaders } from 'kafkajs';
import { EMPTY, RecordFields, type RecordCursor } from './record-cursor.js';
import type { RawRecordBatch } from './raw-fetch.js';

/** A record batch that does not parse: kafkajs would fail the fetch on it too. */
export class CorruptRecordBatchError extends Error {
  constructor(detail: string) {
    super(`a Kafka record batch could not be read (${detail}); the broker sent bytes that are not Kafka message format v2`);
    this.name = 'CorruptRecordBatchError';
  }
}

// The position after the last varint read.
let pos = 0;

/** A zigzag varint/varlong at `p` (exact up to 2^53); sets `pos`. */
function zigzag(b: Buffer, p: number, end: number): number {
  let byte = p < end ? b[p++]! : 0x80;
  if ((byte & 0x80) === 0) {
    pos = p;
    return (byte >>> 1) ^ -(byte & 1);
  }
  let u = byte & 0x7f;
  let scale = 128;
  for (let k = 1; k < 10; k++) {
    if (p >= end) throw new CorruptRecordBatchError('a varint runs past the end of its batch');
    byte = b[p++]!;
    u += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      pos = p;
      return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    }
  }
  throw new CorruptRecordBatchError('a varint is longer than 10 bytes');
}

/** A cursor over the records of raw batches; records below `fromOffset` are skipped. */
export class RawRecordCursor extends RecordFields implements RecordCursor {
  readonly count: number;
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
    for (const raw of batches) count += raw.count;
    this.count = count;
  }

  next(): boolean {
    for (;;) {
      while (this.left === 0) {
        if (++this.batch >= this.batches.length) return false;
        const raw = this.batches[this.batch]!;
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
