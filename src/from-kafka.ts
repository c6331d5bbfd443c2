// Root wiring for Kafka: connection options → a journal handle whose event streams join the
// record formats (kafka/formats), the decoders (decode/), the rolling window (window/) and the
// notebook display (notebook/, render/). The only file that imports all of them.
import type { ColumnTable } from 'arquero';
import { kafkaEventFromBytes } from './decode/kafka-event.js';
import { eventFormatScanner } from './decode/kafka-event-scan.js';
import { createDecoderRegistry, keepsJsonUnparsed } from './decode/registry.js';
import { maybeDecodeLimits, withDecodeLimits, type ActiveLimits } from './decode/limits.js';
import { createEventStream, type EventStream } from './kafka/event-stream.js';
import { createAkkaFormat } from './kafka/formats/akka-format.js';
import type { ChunkFromRecords } from './kafka/formats/chunk-builder.js';
import { createFunctionFormat } from './kafka/formats/function-format.js';
import { createJsonFormat } from './kafka/formats/json-format.js';
import type { FormatOption } from './kafka/formats/maybe-format.js';
import { defaults as connectionDefaults, kafkaConfigFromOptions, type KafkaConnectionOptions } from './kafka/kafka-config.js';
import { maybeFrom, type FromOption } from './kafka/start-offsets.js';
import { maybeStreamOptions, type StreamSettings } from './kafka/maybe-stream-options.js';
import { deleteLeftoverGroupIds, leftoverGroupIds, withKafkaAdmin, type LeftoverGroupsDeleted } from './kafka/leftover-groups.js';
import { isSnapshotFrom, resumeOffsets } from './snapshot/kafka-resume.js';
import type { StreamConsumerDeps } from './kafka/stream-consumer.js';
import { streamKey } from './kafka/stream-key.js';
import { stopAllStreams } from './kafka/stream-registry.js';
import { createDisplayHandle } from './notebook/display-handle.js';
import { bundleFromViewOutputHere, bundleWithStatus, errorBundle } from './notebook/live-frame.js';
import type { DecodeLimits, DecodersOption, DecoderRegistry } from './types.js';
import { maybeWindow, type WindowOptions } from './window/maybe-window.js';
import { createRollingWindow } from './window/rolling-window.js';
import { tableFromChunks } from './window/table-from-spans.js';

/** Options of `kafkaJournal`: how to reach the brokers, and extra payload decoders. */
export interface KafkaJournalOptions extends KafkaConnectionOptions {
  /** Extra decoders by serializer id (`'33'`) or id and manifest (`'33:com.example.Foo'`), or a registry. */
  decoders?: DecodersOption;
  /** Decoder budgets per event (decompressed bytes, depth, objects, bignum digits); see DecodeLimits for the defaults. */
  limits?: Partial<DecodeLimits>;
}

/** Options of `eventStream`. Every default is given with the option. */
export interface EventStreamOptions {
  /** Topic or topics to read. They must exist (NotFoundError otherwise). */
  topics: string | string[];
  /** Milliseconds between micro-batches / view refreshes. Default 1000. */
  interval?: number;
  /** Rolling window by record time and/or count. Default `{ seconds: 60 }` (capped at 1,000,000 events). */
  window?: WindowOptions;
  /** Where to start: 'earliest', 'latest', a Date, or `{ snapshot: path }` (the offsets a window saved with saveTable reached). Default 'latest' (without groupId), else the group's committed offsets. */
  from?: FromOption;
  /** Record format: 'akka' (EventFormat, default), 'json', or a function (message) => { persistenceId, sequenceNr, event, eventType? }. */
  format?: FormatOption;
  /**
   * akka: when JSON payloads are parsed. 'lazy' (default): each is checked on arrival (so the
   * undecodable count is right away complete) and parsed the first time its row's `event` is
   * read, then kept parsed; a window that is only counted or grouped never parses it. 'eager':
   * parsed on arrival.
   */
  decode?: 'lazy' | 'eager';
  /** Consumer group to read as. Default: a throwaway `journal-lens-throwaway-<random>` group, never committed to, deleted on stop (a live group given here is refused unless takePartitionsFromLiveConsumers). */
  groupId?: string;
  /** Commit offsets to `groupId` (an OptionError without one). Default false. */
  commit?: boolean;
  /** json: field holding the persistence id. Default: the record key. */
  persistenceIdField?: string;
  /** json: field holding the sequence number. Default 'sequenceNr'. */
  sequenceNrField?: string;
  /** json: field holding the event type. Default 'type'. */
  eventTypeField?: string;
  /** Keep only records whose key (UTF-8) equals one of these, matches the RegExp, or passes the function. Default: all. */
  key?: string | string[] | RegExp | ((key: string | null) => boolean);
  /** Registry name: a new stream with the same name replaces this one. Default: derived from brokers, topics, format, groupId, window. */
  name?: string;
  /** kafkajs consumer tuning (partitionsConsumedConcurrently 4, maxBytesPerPartition 4 MiB, maxBytes 64 MiB, maxWaitTimeInMs 250). */
  consumer?: StreamConsumerDeps['tuning'];
  /**
   * With `groupId`: join even when the group has live members, which then lose partitions to this stream
   * for as long as it runs. Default false: such a group is refused with a ConsumerGroupError.
   */
  takePartitionsFromLiveConsumers?: boolean;
  /**
   * With `groupId`, `commit: true` and `from`: move the group's committed offsets to `from`, so that every
   * consumer of the group skips or re-reads. Default false: refused with a ConsumerGroupError.
   */
  moveCommittedOffsets?: boolean;
}

/** A live stream whose tables are Arquero tables. */
export type KafkaEventStream = EventStream<ColumnTable>;

/** What `kafkaJournal` returns. */
export interface KafkaJournal {
  readonly brokers: string[];
  /** Starts a live stream (see EventStreamOptions); `await stream.ready()` to see connection errors. */
  eventStream(options: EventStreamOptions): KafkaEventStream;
  /** Stops every live stream of the process. */
  stopAll(): Promise<void>;
  /** Throwaway consumer groups (`journal-lens-throwaway-…`) with no member left, e.g. after a killed kernel. */
  leftoverGroups(): Promise<string[]>;
  /** Deletes the leftover throwaway groups; returns those deleted and those the broker refused, with why. */
  deleteLeftoverGroups(): Promise<LeftoverGroupsDeleted>;
}

// The record format of a stream, joined with the decoders (decode/) it needs.
function toChunkFor(settings: StreamSettings, registry: () => DecoderRegistry, limits: ActiveLimits): ChunkFromRecords {
  const { format } = settings;
  if (format === 'akka') {
    const toChunk = createAkkaFormat({
      eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry: registry(),
      keepUnparsed: settings.lazyJson ? keepsJsonUnparsed : undefined,
    });
    // the journal's decoder budgets hold while a batch of records is decoded
    return (topic, partition, records) => withDecodeLimits(limits, () => toChunk(topic, partition, records));
  }
  if (format === 'json') return createJsonFormat(settings.json);
  return createFunctionFormat(format);
}

/**
 * Connects to Kafka lazily: nothing happens until `eventStream` is called.
 *
 * A stream's rows have the columns `persistenceId, sequenceNr, event, eventType, topic, partition,
 * offset, timestamp` (Date: the Kafka record timestamp) and `decodeError`, `raw` (null unless the
 * record could not be decoded; then `raw` holds its bytes). Without `groupId` a stream reads as a
 * throwaway consumer group that never commits and is deleted on stop: production consumer groups
 * are never disturbed (kafkajs cannot read without a group). Windows are by record timestamp,
 * ending at the newest record seen. Re-running a cell replaces the stream it started (same
 * brokers, topics, format, groupId and window, or same `name`); `stopAll()` stops every stream,
 * and so do a kernel interrupt, SIGTERM and process exit.
 *
 * @example
 * const kafka = kafkaJournal({ brokers: 'localhost:9092' });
 * const s = kafka.eventStream({ topics: ['events'], window: { seconds: 60 } });
 * s.view((win) => vegaLite({ mark: 'bar', encoding: { x: { field: 'eventType' }, y: { aggregate: 'count' } } }, win));
 * // later: await s.stop();
 */
export function kafkaJournal(options: KafkaJournalOptions): KafkaJournal {
  const { brokers, config } = kafkaConfigFromOptions(options);
  let registry: DecoderRegistry | undefined;
  const registryOnce = () => (registry ??= createDecoderRegistry(options.decoders));
  const limits = maybeDecodeLimits(options.limits, 'kafkaJournal');
  return {
    brokers,
    eventStream(streamOptions) {
      const settings = maybeStreamOptions(streamOptions);
      const { topics, groupId, format } = settings;
      const spec = maybeWindow(streamOptions.window);
      const from = isSnapshotFrom(streamOptions.from) ? resumeOffsets(streamOptions.from.snapshot, topics) : maybeFrom(streamOptions.from);
      const toChunk = toChunkFor(settings, registryOnce, limits);
      const key = streamKey({
        name: streamOptions.name, brokers, topics, groupId, window: streamOptions.window ?? null,
        format: typeof format === 'function' ? format.toString() : format,
      });
      return createEventStream<ColumnTable>({
        key, brokers, kafkaConfig: config, connectionTimeoutMs: options.connectionTimeoutMs ?? connectionDefaults.connectionTimeoutMs,
        topics, groupId, commit: settings.commit, from, intervalMs: settings.intervalMs,
        toChunk, keyFilter: settings.keyFilter, window: createRollingWindow(spec), tableFromChunks,
        createDisplay: createDisplayHandle, bundleFromView: bundleFromViewOutputHere, bundleWithStatus, errorBundle,
        tuning: streamOptions.consumer,
        takePartitionsFromLiveConsumers: streamOptions.takePartitionsFromLiveConsumers === true,
        moveCommittedOffsets: streamOptions.moveCommittedOffsets === true,
      });
    },
    stopAll: stopAllStreams,
    leftoverGroups: () => withKafkaAdmin(config, brokers, 'listing leftover throwaway groups', leftoverGroupIds),
    deleteLeftoverGroups: () => withKafkaAdmin(config, brokers, 'deleting leftover throwaway groups', deleteLeftoverGroupIds),
  };
}

/**
 * Stops every live Kafka stream of the process (all kafkaJournal handles).
 *
 * @example
 * await stopAll();
 */
export function stopAll(): Promise<void> {
  return stopAllStreams();
}
