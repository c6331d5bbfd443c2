// kafkajs turns every fetched record into a message object: two Buffer views, an offset and a
// timestamp computed with its Long type and printed as decimal strings, a headers object. On a
// 2M-record read that is most of the CPU a bare kafkajs consumer spends (bench/kafka, profiled),
// and our formats then read each of those objects again. For the stream's own consumers the
// fetch response's record batches (Kafka message format v2) are instead handed over whole: one
// stand-in message per record batch, which kafkajs's Batch filters (offset, control and aborted
// batches) and resolves (its last offset) like a message, and which RawRecordCursor reads in place.
//
// The switch sits in kafkajs's shared `fetch/v4/decodeMessages` module (fetch v4–v11 responses
// decode their records through it) and is taken only inside `withRawRecordBatches`: kafkajs decodes
// a response in the async context of the request's sender, so any other kafkajs consumer in the
// process still gets its usual messages. If kafkajs had fetched before this module loaded, its
// responses hold the original function: the stream then reads ordinary messages (MessageCursor).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { unzip } from 'node:zlib';
import { CorruptRecordBatchError, RawRecordCursor } from '../records/raw-record-cursor.js';

/** The stand-in message of one record batch carries this key. */
export const RAW_BATCH: unique symbol = Symbol.for('journal-lens.raw-record-batch');

/** One record batch of a fetch response: its records are `bytes[start, end)`. */
export interface RawRecordBatch {
  /** Records region (decompressed when the batch was compressed). */
  bytes: Buffer;
  start: number;
  end: number;
  /** Records announced by the batch header. */
  count: number;
  baseOffset: number;
  baseTimestamp: number;
  /** The topic uses LogAppendTime: every record's timestamp is `maxTimestamp`. */
  logAppendTime: boolean;
  maxTimestamp: number;
  /** Set when the batch cannot be read (why): RawRecordCursor skips and reports it. */
  corrupt?: string;
}

/** What kafkajs's Batch and runner read of a message, for one record batch. */
export interface RawBatchMessage {
  /** The batch's last offset: kafkajs filters and resolves on it. */
  offset: string;
  /** The control record's key for a control batch (kafkajs finds abort markers by it), else null. */
  key: Buffer | null;
  isControlRecord: boolean;
  magicByte: 2;
  batchContext: { producerId: string; inTransaction: boolean; isControlBatch: boolean };
  [RAW_BATCH]: RawRecordBatch;
}

interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
  readInt32(): number;
  readBytes(n: number): Buffer;
  canReadBytes(n: number): boolean;
}

type DecodeMessages = (decoder: KafkajsDecoder) => Promise<unknown[]>;
/** A kafkajs compression codec. */
export interface Codec { decompress(bytes: Buffer): Promise<Buffer> }

const scope = new AsyncLocalStorage<boolean>();

export const defaults = {
  /**
   * Largest size a gzip record batch may inflate to (128 MiB; a broker accepts batches of 1 MiB by
   * default, and JSON rarely compresses 10:1). A batch that would inflate further is skipped as
   * corrupt instead of allocating gigabytes: gzip can inflate 1 MiB to 1 GiB.
   */
  maxInflatedBatchBytes: 128 * 1024 * 1024,
};

const GZIP = 1;
const inflate = promisify(unzip) as (b: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

/** Partition record sets handed over raw so far in this process (read by tests and benchmarks). */
export const rawFetchStats = { recordSets: 0 };
const INSTALLED = Symbol.for('journal-lens.kafkajs-raw-fetch-installed');

// Record batch v2 header (KIP-98): offsets of its fields.
const HEADER_BYTES = 61;
const AT_LENGTH = 8;
const AT_MAGIC = 16;
const AT_ATTRIBUTES = 21;
const AT_LAST_OFFSET_DELTA = 23;
const AT_BASE_TIMESTAMP = 27;
const AT_MAX_TIMESTAMP = 35;
const AT_PRODUCER_ID = 43;
const AT_COUNT = 57;
const LENGTH_COVERS_FROM = 12;
const CODEC_MASK = 0x07;
const LOG_APPEND_TIME = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;

/**
 * Replaces kafkajs's record decoding for fetches made inside `withRawRecordBatches`; returns
 * false when kafkajs's internals are not the expected ones (another version), leaving it as is.
 *
 * @example
 * installRawFetchDecoding();
 */
export function installRawFetchDecoding(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js');
    const original = require(path) as DecodeMessages & { [INSTALLED]?: true };
    if (original[INSTALLED]) return true;
    const compression = require('kafkajs/src/protocol/message/compression/index.js') as {
      lookupCodecByAttributes(attributes: number): Codec | null;
    };
    const cached = require.cache[path];
    if (typeof original !== 'function' || cached === undefined || typeof compression.lookupCodecByAttributes !== 'function') return false;
    const replaced = Object.assign((decoder: KafkajsDecoder) => {
      if (scope.getStore() !== true || !isRecordBatchV2(decoder)) return original(decoder);
      const size = decoder.readInt32();
      if (size <= 0 || !decoder.canReadBytes(size)) return Promise.resolve([]);
      rawFetchStats.recordSets++;
      return recordBatchesOf(decoder.readBytes(size), compression.lookupCodecByAttributes);
    }, { [INSTALLED]: true as const });
    cached.exports = replaced;
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` (and everything it starts) with fetch responses decoded as raw record batches.
 *
 * @example
 * await withRawRecordBatches(() => consumer.run({ eachBatch }));
 */
export function withRawRecordBatches<T>(fn: () => T): T {
  return scope.run(true, fn);
}

/**
 * The raw batches of a kafkajs batch's messages, or null when they are ordinary messages.
 *
 * @example
 * const raw = rawBatchesOf(batch.messages);
 */
export function rawBatchesOf(messages: readonly unknown[]): RawRecordBatch[] | null {
  const first = messages[0] as Partial<RawBatchMessage> | undefined;
  if (first === undefined || first[RAW_BATCH] === undefined) return null;
  const out = new Array<RawRecordBatch>(messages.length);
  for (let i = 0; i < messages.length; i++) out[i] = (messages[i] as RawBatchMessage)[RAW_BATCH];
  return out;
}

// Peeks (without consuming) at the magic byte of the first batch, as kafkajs does.
function isRecordBatchV2(decoder: KafkajsDecoder): boolean {
  const at = decoder.offset + 4 + AT_MAGIC;
  return at < decoder.buffer.length && decoder.buffer[at] === 2;
}

function int64(b: Buffer, at: number): number {
  return b.readInt32BE(at) * 4294967296 + b.readUInt32BE(at + 4);
}

/**
 * The stand-in messages of the record batches in `b` (a partition's records in a fetch response).
 * Compressed batches are decompressed with kafkajs's codec table (`codecOf`).
 *
 * @example
 * const messages = await recordBatchesOf(bytes, compression.lookupCodecByAttributes);
 */
export async function recordBatchesOf(b: Buffer, codecOf: (attributes: number) => Codec | null): Promise<RawBatchMessage[]> {
  const out: RawBatchMessage[] = [];
  // A fetch may end inside a batch (maxBytes): that tail comes again in the next fetch.
  for (let at = 0; at + HEADER_BYTES <= b.length;) {
    const length = b.readInt32BE(at + AT_LENGTH);
    let end = at + LENGTH_COVERS_FROM + length;
    if (b[at + AT_MAGIC] !== 2) break;
    // A length that does not even cover the header: where the next batch starts is unknown, so the
    // rest of this record set is given up, but the batch is handed on (marked corrupt) so that
    // kafkajs resolves its offsets and the stream moves past it instead of fetching it forever.
    const tooShort = end < at + HEADER_BYTES;
    if (tooShort) end = at + HEADER_BYTES;
    else if (end > b.length) break;
    const attributes = b.readInt16BE(at + AT_ATTRIBUTES);
    const baseOffset = int64(b, at);
    const raw: RawRecordBatch = {
      bytes: b,
      start: at + HEADER_BYTES,
      end,
      count: b.readInt32BE(at + AT_COUNT),
      baseOffset,
      baseTimestamp: int64(b, at + AT_BASE_TIMESTAMP),
      logAppendTime: (attributes & LOG_APPEND_TIME) !== 0,
      maxTimestamp: int64(b, at + AT_MAX_TIMESTAMP),
    };
    if (tooShort) {
      raw.corrupt = `the batch length ${length} is shorter than a batch header; the rest of this fetch was given up`;
      raw.start = raw.end = end;
    } else if ((attributes & CODEC_MASK) !== 0) {
      // kafkajs's own codec table: gzip built in, others as registered by the user (or its error,
      // which is a setup problem and stays a failed fetch)
      const codec = codecOf(attributes);
      if (codec !== null) {
        try {
          // gzip (kafkajs's own codec) inflated here instead, with a ceiling
          raw.bytes = (attributes & CODEC_MASK) === GZIP
            ? await inflate(b.subarray(raw.start, end), { maxOutputLength: defaults.maxInflatedBatchBytes })
            : await codec.decompress(b.subarray(raw.start, end));
          raw.start = 0;
          raw.end = raw.bytes.length;
        } catch (error) {
          // Damaged compressed bytes: kafkajs would fail the fetch and fetch them again forever.
          raw.corrupt = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
            ? `its records inflate past ${defaults.maxInflatedBatchBytes / 1024 / 1024} MiB, the most one gzip batch may take`
            : `its records could not be decompressed (${error instanceof Error ? error.message : String(error)})`;
          raw.start = raw.end;
        }
      }
    }
    const isControl = (attributes & CONTROL) !== 0 && raw.corrupt === undefined;
    out.push({
      // The last offset kafkajs resolves, never below the batch's base (a header may lie).
      offset: String(baseOffset + Math.max(0, b.readInt32BE(at + AT_LAST_OFFSET_DELTA))),
      key: isControl ? firstRecordKey(raw) : null,
      isControlRecord: isControl,
      magicByte: 2,
      batchContext: {
        producerId: b.readBigInt64BE(at + AT_PRODUCER_ID).toString(),
        inTransaction: (attributes & TRANSACTIONAL) !== 0,
        isControlBatch: isControl,
      },
      [RAW_BATCH]: raw,
    });
    if (tooShort) break;
    at = end;
  }
  return out;
}

// The key of a control batch's (only) record: version int16 + type int16 (0 = abort, 1 = commit).
// A record that does not parse gives null: no abort marker.
function firstRecordKey(raw: RawRecordBatch): Buffer | null {
  const records = new RawRecordCursor([raw]);
  try {
    return records.next() ? records.key() : null;
  } catch (error) {
    if (error instanceof CorruptRecordBatchError) return null;
    throw error;
  }
}
