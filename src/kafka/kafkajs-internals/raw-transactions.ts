// Aborted transactions in the raw path, filtered exactly as kafkajs filters its messages.
//
// kafkajs drops aborted records in its Batch (consumer/filterAbortedMessages.js): walking the
// messages of a partition fetch in order (those at or after the fetched offset), a message whose
// offset reaches the first offset of the next listed aborted transaction marks that transaction's
// producer as aborted (one transaction per message), an abort marker (key 00 00 00 00) ends it,
// and a transactional message of a marked producer is dropped. With one stand-in per record batch
// (raw-fetch.ts) that walk sees one offset per batch instead of one per record, so it marks fewer
// transactions and whole batches of aborted records get through when two transactional producers
// interleave and a fetch starts inside their aborted transactions.
//
// So for partitions that list aborted transactions, the list is taken away from kafkajs (every
// stand-in passes) and kept beside the stand-ins; the stream's cursor then replays kafkajs's walk
// record by record (abortedOffsetsOf) and skips exactly the records kafkajs would have dropped.
import { createRequire } from 'node:module';
import { RAW_BATCH, type RawBatchMessage, type RawRecordBatch } from './raw-fetch.js';
import { RawRecordCursor } from '../records/raw-record-cursor.js';
import { FilteredCursor, type RecordCursor } from '../records/record-cursor.js';

/** One record batch of a partition fetch, with what kafkajs's walk reads of it. */
interface TxnBatch {
  raw: RawRecordBatch;
  producerId: string;
  inTransaction: boolean;
  isControl: boolean;
}

/** The aborted transactions of one partition fetch and all its record batches (control ones too). */
export interface PartitionTransactions {
  aborted: ReadonlyArray<{ producerId: string; firstOffset: string }>;
  batches: readonly TxnBatch[];
}

const contexts = new WeakMap<RawRecordBatch, PartitionTransactions>();
const PATCHED = Symbol.for('journal-lens.kafkajs-fetch-aborted-kept');
// Fetch versions whose responses list aborted transactions (v4 on); each module has its own `parse`.
const VERSIONS = [4, 5, 6, 7, 8, 9, 10, 11];

interface FetchPartition { abortedTransactions?: PartitionTransactions['aborted']; messages?: unknown[] }
interface FetchData { responses?: Array<{ partitions?: FetchPartition[] }> }
type Parse = ((data: FetchData) => Promise<unknown>) & { [PATCHED]?: true };

/**
 * Makes kafkajs hand partitions of stand-ins over unfiltered, keeping their aborted transactions
 * for `abortedOffsetsOf`. Returns false when kafkajs's internals are not the expected ones.
 *
 * @example
 * installExactAbortFiltering();
 */
export function installExactAbortFiltering(): boolean {
  try {
    const require = createRequire(import.meta.url);
    for (const v of VERSIONS) {
      const response = require(`kafkajs/src/protocol/requests/fetch/v${v}/response.js`) as { parse?: Parse };
      const original = response.parse;
      if (typeof original !== 'function') return false;
      if (original[PATCHED]) continue;
      response.parse = Object.assign(async (data: FetchData) => {
        keepAborted(data);
        return original(data);
      }, { [PATCHED]: true as const });
    }
    return true;
  } catch {
    return false;
  }
}

function keepAborted(data: FetchData): void {
  for (const topic of data.responses ?? []) {
    for (const partition of topic.partitions ?? []) {
      const messages = partition.messages;
      const aborted = partition.abortedTransactions;
      if (!messages || messages.length === 0 || !aborted || aborted.length === 0) continue;
      if ((messages[0] as Partial<RawBatchMessage>)[RAW_BATCH] === undefined) continue;
      const batches = (messages as RawBatchMessage[]).map((m) => ({
        raw: m[RAW_BATCH], producerId: m.batchContext.producerId, inTransaction: m.batchContext.inTransaction, isControl: m.isControlRecord,
      }));
      const context: PartitionTransactions = { aborted, batches };
      for (const b of batches) contexts.set(b.raw, context);
      partition.abortedTransactions = [];
    }
  }
}

const ABORT_MARKER = Buffer.from([0, 0, 0, 0]);

/**
 * The offsets kafkajs would drop as aborted in the partition fetch that `raw` came from, reading
 * from `fetchedOffset`; null when that fetch listed no aborted transaction.
 *
 * @example
 * const dropped = abortedOffsetsOf(raw[0], fetchedOffset);
 */
export function abortedOffsetsOf(raw: RawRecordBatch, fetchedOffset: number): Set<number> | null {
  const context = contexts.get(raw);
  if (context === undefined) return null;
  const remaining = context.aborted.map((t) => ({ producerId: t.producerId, firstOffset: Number(t.firstOffset) }));
  const current = new Set<string>();
  const dropped = new Set<number>();
  let next = 0;
  for (const batch of context.batches) {
    const records = new RawRecordCursor([batch.raw], fetchedOffset);
    while (records.next()) {
      const offset = records.offset;
      // written out as kafkajs does it: one transaction marked per message, the list's head only
      if (next < remaining.length && offset >= remaining[next]!.firstOffset) current.add(remaining[next++]!.producerId);
      const key = records.key();
      if (key !== null && key.equals(ABORT_MARKER)) current.delete(batch.producerId);
      else if (batch.inTransaction && current.has(batch.producerId) && !batch.isControl) dropped.add(offset);
    }
  }
  return dropped;
}

/** Passes on the records of `inner` whose offset is not in `dropped`. */
export class AbortFilteredCursor extends FilteredCursor {
  constructor(inner: RecordCursor, dropped: ReadonlySet<number>) {
    super(inner, (record) => !dropped.has(record.offset));
  }
}
