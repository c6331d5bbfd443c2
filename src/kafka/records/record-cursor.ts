// The records of one fetch of one topic-partition, read one at a time through a cursor whose
// fields are overwritten by each next(): the formats' hot loops read positions into bytes they
// already hold, so no per-record Buffer or object is made unless a format asks for one.
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { numberFromDecimal } from './decimal.js';

/** A forward-only view of a fetch's records; `keyStart`/`valueStart` are -1 for a null key/value. */
export interface RecordCursor {
  /** Upper bound of the records next() will yield (exact unless records are skipped). */
  readonly count: number;
  /** Moves to the next record; false when there is none. */
  next(): boolean;
  keyBytes: Buffer;
  keyStart: number;
  keyEnd: number;
  valueBytes: Buffer;
  valueStart: number;
  valueEnd: number;
  offset: number;
  /** The record timestamp, epoch ms. */
  timestampMs: number;
  /** The key as a Buffer (a view), or null. */
  key(): Buffer | null;
  /** The value as a Buffer (a view), or null. */
  value(): Buffer | null;
  headers(): IHeaders;
}

export const EMPTY = Buffer.alloc(0);

/** The current record's fields, which every cursor overwrites on next(). */
export abstract class RecordFields {
  keyBytes = EMPTY;
  keyStart = -1;
  keyEnd = -1;
  valueBytes = EMPTY;
  valueStart = -1;
  valueEnd = -1;
  offset = 0;
  timestampMs = 0;
}

/** A cursor over records kafkajs has already turned into message objects. */
export class MessageCursor extends RecordFields implements RecordCursor {
  readonly count: number;
  private at = -1;

  constructor(private readonly messages: readonly KafkaMessage[]) {
    super();
    this.count = messages.length;
  }

  next(): boolean {
    if (++this.at >= this.messages.length) return false;
    const message = this.messages[this.at]!;
    const key = message.key;
    const value = message.value;
    this.keyBytes = key ?? EMPTY;
    this.keyStart = key === null ? -1 : 0;
    this.keyEnd = key === null ? -1 : key.length;
    this.valueBytes = value ?? EMPTY;
    this.valueStart = value === null ? -1 : 0;
    this.valueEnd = value === null ? -1 : value.length;
    this.offset = numberFromDecimal(message.offset);
    this.timestampMs = numberFromDecimal(message.timestamp);
    return true;
  }

  key(): Buffer | null {
    return this.messages[this.at]?.key ?? null;
  }

  value(): Buffer | null {
    return this.messages[this.at]?.value ?? null;
  }

  headers(): IHeaders {
    return this.messages[this.at]?.headers ?? {};
  }
}

/** Passes on the records of `inner` that `accepts` (called with `inner` on its current record). */
export class FilteredCursor extends RecordFields implements RecordCursor {
  constructor(private readonly inner: RecordCursor, private readonly accepts: (record: RecordCursor) => boolean) {
    super();
  }

  get count(): number {
    return this.inner.count;
  }

  next(): boolean {
    const inner = this.inner;
    while (inner.next()) {
      if (!this.accepts(inner)) continue;
      this.keyBytes = inner.keyBytes;
      this.keyStart = inner.keyStart;
      this.keyEnd = inner.keyEnd;
      this.valueBytes = inner.valueBytes;
      this.valueStart = inner.valueStart;
      this.valueEnd = inner.valueEnd;
      this.offset = inner.offset;
      this.timestampMs = inner.timestampMs;
      return true;
    }
    return false;
  }

  key(): Buffer | null {
    return this.inner.key();
  }

  value(): Buffer | null {
    return this.inner.value();
  }

  headers(): IHeaders {
    return this.inner.headers();
  }
}

/**
 * The current record's key as a string ('' when null).
 *
 * @example
 * persistenceId[i] = keyString(records);
 */
export function keyString(records: RecordCursor): string {
  return records.keyStart < 0 ? '' : records.keyBytes.toString('utf8', records.keyStart, records.keyEnd);
}

/**
 * Wraps kafkajs messages (tests, and kafkajs copies whose fetch decoding could not be replaced).
 *
 * @example
 * const chunk = toChunk('events', 0, recordsOf(batch.messages));
 */
export function recordsOf(messages: readonly KafkaMessage[]): RecordCursor {
  return new MessageCursor(messages);
}

/** Passes on the records of `inner` whose key `keep` accepts. */
export class KeyFilteredCursor extends FilteredCursor {
  constructor(inner: RecordCursor, keep: (key: Buffer | null) => boolean) {
    super(inner, (record) => keep(record.key()));
  }
}
