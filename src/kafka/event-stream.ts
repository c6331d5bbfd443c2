// A live event stream: the read loop (stream-consumer.ts) feeds a rolling window; every `interval`
// the records that arrived become a micro-batch for `onBatch` listeners and every view is redrawn
// in place with a status line. A coordinator, so longer than the other files: it only sequences
// the pieces. The window, the tables and the notebook display are passed in (they live in other
// folders; from-kafka.ts wires them), which keeps this file free of them and testable.
//
// It degrades instead of stalling (docs/failure-modes.md): listeners are never awaited by the
// refresh (batch-delivery.ts bounds what a busy one holds), a view that has not finished is left
// to finish while the others refresh, an error in a table, view or listener goes to the status
// line, a refresh never throws out of its timer, and a corrupt record batch is reported once and
// skipped by the read loop.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import kafkajs, { type Admin, type KafkaConfig, type logCreator } from 'kafkajs';
import { JournalLensError, StreamError } from '../errors.js';
import type { DisplayHandle, MimeBundle, StreamChunk } from '../types.js';
import { redact } from '../util/redact.js';
import { warn } from '../util/warn.js';
import { createBatchDelivery } from './batch-delivery.js';
import { assertTopicsExist } from './check-topics.js';
import { errorFromKafkajs } from './error-from-kafkajs.js';
import { reasonOf, undecodableCount, type ChunkFromRecords } from './formats/chunk-builder.js';
import type { KafkaLogSink } from './kafka-config.js';
import { startOffsets, type PartitionOffset, type StartFrom } from './start-offsets.js';
import { statusLineFromStatus, type PartitionLag, type StreamStatus } from './status-line.js';
import { closableSockets } from './closable-sockets.js';
import { registerKafkaCodecs } from './codecs/register-kafka-codecs.js';
import { installKafkajsInternals, type KafkajsInternalsReport } from './kafkajs-internals/install-kafkajs-internals.js';
import { assertGroupIdle, assertOffsetsKept, THROWAWAY_GROUP_PREFIX } from './group-safety.js';
import type { SkippedBatch } from './records/raw-record-cursor.js';
import { KeyFilteredCursor, type RecordCursor } from './records/record-cursor.js';
import { createStreamConsumer, type ConsumerClient, type StreamConsumer, type StreamConsumerDeps } from './stream-consumer.js';
import { registerStream, unregisterStream } from './stream-registry.js';
import { withTimeout } from './with-timeout.js';

const { Kafka } = kafkajs;

export const defaults = {
  intervalMs: 1000,
  /** High watermarks for the lag are asked for at most this often. */
  lagRefreshMs: 2000,
  /** A kafkajs error stays on the status line this long, or until records flow again. */
  warningShownMs: 30_000,
  /** Longest wait for the admin client to disconnect on stop. */
  disconnectWaitMs: 3_000,
  /** Arrivals (rows) kept for an `onBatch` listener still busy with its last batch; older ones are dropped beyond this. */
  maxPendingEvents: 100_000,
  /**
   * A live refresh waits one interval for its views; a view still drawing then is left to finish
   * while the others go on. One drawing for longer than this is named in the status line.
   */
  viewWaitMs: 2_000,
  /** The last refresh (on stop, with static images) waits this long for its views at most. */
  finalDrawWaitMs: 30_000,
  /** Corrupt batches remembered so that each is reported once. */
  skippedRemembered: 10_000,
};

/** The rolling window as the stream uses it (window/rolling-window.ts). */
export interface StreamWindow<T> {
  append(chunk: StreamChunk): StreamChunk;
  table(): T;
  readonly size: number;
  readonly duplicates: number;
}

/** What a view function may return: a table, a chart (anything with `bundle()` or `spec`), a bundle. */
export type ViewOutput = unknown;

/** Everything the stream needs, resolved and validated by the caller. */
export interface EventStreamSetup<T> {
  key: string;
  brokers: string[];
  kafkaConfig: KafkaConfig;
  connectionTimeoutMs: number;
  topics: string[];
  /** A user group; undefined = a throwaway group that is never committed to. */
  groupId?: string;
  commit: boolean;
  from?: StartFrom;
  intervalMs: number;
  toChunk: ChunkFromRecords;
  keyFilter?: (key: Buffer | null) => boolean;
  window: StreamWindow<T>;
  tableFromChunks(chunks: readonly StreamChunk[]): T;
  /** Creates one output in the running cell (notebook/createDisplayHandle). */
  createDisplay(initial: MimeBundle): DisplayHandle;
  /** Turns a view function's result into a bundle; `final` asks for static images too. */
  bundleFromView(output: ViewOutput, final: boolean): Promise<MimeBundle>;
  /** Puts the status line onto a view's bundle (notebook/live-frame.ts). */
  bundleWithStatus(bundle: MimeBundle, line: string): MimeBundle;
  /** What a failed view or stream shows: the status line and the reason (notebook/live-frame.ts). */
  errorBundle(line: string, message: string): MimeBundle;
  tuning?: StreamConsumerDeps['tuning'];
  /** Join `groupId` even when it has live members (they lose partitions to the stream). Default false: refused. */
  takePartitionsFromLiveConsumers?: boolean;
  /** With `commit` and `from`: move the group's committed offsets to `from`. Default false: refused. */
  moveCommittedOffsets?: boolean;
  /** Installs the kafkajs-internals changes (once per process). Default installKafkajsInternals; tests pass a failing one. */
  installInternals?: () => KafkajsInternalsReport;
}

/** A live stream of journal events. */
export interface EventStream<T> {
  /** The registry key: re-creating a stream with the same key replaces this one. */
  readonly key: string;
  /** The consumer group in use: the given one, or a throwaway `journal-lens-throwaway-<random>` (renamed when the consumer is replaced). */
  readonly groupId: string;
  /** Resolves once connected and reading; rejects with NotFoundError, ConnectionError, AuthenticationError. */
  ready(): Promise<void>;
  /**
   * Calls `listener` with each non-empty micro-batch (one per interval); returns an unsubscribe
   * function. A listener whose promise has not settled is not called again until it has; what
   * arrived meanwhile comes as one batch, the oldest arrivals dropped beyond
   * `defaults.maxPendingEvents` (counted in the status line). The stream never waits for it.
   */
  onBatch(listener: (batch: T) => void | Promise<void>): () => void;
  /** The current rolling window. */
  window(): T;
  /**
   * Shows `render(window)` in ONE output of the calling cell, redrawn every interval with a status
   * line. Returns nothing, so that a cell ending with it prints nothing besides the view.
   */
  view(render: (window: T) => ViewOutput | Promise<ViewOutput>): void;
  /** The current status (what the status line shows). */
  status(): StreamStatus;
  /** The status line text. */
  statusLine(): string;
  /** Replaces the consumer; it resumes from the offsets consumed so far. */
  reconnect(): Promise<void>;
  /** Stops reading, leaves (and deletes a throwaway) group, draws the views one last time. */
  stop(): Promise<void>;
}

interface View<T> {
  render(window: T): ViewOutput | Promise<ViewOutput>;
  handle: DisplayHandle;
  /** Since when its current drawing runs (undefined: idle). */
  busySince?: number;
  /** Why its last drawing failed. */
  error?: string;
}

const partitionKey = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * Creates and starts a stream (asynchronously: `ready()` tells when it reads, or why it cannot).
 *
 * @example
 * const s = createEventStream(setup);
 * await s.ready();
 * s.view((win) => win.groupby('eventType').count());
 */
export function createEventStream<T extends { numRows(): number }>(setup: EventStreamSetup<T>): EventStream<T> {
  const { brokers, topics, window: win } = setup;
  // kafkajs's private modules and its codec table are touched when the first stream starts, never at import.
  registerKafkaCodecs();
  const internals = (setup.installInternals ?? installKafkajsInternals)();
  if (internals.problem !== undefined) warn(internals.problem, `kafkajs-internals:${internals.problem}`);
  const freshGroupId = () => `${THROWAWAY_GROUP_PREFIX}${randomBytes(6).toString('hex')}`;
  const groupId = setup.groupId ?? freshGroupId();
  let listenerProblem: string | undefined;
  const delivery = createBatchDelivery<T>({
    tableFromChunks: (chunks) => setup.tableFromChunks(chunks),
    onProblem: (text) => { listenerProblem = text === undefined ? undefined : redact(text); },
    maxPendingEvents: () => defaults.maxPendingEvents,
  });
  const views: View<T>[] = [];
  const highs = new Map<string, number>();
  const starts = new Map<string, number>();
  const skippedSeen = new Set<string>();
  let tableProblem: string | undefined;
  let eventsSinceTick = 0;
  let undecodable = 0;
  let lastTickAt = Date.now();
  let lastRecordAt = 0;
  let lastLagAt = 0;
  let lagInFlight: Promise<void> | undefined;
  let warning: { text: string; at: number } | undefined;
  let failure: JournalLensError | undefined;
  let admin: Admin | undefined;
  let loop: StreamConsumer | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  const status: StreamStatus = {
    state: 'connecting', eventsPerSecond: 0, windowRows: 0, lag: [], undecodable: 0, duplicates: 0, refreshedAt: new Date(),
    ...(internals.rawFetch ? {} : { halfSpeed: true }),
  };

  // After stop, the clients' own shutdown errors (sockets cut on purpose) are not news.
  const sink: KafkaLogSink = (level, message) => {
    if (level === 'error' && stopping === undefined) warning = { text: redact(message), at: Date.now() };
  };
  const logCreator: logCreator = () => ({ level, log }) => {
    if (level > kafkajs.logLevel.WARN) return;
    const error = (log as { error?: unknown }).error;
    sink(level === kafkajs.logLevel.ERROR ? 'error' : 'warn', `kafkajs: ${String(log.message)}${error ? `: ${String(error)}` : ''}`);
  };
  // One kafkajs client for the admin and one per consumer, each with sockets that can be cut.
  function newClient(): ConsumerClient {
    const sockets = closableSockets(setup.kafkaConfig.socketFactory);
    return { kafka: new Kafka({ ...setup.kafkaConfig, socketFactory: sockets.factory, logCreator }), close: sockets.close };
  }
  const adminClient = newClient();

  function onRecords(topic: string, partition: number, records: RecordCursor): void {
    const keyFilter = setup.keyFilter;
    const chunk = setup.toChunk(topic, partition, keyFilter === undefined ? records : new KeyFilteredCursor(records, keyFilter));
    if (chunk.length === 0) return;
    const accepted = win.append(chunk);
    lastRecordAt = Date.now();
    if (accepted.length === 0) return;
    eventsSinceTick += accepted.length;
    undecodable += undecodableCount(accepted);
    if (delivery.listeners > 0) delivery.push(accepted);
  }

  // A corrupt record batch: once in the status line (count and where) and once on stderr.
  function onSkipped(topic: string, partition: number, skipped: SkippedBatch): void {
    const where = `${topic}/${partition} at offset ${skipped.offset}`;
    if (skippedSeen.has(where)) return;
    if (skippedSeen.size < defaults.skippedRemembered) skippedSeen.add(where);
    status.skippedBatches = (status.skippedBatches ?? 0) + 1;
    status.lastSkipped = where;
    warn(`Skipped a Kafka record batch of ${where}: ${redact(skipped.detail)}. The stream went on with the next one; ` +
      'the records of that batch that could be read are in the window, the rest were left out.', `skipped-batch:${where}`);
  }

  function lagNow(): PartitionLag[] {
    const lag: PartitionLag[] = [];
    const positions = loop?.positions;
    for (const [key, high] of highs) {
      const position = positions?.get(key);
      const next = position?.next ?? starts.get(key);
      if (next === undefined) continue;
      const [topic, partition] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
      lag.push({ topic, partition, lag: Math.max(0, Math.max(high, position?.high ?? 0) - next) });
    }
    return lag;
  }

  function refreshHighs(): void {
    const a = admin;
    if (a === undefined || stopping !== undefined || lagInFlight !== undefined || Date.now() - lastLagAt < defaults.lagRefreshMs) return;
    lastLagAt = Date.now();
    lagInFlight = (async () => {
      try {
        for (const topic of topics) {
          for (const w of await a.fetchTopicOffsets(topic)) highs.set(partitionKey(topic, w.partition), Number(w.high));
        }
      } catch {
        // a broker outage: the lag keeps its last value; the consumer reports the outage
      } finally {
        lagInFlight = undefined;
      }
    })();
  }

  // kafkajs logs transient errors (a coordinator moving, a retried request) that heal by
  // themselves; one is shown only until records flow again, and for 30 s at most.
  function currentDetail(): string | undefined {
    if (warning !== undefined && (Date.now() - warning.at > defaults.warningShownMs || lastRecordAt > warning.at)) warning = undefined;
    return failure?.message ?? status.detail ?? refreshProblem() ?? warning?.text;
  }

  // What keeps a refresh from being whole: a table, a view or a listener that failed, a view still drawing.
  function refreshProblem(): string | undefined {
    if (tableProblem !== undefined) return tableProblem;
    for (let i = 0; i < views.length; i++) {
      const view = views[i]!;
      const label = views.length === 1 ? 'the view' : `view ${i + 1}`;
      if (view.error !== undefined) return `${label} failed: ${view.error}`;
      if (view.busySince !== undefined && Date.now() - view.busySince > defaults.viewWaitMs) {
        return `${label} is still drawing after ${Math.round((Date.now() - view.busySince) / 1000)} s`;
      }
    }
    return listenerProblem;
  }

  function currentLine(): string {
    return statusLineFromStatus({ ...status, detail: currentDetail() });
  }

  async function draw(final: boolean): Promise<void> {
    // No table is built while every view is still drawing the last one (a slow chart paces itself).
    if (!views.some((view) => view.busySince === undefined)) {
      status.windowRows = win.size;
      return;
    }
    let table: T | undefined;
    let tableError: unknown;
    try {
      table = win.table();
      status.windowRows = table.numRows();
      tableProblem = undefined;
    } catch (error) {
      tableError = error;
      tableProblem = `the window table could not be built: ${redact(reasonOf(error))}`;
    }
    const line = currentLine();
    // A view still drawing its last refresh is left to finish; the others are not held back by it.
    const drawing: Promise<void>[] = [];
    for (const view of views) if (view.busySince === undefined) drawing.push(drawView(view, table, tableError, line, final));
    let timer: NodeJS.Timeout | undefined;
    const waitMs = final ? defaults.finalDrawWaitMs : setup.intervalMs;
    await Promise.race([Promise.all(drawing), new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); })]);
    clearTimeout(timer);
  }

  async function drawView(view: View<T>, table: T | undefined, tableError: unknown, line: string, final: boolean): Promise<void> {
    view.busySince = Date.now();
    try {
      if (failure !== undefined) throw failure;
      if (tableError !== undefined) throw tableError;
      const output = await view.render(table as T);
      view.handle.update(setup.bundleWithStatus(await setup.bundleFromView(output, final), line));
      view.error = undefined;
    } catch (error) {
      const reason = redact(reasonOf(error));
      if (failure === undefined && tableError === undefined) view.error = reason;
      try {
        view.handle.update(setup.errorBundle(line, reason));
      } catch {
        // a display that cannot be updated: the status line still says why
      }
    } finally {
      view.busySince = undefined;
    }
  }

  // Never throws (it runs from a timer) and always schedules the next one while the stream runs.
  async function tick(): Promise<void> {
    tickTimer = undefined;
    const startedAt = Date.now();
    try {
      status.eventsPerSecond = eventsSinceTick / Math.max(0.001, (startedAt - lastTickAt) / 1000);
      eventsSinceTick = 0;
      lastTickAt = startedAt;
      delivery.deliver();
      refreshHighs();
      status.lag = lagNow();
      status.undecodable = undecodable;
      status.duplicates = win.duplicates;
      status.pendingDropped = delivery.dropped;
      status.refreshedAt = new Date();
      await draw(false);
    } catch (error) {
      warning = { text: `a refresh failed: ${redact(reasonOf(error))}`, at: Date.now() };
    } finally {
      if (stopping === undefined && failure === undefined) {
        tickTimer = setTimeout(() => void tick(), Math.max(0, setup.intervalMs - (Date.now() - startedAt)));
      }
    }
  }

  async function start(previousStopped: Promise<void>): Promise<void> {
    await previousStopped;
    if (stopping !== undefined) return;
    const a = adminClient.kafka.admin({ retry: setup.kafkaConfig.retry });
    admin = a;
    try {
      await a.connect();
      await assertTopicsExist(a, topics);
      // A user group is described before it is joined: live members or moved offsets are refused (group-safety.ts).
      if (setup.groupId !== undefined && !setup.takePartitionsFromLiveConsumers) await assertGroupIdle(a, setup.groupId);
      const from = setup.from ?? (setup.groupId === undefined ? 'latest' : undefined);
      let startAt: PartitionOffset[] | undefined;
      if (from !== undefined) {
        startAt = await startOffsets(a, topics, from);
        if (setup.groupId !== undefined && setup.commit && !setup.moveCommittedOffsets) await assertOffsetsKept(a, setup.groupId, topics, startAt);
        for (const p of startAt) starts.set(partitionKey(p.topic, p.partition), Number(p.offset));
      }
      for (const topic of topics) {
        for (const w of await a.fetchTopicOffsets(topic)) highs.set(partitionKey(topic, w.partition), Number(w.high));
      }
      lastLagAt = Date.now();
      if (stopping !== undefined) return;
      loop = createStreamConsumer({
        newClient, admin: a, topics, groupId, throwawayGroup: setup.groupId === undefined, freshGroupId, commit: setup.commit && setup.groupId !== undefined,
        startAt, onRecords, onSkipped, tuning: setup.tuning,
        onState(state, detail) {
          if (state === 'stopped') return;
          status.state = state;
          status.detail = detail === undefined ? undefined : redact(detail);
        },
      });
      await loop.start();
    } catch (error) {
      throw errorFromKafkajs(error, brokers, `starting a stream on ${topics.join(', ')}`, setup.connectionTimeoutMs);
    }
  }

  const stream: EventStream<T> = {
    key: setup.key,
    get groupId() {
      return loop?.groupId ?? groupId;
    },
    ready: () => started,
    onBatch(listener) {
      return delivery.add(listener);
    },
    window: () => win.table(),
    view(render) {
      const handle = setup.createDisplay(failure === undefined
        ? setup.bundleWithStatus({}, currentLine())
        : setup.errorBundle(currentLine(), failure.message));
      views.push({ render, handle });
    },
    status: () => ({ ...status, lag: lagNow(), detail: currentDetail(), pendingDropped: delivery.dropped }),
    statusLine: currentLine,
    async reconnect() {
      await started;
      await loop?.restart('reconnect() was called');
    },
    stop() {
      stopping ??= (async () => {
        clearTimeout(tickTimer);
        await started.catch(() => {});
        await loop?.stop().catch((e: unknown) => {
          warning = { text: `stopping: ${redact(reasonOf(e))}`, at: Date.now() };
        });
        // A lag request still retrying would reconnect the admin after its disconnect.
        if (lagInFlight !== undefined) await withTimeout(lagInFlight, defaults.disconnectWaitMs);
        if (admin !== undefined) await withTimeout(admin.disconnect(), defaults.disconnectWaitMs);
        adminClient.close();
        unregisterStream(setup.key, stream);
        warning = undefined;
        if (failure === undefined) {
          status.state = 'stopped';
          status.detail = undefined;
          status.eventsPerSecond = 0;
          status.lag = lagNow();
          status.refreshedAt = new Date();
          await draw(true);
        }
      })();
      return stopping;
    },
  };

  // What a notebook prints for a cell ending in the stream: one line, not the object's methods.
  Object.defineProperty(stream, inspect.custom, {
    value: () => `EventStream ${topics.join(', ')} (group ${stream.groupId}): ${currentLine()}`,
  });

  const started = start(registerStream(setup.key, stream)).catch(async (error: unknown) => {
    failure = error instanceof JournalLensError ? error : new StreamError(redact(reasonOf(error)), { cause: error });
    status.state = 'failed';
    clearTimeout(tickTimer);
    if (admin !== undefined) await withTimeout(admin.disconnect(), defaults.disconnectWaitMs);
    adminClient.close();
    unregisterStream(setup.key, stream);
    await draw(false);
    throw failure;
  });
  // A stream whose caller never awaits ready() must not crash the kernel with an unhandled rejection:
  // the failure is shown in its views and by status().
  started.catch(() => {});
  tickTimer = setTimeout(() => void tick(), setup.intervalMs);
  return stream;
}
