// Dev tool: writes genuine akka-persistence-cassandra journal rows (fixtures, tests, demo,
// benchmarks). The library is read-only; this is the only code that writes journals.
// Module: createJournalWriter(options) → { write, deleteTo, writeFilteredPlaceholder, close }.
// CLI:    npx tsx scripts/journal/writer.ts --help
//
// Plugin behaviour mirrored here (docs/journal-formats.md §1.6, APC@HEAD journal/CassandraJournal.scala):
// a write batch is up to 100 consecutive events of one persistence id (max-message-batch-size),
// and all its rows get the partition_nr of the batch's LAST sequence number; a batch may not
// span three partitions. L0 (legacy-processor) used the plain formula per row.
// Speed: unlogged single-partition batches, 32 requests in flight; 1M JSON events of ~170 B load
// in about 80 s (12 500 rows/s) on the 2-core dev machine with Cassandra on the same host.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import cassandra from 'cassandra-driver';
import { ConnectionError, OptionError, QueryError } from '../../src/errors.js';
import { redact, rememberSecret } from '../../src/util/redact.js';
import type { SerializedPayload } from '../../src/types.js';
import { createKeyspaceCql, ddlForLayout, statementsForLayout, WRITER_LAYOUTS, type WriterLayout } from './layouts.js';
import { payloadFromEvent, SERIALIZER_NAMES, type PayloadInput } from './encode/payload.js';
import { persistentMessageFromFields } from './encode/persistent-message.js';
import { createTimeUuidSource } from './encode/timeuuid.js';

const { TimeUuid } = cassandra.types;

export const writerDefaults = {
  contactPoints: ['127.0.0.1'],
  localDataCenter: 'datacenter1',
  keyspace: 'akka',
  table: 'messages',
  layout: 'current' as WriterLayout,
  /** target-partition-size of APC v-0.4+ (and 1.x, PPC). */
  targetPartitionSize: 500_000,
  /** max-partition-size of L0 (APC v-0.1 … v-0.3.9). */
  legacyPartitionSize: 5_000_000,
  createSchema: true,
  /** CQL requests in flight at once. */
  concurrency: 32,
  /** max-message-batch-size of APC 1.x: events per plugin write batch. */
  maxBatchSize: 100,
  /** Split one CQL batch above this many payload bytes (Cassandra caps a mutation at half a commitlog segment). */
  maxBatchBytes: 512 * 1024,
  /** Attempts per CQL request when the server times out or is overloaded. */
  attempts: 5,
};

export interface JournalWriterOptions {
  /** Default ['127.0.0.1']. */
  contactPoints?: string[];
  /** Default 'datacenter1'. */
  localDataCenter?: string;
  credentials?: { username: string; password: string };
  /** Default 'akka'. */
  keyspace?: string;
  /** Default 'messages'. */
  table?: string;
  /** Default 'current' (L5). */
  layout?: WriterLayout;
  /** Default 500 000 (legacy-processor: 5 000 000). */
  targetPartitionSize?: number;
  /** Create keyspace (SimpleStrategy, RF 1) and tables when missing. Default true. */
  createSchema?: boolean;
  /** Default 32. */
  concurrency?: number;
  /** Default 100. */
  maxBatchSize?: number;
  /** 6-byte node id of the generated time UUIDs (fixed → reproducible UUIDs). Default random. */
  timeUuidNodeId?: Uint8Array;
  /** Initial clock sequence of the generated time UUIDs. Default random. */
  timeUuidClockSeq?: number;
}

/** One event to write. Serialization fields as in `payloadFromEvent`. */
export interface JournalEvent extends PayloadInput {
  persistenceId: string;
  sequenceNr: number;
  tags?: string[];
  /** Write time, default now: the time of the row's timeuuid and its timebucket (L0 rows have neither). */
  timestamp?: Date;
  /** Default: one random UUID per writer (one "incarnation"). */
  writerUuid?: string;
  /** PersistentRepr.manifest (event adapter), default ''. */
  eventManifest?: string;
  /** mixed layout: write this row the old way (`message` blob set, event columns null). */
  legacyMessage?: boolean;
  /** Explicit timeuuid (string form) instead of one generated from `timestamp`. */
  timeUuid?: string;
  /** Optional metadata payload (meta_ser_id, meta_ser_manifest, meta) for current / mixed rows. */
  meta?: SerializedPayload;
}

export interface WriteResult {
  rows: number;
  /** CQL requests (batches and single inserts). */
  requests: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

export interface DeleteOptions {
  /** Also delete the rows (range delete per partition; L0: per row). Default false = logical only. */
  physical?: boolean;
  /** L0 only: first sequence number to mark deleted. Default 1. */
  fromSequenceNr?: number;
}

export interface JournalWriter {
  readonly keyspace: string;
  readonly table: string;
  readonly layout: WriterLayout;
  readonly targetPartitionSize: number;
  readonly client: cassandra.Client;
  /** Writes events; consecutive events of one id (≤ maxBatchSize) form one plugin batch. */
  write(events: readonly JournalEvent[]): Promise<WriteResult>;
  /**
   * As the plugin's deleteMessagesTo: upsert metadata.deleted_to, then (physical) range-delete per
   * partition. L0: `B` marker rows (or, physical, row deletes) from `fromSequenceNr` to `toSequenceNr`.
   */
  deleteTo(persistenceId: string, toSequenceNr: number, options?: DeleteOptions): Promise<void>;
  /** Akka 2.8+ FilteredPayload placeholder: serializer 34, manifest 'F', empty event. */
  writeFilteredPlaceholder(persistenceId: string, sequenceNr: number, extra?: Partial<JournalEvent>): Promise<WriteResult>;
  close(): Promise<void>;
}

interface Query {
  query: string;
  params: unknown[];
}

interface Group {
  queries: Query[];
  /** For error messages: persistence id and sequence range. */
  what: string;
}

const KEYSPACE_RE = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
const HOUR_MS = 3_600_000;

/** APC 1.x / v0.80+ time bucket (bucket-size Hour): epoch ms of the hour start, as text. */
export function hourBucket(ms: number): string {
  return String(Math.floor(ms / HOUR_MS) * HOUR_MS);
}

/** APC v0.7 … v0.63 time bucket: the UTC day as yyyyMMdd. */
export function dayBucket(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isRetriable(err: unknown): boolean {
  const e = cassandra.errors;
  if (err instanceof e.OperationTimedOutError || err instanceof e.NoHostAvailableError) return true;
  if (err instanceof e.ResponseError) {
    const c = cassandra.types.responseErrorCodes;
    return [c.writeTimeout, c.unavailableException, c.overloaded, c.isBootstrapping, c.readTimeout].includes(err.code);
  }
  return false;
}

function maybePositiveInt(option: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new OptionError(option, `Option '${option}' must be a positive integer, got ${String(value)}.`);
  }
  return value;
}

/**
 * Connects, creates the schema of the chosen layout if asked, and returns a writer.
 *
 * @example
 * const w = await createJournalWriter({ keyspace: 'writer_it_demo', layout: 'current' });
 * await w.write([{ persistenceId: 'ShoppingCart|cart-1', sequenceNr: 1, serializer: 'jackson-json',
 *   manifest: 'com.example.cart.ShoppingCart$ItemAdded', event: { cartId: 'cart-1', itemId: 'socks', quantity: 2 },
 *   tags: ['carts-1'], timestamp: new Date('2024-05-01T10:00:00Z') }]);
 * await w.deleteTo('ShoppingCart|cart-1', 1);
 * await w.close();
 */
export async function createJournalWriter(options: JournalWriterOptions = {}): Promise<JournalWriter> {
  const layout = options.layout ?? writerDefaults.layout;
  if (!WRITER_LAYOUTS.includes(layout)) {
    throw new OptionError('layout', `Unknown layout '${String(layout)}'; use one of ${WRITER_LAYOUTS.join(', ')}.`);
  }
  const keyspace = options.keyspace ?? writerDefaults.keyspace;
  const table = options.table ?? writerDefaults.table;
  for (const [name, value] of [['keyspace', keyspace], ['table', table]] as const) {
    if (!KEYSPACE_RE.test(value)) {
      throw new OptionError(name, `Invalid ${name} name '${value}': use letters, digits and _ (max 48), starting with a letter.`);
    }
  }
  const partitionSize = maybePositiveInt('targetPartitionSize', options.targetPartitionSize ??
    (layout === 'legacy-processor' ? writerDefaults.legacyPartitionSize : writerDefaults.targetPartitionSize));
  const concurrency = maybePositiveInt('concurrency', options.concurrency ?? writerDefaults.concurrency);
  const maxBatchSize = maybePositiveInt('maxBatchSize', options.maxBatchSize ?? writerDefaults.maxBatchSize);
  const contactPoints = options.contactPoints ?? writerDefaults.contactPoints;
  const localDataCenter = options.localDataCenter ?? writerDefaults.localDataCenter;
  if (options.credentials) rememberSecret(options.credentials.password);

  const client = new cassandra.Client({
    contactPoints,
    localDataCenter,
    ...(options.credentials
      ? { authProvider: new cassandra.auth.PlainTextAuthProvider(options.credentials.username, options.credentials.password) }
      : {}),
    socketOptions: { readTimeout: 60_000, connectTimeout: 10_000 },
    queryOptions: { prepare: true, consistency: cassandra.types.consistencies.localOne },
  });
  try {
    await client.connect();
  } catch (err) {
    await client.shutdown().catch(() => undefined);
    throw new ConnectionError(contactPoints,
      `Could not connect to Cassandra at ${contactPoints.join(', ')} (data center '${localDataCenter}'): ${redact(String((err as Error).message))}.`,
      { cause: err, hint: 'Start the services with `scripts/services start`, or pass contactPoints / localDataCenter.' });
  }

  const st = statementsForLayout(keyspace, table);
  if (options.createSchema ?? writerDefaults.createSchema) {
    await client.execute(createKeyspaceCql(keyspace));
    for (const cql of ddlForLayout(layout, keyspace, table)) await client.execute(cql);
    if (layout === 'message' || layout === 'mixed') {
      await client.execute(st.writeConfig, ['target-partition-size', String(partitionSize)]);
    }
  }

  const uuids = createTimeUuidSource({ nodeId: options.timeUuidNodeId, clockSeq: options.timeUuidClockSeq });
  const defaultWriterUuid = randomUUID();
  const partitionOf = (seq: number) => Math.floor((seq - 1) / partitionSize);

  async function execute(group: Group): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (group.queries.length === 1) await client.execute(group.queries[0]!.query, group.queries[0]!.params, { prepare: true });
        else await client.batch(group.queries, { prepare: true, logged: false });
        return;
      } catch (err) {
        if (attempt >= writerDefaults.attempts || !isRetriable(err)) {
          throw new QueryError(attempt,
            `Writing ${group.what} to ${keyspace}.${table} failed after ${attempt} attempt(s): ${redact(String((err as Error).message))}.`,
            { cause: err, retriable: isRetriable(err), hint: 'Check `scripts/services status`; lower `concurrency` if the node is overloaded.' });
        }
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  function checkEvent(ev: JournalEvent, index: number): void {
    if (typeof ev.persistenceId !== 'string' || ev.persistenceId === '') {
      throw new OptionError('events', `Event #${index} has no persistenceId.`);
    }
    if (!Number.isSafeInteger(ev.sequenceNr) || ev.sequenceNr < 1) {
      throw new OptionError('events', `Event #${index} of '${ev.persistenceId}' has sequenceNr ${String(ev.sequenceNr)}; sequence numbers start at 1.`);
    }
  }

  /** The row's columns as bind values, for one event in partition `pnr`. */
  function rowQuery(ev: JournalEvent, pnr: number): { q: Query; bytes: number } {
    const payload = payloadFromEvent(ev);
    const date = ev.timestamp ?? new Date();
    const ms = date.getTime();
    const uuid = ev.timeUuid ? TimeUuid.fromString(ev.timeUuid) : uuids.next(date);
    const writerUuid = ev.writerUuid ?? defaultWriterUuid;
    const eventManifest = ev.eventManifest ?? '';
    const tags = ev.tags && ev.tags.length > 0 ? ev.tags : undefined;
    const legacyRow = layout === 'message' || (layout === 'mixed' && ev.legacyMessage === true);
    if (legacyRow) {
      // APC v0.7 … v0.9 on Akka 2.4: PersistentRepr bytes, tags in slots, day buckets
      const message = persistentMessageFromFields({ payload, sequenceNr: ev.sequenceNr, persistenceId: ev.persistenceId, eventManifest, writerUuid });
      const t = tags ?? [];
      return {
        q: { query: st.message, params: [ev.persistenceId, pnr, ev.sequenceNr, uuid, dayBucket(ms), asBuffer(message), t[0], t[1], t[2]] },
        bytes: message.length,
      };
    }
    const base: unknown[] = [ev.persistenceId, pnr, ev.sequenceNr, uuid, hourBucket(ms), writerUuid, payload.serializerId, payload.manifest, eventManifest, asBuffer(payload.bytes)];
    const mixed = layout === 'mixed';
    if (ev.meta) {
      return {
        q: { query: mixed ? st.mixedEventWithMeta : st.eventWithMeta,
          params: [...base, ev.meta.serializerId, ev.meta.manifest, asBuffer(ev.meta.bytes), tags] },
        bytes: payload.bytes.length + ev.meta.bytes.length,
      };
    }
    base.push(tags);
    return { q: { query: mixed ? st.mixedEvent : st.event, params: base }, bytes: payload.bytes.length };
  }

  /** CQL groups of one plugin batch (events[from..to), one persistence id). */
  function groupsOfBatch(events: readonly JournalEvent[], from: number, to: number, out: Group[]): number {
    const pid = events[from]!.persistenceId;
    let rows = 0;
    if (layout === 'legacy-processor') {
      // L0: partition per row, a header row per partition touched (idempotent upsert)
      let k = from;
      while (k < to) {
        const pnr = partitionOf(events[k]!.sequenceNr);
        const queries: Query[] = [{ query: st.legacyHeader, params: [pid, pnr] }];
        let bytes = 0;
        const first = events[k]!.sequenceNr;
        while (k < to && partitionOf(events[k]!.sequenceNr) === pnr && bytes < writerDefaults.maxBatchBytes) {
          const ev = events[k]!;
          const payload = payloadFromEvent(ev);
          // Akka 2.3 MessageSerializer always set deleted, redeliveries and confirmable
          const message = persistentMessageFromFields({ payload, sequenceNr: ev.sequenceNr, persistenceId: pid,
            deleted: false, redeliveries: 0, confirmable: false });
          queries.push({ query: st.legacyMessage, params: [pid, pnr, ev.sequenceNr, asBuffer(message)] });
          bytes += message.length;
          k++;
          rows++;
        }
        out.push({ queries, what: `'${pid}' ${first}..${events[k - 1]!.sequenceNr}` });
      }
      return rows;
    }
    const pnr = partitionOf(events[to - 1]!.sequenceNr);
    if (pnr - partitionOf(events[from]!.sequenceNr) > 1) {
      throw new OptionError('events', `The batch of '${pid}' from ${events[from]!.sequenceNr} to ${events[to - 1]!.sequenceNr} spans more than two partitions (size ${partitionSize}); the plugin refuses that.`);
    }
    let queries: Query[] = [];
    let bytes = 0;
    let first = events[from]!.sequenceNr;
    for (let k = from; k < to; k++) {
      const ev = events[k]!;
      const row = rowQuery(ev, pnr);
      if (queries.length > 0 && bytes + row.bytes > writerDefaults.maxBatchBytes) {
        out.push({ queries, what: `'${pid}' ${first}..${events[k - 1]!.sequenceNr}` });
        queries = [];
        bytes = 0;
        first = ev.sequenceNr;
      }
      queries.push(row.q);
      bytes += row.bytes;
      rows++;
      if (ev.sequenceNr === 1 && layout === 'current') {
        out.push({ queries: [{ query: st.insertPersistenceId, params: [pid] }], what: `all_persistence_ids '${pid}'` });
      }
    }
    out.push({ queries, what: `'${pid}' ${first}..${events[to - 1]!.sequenceNr}` });
    return rows;
  }

  /** Runs groups with at most `concurrency` requests in flight; the first failure wins. */
  async function runGroups(source: Iterable<Group[]>): Promise<number> {
    const pending = new Set<Promise<void>>();
    let failure: unknown;
    let requests = 0;
    try {
      for (const groups of source) {
        for (const g of groups) {
          while (pending.size >= concurrency) await Promise.race(pending);
          if (failure) break;
          const p: Promise<void> = execute(g)
            .catch((err) => { failure ??= err; })
            .finally(() => pending.delete(p));
          pending.add(p);
          requests++;
        }
        if (failure) break;
      }
    } finally {
      // also when building the groups threw: never leave requests running behind the caller's back
      await Promise.all(pending);
    }
    if (failure) throw failure;
    return requests;
  }

  async function write(events: readonly JournalEvent[]): Promise<WriteResult> {
    const started = performance.now();
    let rows = 0;
    // Built lazily, batch by batch, so a million events never become a million queued statements.
    function* batches(): Generator<Group[]> {
      let i = 0;
      while (i < events.length) {
        checkEvent(events[i]!, i);
        const pid = events[i]!.persistenceId;
        let j = i + 1;
        while (j < events.length && j - i < maxBatchSize && events[j]!.persistenceId === pid) {
          checkEvent(events[j]!, j);
          j++;
        }
        const groups: Group[] = [];
        rows += groupsOfBatch(events, i, j, groups);
        yield groups;
        i = j;
      }
    }
    const requests = await runGroups(batches());
    const elapsedMs = performance.now() - started;
    return { rows, requests, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (rows * 1000) / elapsedMs : rows };
  }

  async function deleteTo(persistenceId: string, toSequenceNr: number, opts: DeleteOptions = {}): Promise<void> {
    maybePositiveInt('toSequenceNr', toSequenceNr);
    if (layout === 'legacy-processor') {
      const from = maybePositiveInt('fromSequenceNr', opts.fromSequenceNr ?? 1);
      function* groups(): Generator<Group[]> {
        let seq = from;
        while (seq <= toSequenceNr) {
          const pnr = partitionOf(seq);
          const queries: Query[] = [];
          const first = seq;
          while (seq <= toSequenceNr && partitionOf(seq) === pnr && queries.length < writerDefaults.maxBatchSize) {
            queries.push({ query: opts.physical ? st.legacyDeletePermanent : st.legacyDeleted, params: [persistenceId, pnr, seq] });
            seq++;
          }
          yield [{ queries, what: `deletion of '${persistenceId}' ${first}..${seq - 1}` }];
        }
      }
      await runGroups(groups());
      return;
    }
    await execute({ queries: [{ query: st.insertDeletedTo, params: [persistenceId, toSequenceNr] }], what: `metadata.deleted_to of '${persistenceId}'` });
    if (opts.physical) {
      // +1: a batch crossing a boundary put lower sequence numbers into the next partition
      const last = partitionOf(toSequenceNr) + 1;
      const groups: Group[] = [];
      for (let pnr = 0; pnr <= last; pnr++) {
        groups.push({ queries: [{ query: st.deleteMessagesTo, params: [persistenceId, pnr, toSequenceNr] }], what: `deletion of '${persistenceId}' partition ${pnr}` });
      }
      await runGroups([groups]);
    }
  }

  return {
    keyspace,
    table,
    layout,
    targetPartitionSize: partitionSize,
    client,
    write,
    deleteTo,
    writeFilteredPlaceholder: (persistenceId, sequenceNr, extra = {}) =>
      write([{ ...extra, persistenceId, sequenceNr, serializer: 'raw', serializerId: 34, manifest: 'F', event: new Uint8Array(0) }]),
    close: () => client.shutdown(),
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

const HELP = `Writes akka-persistence-cassandra journal rows (a dev tool; the library itself only reads).

Usage: npx tsx scripts/journal/writer.ts [options] [--input FILE.jsonl | -]

Connection and schema:
  --contact-points LIST   comma-separated hosts (default 127.0.0.1)
  --dc NAME               local data center (default datacenter1)
  --username NAME         with the password in env JOURNAL_WRITER_PASSWORD
  --keyspace NAME         default akka
  --table NAME            default messages
  --layout NAME           ${WRITER_LAYOUTS.join(' | ')} (default current)
  --partition-size N      target-partition-size (default 500000; legacy-processor 5000000)
  --no-create-schema      do not create keyspace / tables
  --concurrency N         CQL requests in flight (default 32)

Actions (in this order):
  --input FILE            JSON lines, one event each: {"persistenceId", "sequenceNr", "serializer",
                          "event" | "eventBase64", "manifest", "serializerId", "tags", "timestamp" (ISO),
                          "writerUuid", "eventManifest", "legacyMessage"}; '-' reads stdin.
                          serializer: ${SERIALIZER_NAMES.join(', ')}
  --placeholder PID:SEQ   write a FilteredPayload placeholder (serializer 34, manifest F)
  --delete-to PID:SEQ     logical delete (metadata.deleted_to; legacy-processor: B rows)
  --physical              with --delete-to: also delete the rows

Example:
  echo '{"persistenceId":"p-1","sequenceNr":1,"serializer":"jackson-json","event":{"a":1}}' |
    npx tsx scripts/journal/writer.ts --keyspace writer_demo --input -`;

/** The part after the last ':' is the sequence number (persistence ids may contain ':'). */
function pidAndSeq(option: string, value: string): [string, number] {
  const at = value.lastIndexOf(':');
  const seq = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(seq) || seq < 1) {
    throw new OptionError(option, `--${option} expects PERSISTENCE_ID:SEQUENCE_NR, got '${value}'.`);
  }
  return [value.slice(0, at), seq];
}

function eventFromJsonLine(line: string, lineNr: number): JournalEvent {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch (err) {
    throw new OptionError('input', `Line ${lineNr} of the input is not JSON: ${(err as Error).message}.`);
  }
  const ev = { serializer: 'jackson-json', ...raw } as unknown as JournalEvent & { eventBase64?: string; timestamp?: unknown };
  if (typeof ev.eventBase64 === 'string') ev.event = new Uint8Array(Buffer.from(ev.eventBase64, 'base64'));
  delete ev.eventBase64;
  if (typeof ev.timestamp === 'string' || typeof ev.timestamp === 'number') ev.timestamp = new Date(ev.timestamp);
  return ev;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      'contact-points': { type: 'string' },
      dc: { type: 'string' },
      username: { type: 'string' },
      keyspace: { type: 'string' },
      table: { type: 'string' },
      layout: { type: 'string' },
      'partition-size': { type: 'string' },
      'no-create-schema': { type: 'boolean' },
      concurrency: { type: 'string' },
      input: { type: 'string' },
      placeholder: { type: 'string', multiple: true },
      'delete-to': { type: 'string', multiple: true },
      physical: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const password = process.env.JOURNAL_WRITER_PASSWORD;
  const writer = await createJournalWriter({
    contactPoints: values['contact-points']?.split(','),
    localDataCenter: values.dc,
    credentials: values.username ? { username: values.username, password: password ?? '' } : undefined,
    keyspace: values.keyspace,
    table: values.table,
    layout: values.layout as WriterLayout | undefined,
    targetPartitionSize: values['partition-size'] ? Number(values['partition-size']) : undefined,
    createSchema: !values['no-create-schema'],
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  });
  try {
    if (values.input) {
      const rl = createInterface({ input: values.input === '-' ? process.stdin : createReadStream(values.input), crlfDelay: Infinity });
      let chunk: JournalEvent[] = [];
      let lineNr = 0;
      let rows = 0;
      const started = performance.now();
      for await (const line of rl) {
        lineNr++;
        if (line.trim() === '') continue;
        chunk.push(eventFromJsonLine(line, lineNr));
        if (chunk.length >= 10_000) {
          rows += (await writer.write(chunk)).rows;
          chunk = [];
        }
      }
      rows += (await writer.write(chunk)).rows;
      const s = (performance.now() - started) / 1000;
      console.log(`wrote ${rows} rows to ${writer.keyspace}.${writer.table} (${writer.layout}) in ${s.toFixed(1)} s, ${Math.round(rows / Math.max(s, 1e-3))} rows/s`);
    }
    for (const p of values.placeholder ?? []) {
      const [pid, seq] = pidAndSeq('placeholder', p);
      await writer.writeFilteredPlaceholder(pid, seq);
      console.log(`wrote FilteredPayload placeholder ${pid} #${seq}`);
    }
    for (const d of values['delete-to'] ?? []) {
      const [pid, seq] = pidAndSeq('delete-to', d);
      await writer.deleteTo(pid, seq, { physical: values.physical });
      console.log(`deleted ${pid} up to ${seq}${values.physical ? ' (physically)' : ' (logically)'}`);
    }
  } finally {
    await writer.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(redact(err instanceof Error ? err.message : String(err)));
    process.exit(1);
  });
}
