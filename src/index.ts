// The public API of journal-lens: what a notebook calls, one group per folder, no logic. Internals
// are imported from their modules (tests do so too). Removed and renamed names: CHANGELOG.md.

// errors (src/errors.ts): one base class, context in fields
export {
  JournalLensError, OptionError, ConnectionError, AuthenticationError, NotFoundError, NotAJournalError,
  DecodeError, LimitExceededError, QueryError, MaxRowsError, RenderError, StreamError, ConsumerGroupError, SnapshotError,
} from './errors.js';

// shared shapes (src/types.ts)
export type {
  DecodeFn, DecoderRegistry, DecodersOption, DecodeLimits, SerializedPayload, PersistentReprFields, LoadProgress, ProgressSink,
  LoadStats, MimeBundle, JournalLayoutName, DisplayHandle, LiveView, TableLike, EventCountQuery, PushdownEventSource, SnapshotUse,
} from './types.js';

// decode (src/decode): bytes → values; serializers, decoders, budgets
export { createDecoderRegistry } from './decode/registry.js';
export { SERIALIZER_ID, serializerName } from './decode/serializer-ids.js';
export { DEFAULT_DECODE_LIMITS } from './decode/limits.js';
export { FILTERED, isFiltered } from './decode/persistence-payload.js';
export { persistentReprFromBytes, persistentReprMetadataFromBytes } from './decode/persistent-repr.js';
export { kafkaEventFromBytes } from './decode/kafka-event.js';
export type { KafkaEvent } from './decode/kafka-event.js';
export { kafkaSnapshotFromBytes } from './decode/kafka-snapshot.js';
export type { KafkaSnapshot } from './decode/kafka-snapshot.js';
export { serializedPayloadFromSnapshot } from './decode/snapshot.js';
export { protobufDecoder, protobufDecoderDefaults } from './decode/protobuf-decoder.js';
export type {
  ProtobufSchema, ProtobufRootSchema, ProtobufSourceSchema, ProtobufDecoderOptions,
} from './decode/protobuf-decoder.js';
export { valueFromCbor } from './decode/cbor.js';
export { jsonFromJacksonBytes } from './decode/jackson-json.js';
export { valueFromJavaSerialization } from './decode/java-serialization/value-from-java-serialization.js';

// cassandra (src/from-cassandra.ts, src/cassandra): the Cassandra journal
export { cassandraJournal } from './from-cassandra.js';
export type { CassandraJournal, CassandraJournalOptions, EventTableOptions } from './from-cassandra.js';
export type { CassandraConnectionOptions } from './cassandra/connect.js';

// health (src/health): journal.health(), snapshotTable(), recoveryCost(), projectionOffsets()
export type { HealthOptions, JournalHealth } from './health/load-health.js';
export type { TagViewTables, PersistenceIdTables } from './health/health-tables.js';
export type { SnapshotTableOptions } from './health/snapshot-table.js';
export type { RecoveryCostOptions } from './health/recovery-cost.js';
export type { ProjectionOffsetsOptions } from './health/projection-offsets.js';
export { recoveryCostChart } from './health/recovery-cost.js';
export { CHECK_NAMES } from './health/check-descriptions.js';

// table (src/table): columns → Arquero
export { sortByKey } from './table/sort-by-key.js';
export { flattenEvents } from './table/flatten-events.js';
export { loadStats } from './table/load-stats.js';

// kafka (src/from-kafka.ts, src/kafka): read-only event streams
export { kafkaJournal, stopAll } from './from-kafka.js';
export type { KafkaJournal, KafkaJournalOptions, EventStreamOptions, KafkaEventStream } from './from-kafka.js';
export type { EventStream, ViewOutput } from './kafka/event-stream.js';
export type { KafkaConnectionOptions, SaslOptions } from './kafka/kafka-config.js';
export type { FormatOption } from './kafka/formats/maybe-format.js';
export type { MessageFormatFn, StreamMessage, StreamRecordFields } from './kafka/formats/function-format.js';
export type { FromOption } from './kafka/start-offsets.js';
export type { StreamStatus, PartitionLag } from './kafka/status-line.js';
export type { LeftoverGroupsDeleted } from './kafka/leftover-groups.js';

// window (src/window): rolling windows over stream chunks
export { createRollingWindow } from './window/rolling-window.js';
export type { RollingWindow, RollingWindowOptions } from './window/rolling-window.js';
export type { WindowOptions } from './window/maybe-window.js';

// render (src/render): Arquero → Vega-Lite → SVG/PNG, one file per chart kind
export { vegaLite } from './render/vega-lite.js';
export type { ChartData } from './render/vega-lite.js';
export { Chart } from './render/Chart.js';
export type { VegaLiteSpec, ChartOptions } from './render/spec-from-table.js';
export type { PngOptions } from './render/png-from-svg.js';
export { eventsOverTime } from './render/charts/events-over-time.js';
export type { EventsOverTimeOptions, TimeBin } from './render/charts/events-over-time.js';
export { eventsPerType } from './render/charts/events-per-type.js';
export type { EventsPerTypeOptions } from './render/charts/events-per-type.js';
export { eventsPerPersistenceId } from './render/charts/events-per-persistence-id.js';
export type { EventsPerPersistenceIdOptions } from './render/charts/events-per-persistence-id.js';
export { sequenceGaps } from './render/charts/sequence-gaps.js';
export type { SequenceGapsOptions } from './render/charts/sequence-gaps.js';
export { sequenceGapsFromTable } from './render/charts/sequence-gaps-from-table.js';
export { PendingChart } from './render/charts/pending-chart.js';

// notebook (src/notebook): the display layer; one value → bundle, one writer per kernel (tslab, Deno, terminal)
export { show } from './notebook/show.js';
export type { ShowOptions } from './notebook/show.js';
export { bundleFromValue } from './notebook/bundle-from-value.js';
export type { BundleOptions } from './notebook/bundle-from-value.js';
export { bundleFromTable, htmlFromTable, textFromTable } from './notebook/bundle-from-table.js';
export type { TableDisplayOptions } from './notebook/bundle-from-table.js';
export { createDisplayHandle } from './notebook/display-handle.js';
export { detectKernel } from './notebook/detect-kernel.js';
export type { KernelName } from './notebook/detect-kernel.js';
export { currentOutput } from './notebook/outputs/current-output.js';
export type { KernelOutput, OutputOptions } from './notebook/outputs/kernel-output.js';
export { progressFrame, liveFrame, errorFrame } from './notebook/frames.js';

// spark (src/from-spark.ts, src/spark): the same analysis on Apache Spark through Spark Connect
export { sparkJournal, sparkJournalDefaults } from './from-spark.js';
export type {
  SparkJournal, SparkJournalOptions, SparkJournalEvents, SparkEventsOptions, SparkEventTableOptions, SparkCassandraOptions,
} from './from-spark.js';
export { SparkQueryError, SparkSetupError } from './spark/spark-errors.js';

// snapshot (src/snapshot): tables ↔ Parquet / Arrow files, eventTable({ snapshot })
export { saveTable, loadTable, snapshotInfo } from './snapshot/save-table.js';
export type { SnapshotInfo, CassandraSnapshotSource, KafkaSnapshotSource } from './snapshot/snapshot-info.js';
export type { SnapshotColumnKind } from './snapshot/snapshot-columns.js';
export type { SnapshotRefreshOptions } from './snapshot/refresh-options.js';
