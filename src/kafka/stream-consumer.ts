// The read loop of a stream: one kafkajs consumer, eachBatch, positions kept in memory.
//
// kafkajs cannot read partitions without a consumer group, so a stream without `groupId` joins a
// throwaway group (`journal-lens-throwaway-<random>`) with autoCommit off: it never commits, and the group
// is deleted on stop, so production consumer groups are never touched. Where to read is decided
// by seeking on every group join: first to the `from` offsets, later (after a rebalance, a crash
// or `restart`) to the next offset after the last record this process consumed. So a restart
// resumes exactly where it stopped; the window's dedupe covers anything redelivered anyway.
// A user group with `commit: true` instead resumes from its committed offsets after the first join.
//
// kafkajs's own restart-on-crash is turned off: a crashed consumer is replaced by a new one, with
// backoff, until the stream is stopped, so a broker restart is survived however long it takes.
// A replacement in a throwaway group joins a NEW throwaway group: the old member may be stuck on a
// dead connection, and the coordinator would hold the new one's join until the old one's session
// expired (30 s). Positions come from memory, so the group's name does not matter.
import type { Admin, Batch, Consumer, Kafka } from 'kafkajs';
import { refusalsOf } from './leftover-groups.js';
import { rawBatchesOf, withRawRecordBatches } from './kafkajs-internals/raw-fetch.js';
import { abortedOffsetsOf, AbortFilteredCursor } from './kafkajs-internals/raw-transactions.js';
import { RawRecordCursor, type SkippedBatch } from './records/raw-record-cursor.js';
import { recordsOf, type RecordCursor } from './records/record-cursor.js';
import type { PartitionOffset } from './start-offsets.js';
import { withTimeout } from './with-timeout.js';
import { redact } from '../util/redact.js';
import { warn } from '../util/warn.js';


export type ConsumerState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** Where a partition stands: `next` = offset of the next record to read, `high` = log end seen. */
export interface PartitionPosition {
  topic: string;
  partition: number;
  next: number;
  high: number;
}

/** A kafkajs client of its own for each consumer, and a way to cut its connections. */
export interface ConsumerClient {
  kafka: Kafka;
  close(): void;
}

export interface StreamConsumerDeps {
  /** Makes the client of each (re)started consumer. */
  newClient(): ConsumerClient;
  admin: Admin;
  topics: readonly string[];
  groupId: string;
  /** The group is ours: resume from memory, delete it on stop. */
  throwawayGroup: boolean;
  /** Names a new throwaway group (used on replacement when `throwawayGroup`). */
  freshGroupId?: () => string;
  /** Commit offsets (autoCommit). Only ever true for a user group with `commit: true`. */
  commit: boolean;
  /** Offsets to start from; undefined = the group's committed offsets (or the log end). */
  startAt: readonly PartitionOffset[] | undefined;
  /** Called synchronously inside eachBatch with the records of one topic-partition fetch. */
  onRecords(topic: string, partition: number, records: RecordCursor): void;
  /**
   * A record batch that could not be read (corrupt), or records whose handling threw: they are
   * skipped, and the read goes on past them (never fetched again and again).
   */
  onSkipped?(topic: string, partition: number, skipped: SkippedBatch): void;
  onState(state: ConsumerState, detail?: string): void;
  tuning?: Partial<typeof defaults>;
}

export const defaults = {
  partitionsConsumedConcurrently: 4,
  /** 4 MiB: a fetch is held whole until its records are read; 16 MiB was no faster and raised peak RSS by ~25% (2M-event ingest). */
  maxBytesPerPartition: 4 * 1024 * 1024,
  maxBytes: 64 * 1024 * 1024,
  /** Upper bound of a fetch's wait when there is no data: keeps refreshes close to live. */
  maxWaitTimeInMs: 250,
  sessionTimeout: 30_000,
  heartbeatInterval: 3_000,
  /** Retries inside one consumer before it crashes and is replaced. */
  retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
  /** Waits before replacing a crashed consumer, then the last one repeated. */
  restartBackoffMs: [500, 1_000, 2_000, 5_000, 10_000],
  /**
   * A joined consumer whose fetches stop answering for this long is replaced. A fetch returns
   * within maxWaitTimeInMs when healthy; a half-open connection (peer gone without FIN/RST)
   * would otherwise hang until kafkajs's request timeout and its retries.
   */
  stallMs: 15_000,
  /** How long a replaced consumer may take to leave before the new one starts anyway. */
  disconnectWaitMs: 3_000,
};

/** A running read loop. */
export interface StreamConsumer {
  /** Connects, joins the group and starts reading; rejects when the first connection fails. */
  start(): Promise<void>;
  /** Replaces the consumer by a new one that resumes from the positions in memory. */
  restart(reason: string): Promise<void>;
  /** Leaves (and, when throwaway, deletes) the group. */
  stop(): Promise<void>;
  /** The consumer group in use (a throwaway group is renamed on replacement). */
  readonly groupId: string;
  /** Positions by `topic/partition`. */
  readonly positions: ReadonlyMap<string, PartitionPosition>;
  readonly restarts: number;
}

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/** A batch's records: raw record batches when kafkajs handed those over, else its messages. */
function recordsOfBatch(batch: Batch): RecordCursor {
  const raw = rawBatchesOf(batch.messages);
  if (raw === null) return recordsOf(batch.messages);
  // Records of the first batch below the requested offset were read before (a fetch starts at a batch's start).
  const fetched = (batch as Batch & { fetchedOffset?: unknown }).fetchedOffset;
  const from = typeof fetched === 'string' || typeof fetched === 'number' ? Number(fetched) : 0;
  const records = new RawRecordCursor(raw, from);
  // In a fetch that lists aborted transactions, skip exactly what kafkajs's message path drops (kafkajs-internals/raw-transactions.ts).
  const dropped = abortedOffsetsOf(raw[0]!, from);
  return dropped === null || dropped.size === 0 ? records : new AbortFilteredCursor(records, dropped);
}

/**
 * Creates the read loop; nothing happens before `start()`.
 *
 * @example
 * const loop = createStreamConsumer({ newClient, admin, topics: ['events'], groupId: 'journal-lens-1a2b',
 *   throwawayGroup: true, commit: false, startAt: offsets, onRecords, onState: () => {} });
 * await loop.start();
 */
export function createStreamConsumer(deps: StreamConsumerDeps): StreamConsumer {
  const tuning = { ...defaults, ...deps.tuning };
  const { newClient, admin, topics, throwawayGroup, commit, startAt, onRecords, onState } = deps;
  let groupId = deps.groupId;
  const abandoned: string[] = [];
  const resumeFromMemory = throwawayGroup || !commit;
  const positions = new Map<string, PartitionPosition>();
  let consumer: Consumer | null = null;
  let client: ConsumerClient | null = null;
  let generation = 0;
  let joined = false;
  let stopped = false;
  let failures = 0;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let lastFetchAt = Date.now();
  let replacing = false;
  let watchdog: NodeJS.Timeout | undefined;

  function watch(): void {
    if (watchdog !== undefined) return;
    watchdog = setInterval(() => {
      if (stopped || replacing || restartTimer !== undefined || consumer === null) return;
      const silentMs = Date.now() - lastFetchAt;
      if (silentMs > tuning.stallMs) scheduleRestart(new Error(`no fetch answered for ${Math.round(silentMs / 1000)} s`));
    }, Math.max(250, Math.min(5_000, tuning.stallMs / 3)));
    watchdog.unref();
  }

  function seekOnJoin(c: Consumer): void {
    if (startAt !== undefined && (!joined || resumeFromMemory)) {
      for (const p of startAt) if (!positions.has(keyOf(p.topic, p.partition))) c.seek(p);
    }
    if (resumeFromMemory) {
      for (const p of positions.values()) c.seek({ topic: p.topic, partition: p.partition, offset: String(p.next) });
    }
    joined = true;
  }

  // Inside withRawRecordBatches, this consumer's fetches hand over record batches, not messages.
  const launch = (): Promise<void> => withRawRecordBatches(launchConsumer);

  async function launchConsumer(): Promise<void> {
    const gen = ++generation;
    client = newClient();
    const c = client.kafka.consumer({
      groupId,
      sessionTimeout: tuning.sessionTimeout,
      heartbeatInterval: tuning.heartbeatInterval,
      maxBytesPerPartition: tuning.maxBytesPerPartition,
      maxBytes: tuning.maxBytes,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
      retry: { ...tuning.retry, restartOnFailure: async () => false },
    });
    consumer = c;
    lastFetchAt = Date.now();
    c.on(c.events.FETCH, () => {
      if (gen === generation) lastFetchAt = Date.now();
    });
    c.on(c.events.GROUP_JOIN, () => {
      if (gen !== generation) return;
      lastFetchAt = Date.now();
      seekOnJoin(c);
      failures = 0;
      onState('live');
    });
    c.on(c.events.CRASH, (event) => {
      if (gen === generation && !stopped) scheduleRestart(event.payload.error);
    });
    await c.connect();
    await c.subscribe({ topics: [...topics], fromBeginning: false });
    await c.run({
      autoCommit: commit,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
      eachBatch: async ({ batch, isRunning, isStale }) => {
        // A replaced consumer may still be delivering its last fetch; its records are not ours.
        if (gen !== generation || !isRunning() || isStale()) return;
        const { topic, partition } = batch;
        if (batch.messages.length > 0) readRecords(batch);
        const key = keyOf(topic, partition);
        const next = Number(batch.lastOffset()) + 1;
        const high = Number(batch.highWatermark);
        const position = positions.get(key);
        if (position === undefined) positions.set(key, { topic, partition, next, high });
        else {
          position.next = Math.max(position.next, next);
          position.high = Math.max(position.high, high);
        }
      },
    });
  }

  // Nothing thrown here may reach kafkajs: it would fetch the same records again, forever.
  function readRecords(batch: Batch): void {
    const { topic, partition } = batch;
    const records = recordsOfBatch(batch);
    try {
      onRecords(topic, partition, records);
    } catch (error) {
      // (a raw batch's stand-in message carries its LAST offset: the first is the raw batch's base)
      const raw = rawBatchesOf(batch.messages);
      const fetched = Number((batch as Batch & { fetchedOffset?: unknown }).fetchedOffset ?? 0);
      deps.onSkipped?.(topic, partition, {
        offset: raw === null ? Number(batch.firstOffset() ?? 0) : Math.max(raw[0]!.baseOffset, Number.isFinite(fetched) ? fetched : 0),
        detail: `reading its records failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    const corrupt = records instanceof RawRecordCursor ? records.corruptions : null;
    if (corrupt !== null) for (const skipped of corrupt) deps.onSkipped?.(topic, partition, skipped);
  }

  /** Disconnects a consumer (bounded) and cuts whatever connections its client still has. */
  async function retire(c: Consumer | null, owner: ConsumerClient | null): Promise<void> {
    if (c !== null) await withTimeout(c.disconnect(), tuning.disconnectWaitMs);
    owner?.close();
  }

  async function replace(): Promise<void> {
    const old = consumer;
    const oldClient = client;
    consumer = null;
    client = null;
    generation++;
    restarts++;
    replacing = true;
    try {
      const oldGroup = groupId;
      if (throwawayGroup && deps.freshGroupId) {
        groupId = deps.freshGroupId();
        abandoned.push(oldGroup);
      }
      // A consumer stuck on a dead connection would keep disconnect() waiting for its request timeout.
      await retire(old, oldClient);
      if (stopped) return;
      await launch();
      // The old throwaway group is deleted now rather than at stop (a killed kernel never stops); while its
      // dead member's session lasts the broker refuses (NON_EMPTY_GROUP), and stop() tries again.
      if (throwawayGroup && abandoned.length > 0) void deleteAbandoned();
    } finally {
      replacing = false;
    }
  }

  async function deleteAbandoned(): Promise<void> {
    const ids = [...abandoned];
    try {
      await admin.deleteGroups(ids);
      for (const id of ids) abandoned.splice(abandoned.indexOf(id), 1);
    } catch (error) {
      for (const id of refusalsOf(error, ids).deleted) abandoned.splice(abandoned.indexOf(id), 1);
    }
  }

  function scheduleRestart(error: unknown): void {
    if (stopped || restartTimer !== undefined) return;
    const reason = error instanceof Error ? error.message : String(error);
    onState('reconnecting', reason);
    const backoff = tuning.restartBackoffMs;
    const delay = backoff[Math.min(failures, backoff.length - 1)];
    failures++;
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      replace().catch((e: unknown) => scheduleRestart(e));
    }, delay);
  }

  return {
    async start() {
      onState('connecting');
      try {
        await launch();
        watch();
      } catch (error) {
        stopped = true;
        generation++;
        await retire(consumer, client);
        throw error;
      }
    },
    async restart(reason) {
      if (stopped) return;
      clearTimeout(restartTimer);
      restartTimer = undefined;
      onState('reconnecting', reason);
      try {
        await replace();
      } catch (error) {
        scheduleRestart(error);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(restartTimer);
      clearInterval(watchdog);
      generation++;
      const c = consumer;
      const owner = client;
      consumer = null;
      client = null;
      await retire(c, owner);
      if (throwawayGroup) {
        // Some may still hold a dead member (NON_EMPTY_GROUP) or be gone already (GROUP_ID_NOT_FOUND):
        // the coordinator drops an empty group without offsets by itself.
        // Bounded: on a dead admin connection this would wait for the request timeout.
        const ids = [groupId, ...abandoned];
        await withTimeout(admin.deleteGroups(ids).catch((error: unknown) => {
          // Reported once per group: it holds no offsets, and kafka.deleteLeftoverGroups() removes it later.
          for (const { groupId: id, reason } of refusalsOf(error, ids).refused) {
            warn(`Kafka refused to delete the stream's throwaway consumer group '${id}' (${redact(reason)}). It holds no offsets; ` +
              'kafka.leftoverGroups() lists such groups and kafka.deleteLeftoverGroups() removes them.', `leftover-group:${id}`);
          }
        }), tuning.disconnectWaitMs);
      }
      onState('stopped');
    },
    positions,
    get groupId() {
      return groupId;
    },
    get restarts() {
      return restarts;
    },
  };
}
