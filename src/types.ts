// Shapes that the folders of src/ meet through. A folder imports only util/, errors.ts,
// types.ts and the library it wraps; these types are the contract between them.

/** Turns the bytes of one serialized payload into a JavaScript value; throws when it cannot. */
export type DecodeFn = (bytes: Uint8Array, manifest: string, serializerId: number) => unknown;

/**
 * Serializer-id (and optionally manifest) keyed decoders: the counterpart of Akka's
 * `serialization-bindings`. Lookup order: exact (id, manifest), then (id, any manifest).
 */
export interface DecoderRegistry {
  /** Registers a decoder for every manifest of `serializerId`. */
  register(serializerId: number, decode: DecodeFn): DecoderRegistry;
  /** Registers a decoder for one (serializerId, manifest) pair; wins over the id-wide one. */
  register(serializerId: number, manifest: string, decode: DecodeFn): DecoderRegistry;
  /** The decoder that would be used, or undefined when none is registered. */
  lookup(serializerId: number, manifest: string): DecodeFn | undefined;
  /** Decodes, or throws a DecodeError naming the serializer id and manifest. */
  decode(serializerId: number, manifest: string, bytes: Uint8Array): unknown;
  /** Serializer ids that have at least one decoder, ascending. */
  serializerIds(): number[];
}

/** What a user may pass as `decoders`: a ready registry, or extra decoders by id or `id:manifest`. */
export type DecodersOption = DecoderRegistry | Record<string, DecodeFn>;

/**
 * Budgets of the built-in decoders, per event (option `limits` of `cassandraJournal` and
 * `kafkaJournal`; every field optional there). An event over one becomes an undecodable row whose
 * `decodeError` names the limit; the load or stream goes on.
 */
export interface DecodeLimits {
  /** Largest decompressed (gzip, LZ4) payload, in bytes. Default 16 MiB (16777216). */
  maxEventBytes: number;
  /** Deepest nesting of maps, arrays and objects, Java superclass chains and nested payloads. Default 256. */
  maxDepth: number;
  /** Most maps, arrays and Java objects/handles in one event. Default 100000. */
  maxObjects: number;
  /** Most decimal digits of one big integer (CBOR tags 2/3/4, Java BigInteger/BigDecimal). Default 4096. */
  maxBignumDigits: number;
}

/** Akka's serialized payload triple (PersistentPayload in MessageFormats.proto). */
export interface SerializedPayload {
  serializerId: number;
  manifest: string;
  bytes: Uint8Array;
}

/** The fields of a PersistentRepr (legacy `message` column, Kafka journal topics). */
export interface PersistentReprFields {
  payload: SerializedPayload;
  sequenceNr: number;
  persistenceId: string;
  /** Event-adapter manifest (field 12), '' when absent. */
  eventManifest: string;
  writerUuid: string;
  /** Epoch ms (field 14), 0 when absent. */
  timestamp: number;
  deleted: boolean;
}

/** Journal layout eras of akka-persistence-cassandra (see docs/journal-formats.md §1.1). */
export type JournalLayoutName = 'legacy-processor' | 'message' | 'event' | 'event-with-message';

/** Progress of a long load, reported to a sink that draws it. */
export interface LoadProgress {
  rows: number;
  rangesDone: number;
  rangesTotal: number;
  elapsedMs: number;
  /** Rows per second over the whole load so far. */
  rate: number;
  /** Estimated ms to completion, undefined until it can be estimated. */
  etaMs: number | undefined;
  done: boolean;
  undecodable: number;
  /** Set (with `done`) when the load failed: why, in one line. */
  failed?: string;
}

export type ProgressSink = (progress: LoadProgress) => void;

/** A MIME bundle as Jupyter's display_data carries it. */
export type MimeBundle = Record<string, unknown>;

/**
 * One page of journal rows in columnar form, as a source hands them on: nothing decoded yet.
 * Deleted rows, filtered placeholders and replaced duplicates are already left out.
 */
export interface RawEventBatch {
  length: number;
  persistenceId: string[];
  partition: Float64Array;
  sequenceNr: Float64Array;
  /** Epoch ms; NaN when the row carries no time. */
  timestampMs: Float64Array;
  /** Serializer id of `payload`; PERSISTENT_REPR_PAYLOAD when the payload is a whole PersistentRepr. */
  serializerId: Int32Array;
  manifest: string[];
  payload: (Uint8Array | null)[];
  writerUuid: string[];
  tags: (readonly string[] | null)[];
}

/** `serializerId` value of a RawEventBatch row whose payload is a whole serialized PersistentRepr (legacy `message` column). */
export const PERSISTENT_REPR_PAYLOAD = -7;

/** What a load left out or could not decode, reported at its end. */
export interface LoadStats {
  rows: number;
  undecodable: number;
  /** Undecodable rows per `serializerId:manifest`. */
  undecodableBy: Record<string, number>;
  deletedSkipped: number;
  filteredSkipped: number;
  duplicatesDropped: number;
  rangesTotal: number;
  elapsedMs: number;
  layout: JournalLayoutName | undefined;
  /** Set when the rows came from a snapshot file (see `saveTable`, `eventTable({ snapshot })`). */
  snapshot?: SnapshotUse;
}

/** How a load used its snapshot file. */
export interface SnapshotUse {
  path: string;
  /** ISO time the journal was last read into the file. */
  takenAt: string;
  /** 'written': loaded from the journal, file written; 'refreshed': file merged with what changed; 'loaded': file only, journal not read. */
  mode: 'written' | 'refreshed' | 'loaded';
  /** Why the journal was not read ('refresh: false', or the connection error), when mode is 'loaded'. */
  reason?: string;
  /** Refresh only: rows re-read from the journal, and snapshot rows dropped (deleted, replaced). */
  rowsRead?: number;
  rowsDropped?: number;
}

/** One notebook output that can be replaced in place (see `createDisplayHandle`). */
export interface DisplayHandle {
  /** The Jupyter display_id of the output ('' outside a notebook). */
  readonly id: string;
  /** Replaces the output's content with `bundle` (update_display_data). */
  update(bundle: MimeBundle): void;
}

/** Something that keeps one output up to date (e.g. a live chart of a stream): `show` gives it a handle. */
export interface LiveView {
  /** Called once by `show`, while the cell runs, with a handle to a fresh output of that cell. */
  attachDisplay(handle: DisplayHandle): void;
}

/**
 * Decoded stream records of ONE topic-partition in columnar form: what kafka/ formats produce
 * and window/ keeps. Rows are in offset order. `decodeError` and `raw` are null when every row
 * decoded (the common case costs no per-row slot); otherwise they hold null for decoded rows.
 */
export interface StreamChunk {
  length: number;
  topic: string;
  partition: number;
  /** '' when the record carried none (undecodable rows). */
  persistenceId: string[];
  /** NaN when the record carried none. */
  sequenceNr: Float64Array;
  event: unknown[];
  eventType: (string | null)[];
  offset: Float64Array;
  /** Kafka record timestamp, epoch ms. */
  timestampMs: Float64Array;
  decodeError: (string | null)[] | null;
  /** The record value of undecodable rows. */
  raw: (Uint8Array | null)[] | null;
  /**
   * JSON payloads kept unparsed (checked valid when the chunk was made): row i's event is
   * undefined in `event` until read (`event` may be empty while nothing is parsed), and its
   * text is bytes[start[i], start[i] + length[i]).
   * Absent or null when every event is in `event`. Read events with `eventOfChunk`.
   */
  json?: ChunkJson | null;
}

/** The unparsed JSON events of a StreamChunk; `length[i] === 0` = row i is not one of them. */
export interface ChunkJson {
  bytes: Buffer;
  start: Int32Array;
  length: Int32Array;
}

/**
 * The part of an Arquero table (`ColumnTable`) that rendering and display read. Structural, so a
 * table made by another copy of arquero (a notebook's own) is accepted too.
 */
export interface TableLike {
  numRows(): number;
  columnNames(): string[];
  column(name: string): { length: number; at(row: number): unknown } | undefined;
  isFiltered(): boolean;
  isOrdered(): boolean;
  indices(order?: boolean): Uint32Array;
}

// --- spark (src/spark): journals whose aggregations run where they live ---

/** A count the chart helpers ask of a PushdownEventSource: events per group of `groupBy` columns, optionally per time bucket. */
export interface EventCountQuery {
  /** Columns of the events view to group by (eventType, persistenceId, serId, writerUuid, partition). */
  groupBy: string[];
  /** Also group by time buckets of this many ms (column `time`, the bucket's start in epoch ms, UTC). */
  timeBinMs?: number;
  /** Buckets start at multiples of timeBinMs plus this offset (weeks on Monday: 4 days). Default 0. */
  timeBinOffsetMs?: number;
  /** Also columns firstSequenceNr and lastSequenceNr (min and max sequenceNr per group). Default false. */
  sequenceRange?: boolean;
}

/**
 * A journal that aggregates where it lives (a Spark journal handle): chart helpers given one push their
 * grouping to it and chart the counts that come back.
 */
export interface PushdownEventSource {
  /** Columns `groupBy…`, [`time`], `count`; one row per group. */
  countEvents(query: EventCountQuery): Promise<TableLike>;
  /**
   * Missing sequence-number ranges per persistence id (columns persistenceId, partition, from, to, missing,
   * as sequenceGapsFromTable), and how many persistence ids there are. `startAt`: the first expected number.
   */
  sequenceGaps(options: { startAt?: number }): Promise<{ gaps: TableLike; persistenceIds: number }>;
}
