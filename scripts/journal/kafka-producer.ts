// Publishes the demo shopping-cart events to Kafka, as krasserm/akka-persistence-kafka publishes
// to its user-defined `events` topic (docs/journal-formats.md §4): key = persistenceId (UTF-8), value =
// KafkaEventSerializer bytes = EventFormat { persistenceId, sequenceNr, data { serializerId 31,
// JSON bytes, manifest } }. Or, with format 'json', a plain JSON object per message.
// Every event body carries `producedAt` (epoch ms at send time) so consumers can measure latency.
// Order per persistence id: one key → one partition (Java-compatible murmur2 partitioner), and
// sends are awaited one after another, so a retry can never overtake an earlier send.
// Module: createDemoProducer(options) → { produce, close }. CLI: npx tsx scripts/journal/kafka-producer.ts --help
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel, Partitioners, type Message, type Producer } from 'kafkajs';
import { cartHistory, mulberry32, demoDefaults, type DemoOptions } from './demo-domain.js';
import { eventFormatFromFields } from './encode/kafka-event-format.js';
import { JACKSON_JSON_ID } from './encode/jackson.js';
import type { JournalEvent } from './writer.js';

export const producerDefaults = {
  brokers: ['127.0.0.1:9092'],
  topic: 'events',
  format: 'event-format' as DemoFormat,
  partitions: 3,
  replicationFactor: 1,
  seed: demoDefaults.seed,
  /** Carts whose events are interleaved at any time (a live shop has many open carts). */
  activeCarts: 200,
  /** Messages per send request in bulk mode. */
  chunkSize: 2000,
};

/** 'event-format' = the akka-persistence-kafka EventFormat protobuf; 'json' = plain JSON objects. */
export type DemoFormat = 'event-format' | 'json';

export interface DemoProducerOptions {
  /** Default ['127.0.0.1:9092']. */
  brokers?: string[];
  /** Default 'events'. */
  topic?: string;
  /** Default 'event-format'. */
  format?: DemoFormat;
  /** Partitions of the topic when it has to be created. Default 3. */
  partitions?: number;
  /** Default 42. */
  seed?: number;
  /** Default 200. */
  activeCarts?: number;
  /** First cart number (default 1); use a different range per run to get new persistence ids. */
  firstCart?: number;
  /** Passed to the demo domain (start date etc.). */
  demo?: Omit<DemoOptions, 'seed' | 'carts' | 'maxEvents' | 'plain'>;
}

export interface ProduceOptions {
  /** Events per second; default unlimited (bulk). */
  rate?: number;
  /** Stop after this many events. */
  count?: number;
  /** Stop after this many seconds. Without count and seconds: until `signal` aborts. */
  seconds?: number;
  signal?: AbortSignal;
  /** Called about once per second. */
  onProgress?: (sent: number, elapsedMs: number) => void;
}

export interface ProduceResult {
  sent: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface DemoProducer {
  readonly topic: string;
  readonly format: DemoFormat;
  /** Sends the next events of the demo stream; a second call continues where the first stopped. */
  produce(options: ProduceOptions): Promise<ProduceResult>;
  close(): Promise<void>;
}

/** An endless interleaving of cart histories; per cart the events stay in order. */
function createEventStream(seed: number, activeCarts: number, firstCart: number, demo: DemoOptions) {
  const rng = mulberry32(seed ^ 0x5eed);
  let nextCart = firstCart;
  const pool: { events: JournalEvent[]; at: number }[] = [];
  const refill = (slot: number) => {
    pool[slot] = { events: cartHistory(nextCart++, { ...demo, seed, plain: true }).events, at: 0 };
  };
  for (let i = 0; i < activeCarts; i++) refill(i);
  return (): JournalEvent => {
    const slot = Math.floor(rng() * pool.length);
    const cart = pool[slot]!;
    const ev = cart.events[cart.at++]!;
    if (cart.at >= cart.events.length) refill(slot);
    return ev;
  };
}

function messageOf(ev: JournalEvent, format: DemoFormat, producedAt: number): Message {
  const manifest = ev.manifest ?? '';
  const body = { ...(ev.event as Record<string, unknown>), producedAt };
  const key = ev.persistenceId;
  if (format === 'json') {
    const type = manifest.slice(manifest.lastIndexOf('$') + 1);
    const value = JSON.stringify({ persistenceId: ev.persistenceId, sequenceNr: ev.sequenceNr, type, ...body });
    return { key, value, timestamp: String(producedAt) };
  }
  const value = eventFormatFromFields({ persistenceId: ev.persistenceId, sequenceNr: ev.sequenceNr,
    serializerId: JACKSON_JSON_ID, bytes: Buffer.from(JSON.stringify(body), 'utf8'), manifest });
  return { key, value, timestamp: String(producedAt) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Connects, creates the topic when missing, and returns a producer of demo events.
 *
 * @example
 * const p = await createDemoProducer({ topic: 'events', format: 'event-format', partitions: 3 });
 * await p.produce({ rate: 1000, seconds: 10 });   // 10 000 events at 1000/s
 * await p.produce({ count: 2_000_000 });           // bulk, as fast as the broker takes them
 * await p.close();
 */
export async function createDemoProducer(options: DemoProducerOptions = {}): Promise<DemoProducer> {
  const brokers = options.brokers ?? producerDefaults.brokers;
  const topic = options.topic ?? producerDefaults.topic;
  const format = options.format ?? producerDefaults.format;
  if (format !== 'event-format' && format !== 'json') throw new Error(`format must be 'event-format' or 'json', got '${String(format)}'.`);
  const partitions = options.partitions ?? producerDefaults.partitions;
  const kafka = new Kafka({ clientId: 'journal-lens-demo-producer', brokers, logLevel: logLevel.ERROR,
    retry: { retries: 5, initialRetryTime: 200 } });
  const admin = kafka.admin();
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  try {
    await admin.connect();
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: producerDefaults.replicationFactor }], waitForLeaders: true });
    }
    await producer.connect();
  } catch (err) {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
    throw new Error(`Could not connect to Kafka at ${brokers.join(', ')} or create topic '${topic}': ${(err as Error).message}. ` +
      'Start the services with `scripts/services start`, or pass brokers.', { cause: err });
  }
  await admin.disconnect();

  const next = createEventStream(options.seed ?? producerDefaults.seed, options.activeCarts ?? producerDefaults.activeCarts,
    options.firstCart ?? 1, options.demo ?? {});

  async function produce(opts: ProduceOptions): Promise<ProduceResult> {
    const { rate, count, seconds, signal, onProgress } = opts;
    if (rate !== undefined && !(rate > 0)) throw new Error(`rate must be > 0 events/s, got ${rate}.`);
    const limit = count ?? Infinity;
    const deadline = seconds !== undefined ? performance.now() + seconds * 1000 : Infinity;
    const started = performance.now();
    let sent = 0;
    let lastProgress = started;
    while (sent < limit && !signal?.aborted) {
      const now = performance.now();
      if (now >= deadline) break;
      // rate mode: send what is due by now; bulk mode: a full chunk
      const due = rate !== undefined ? Math.floor(((now - started) / 1000) * rate) + 1 - sent : producerDefaults.chunkSize;
      const n = Math.min(due, producerDefaults.chunkSize, limit - sent);
      if (n <= 0) {
        await sleep(Math.max(1, Math.min(50, 1000 / rate!)));
        continue;
      }
      const producedAt = Date.now();
      const messages: Message[] = new Array(n);
      for (let i = 0; i < n; i++) messages[i] = messageOf(next(), format, producedAt);
      await producer.send({ topic, messages, acks: 1 });
      sent += n;
      if (onProgress && performance.now() - lastProgress >= 1000) {
        lastProgress = performance.now();
        onProgress(sent, lastProgress - started);
      }
    }
    const elapsedMs = performance.now() - started;
    return { sent, elapsedMs, eventsPerSecond: sent / Math.max(elapsedMs / 1000, 1e-3) };
  }

  return { topic, format, produce, close: () => producer.disconnect() };
}

const HELP = `Publishes demo shopping-cart events to Kafka (akka-persistence-kafka user-topic format).

Usage: npx tsx scripts/journal/kafka-producer.ts [options]
  --brokers LIST       comma-separated (default 127.0.0.1:9092)
  --topic NAME         default events (created when missing)
  --partitions N       partitions when the topic is created (default 3)
  --format F           event-format (protobuf EventFormat, serializer 31 JSON inside) | json (default event-format)
  --rate N             events per second (default: as fast as possible)
  --count N            stop after N events
  --seconds N          stop after N seconds (without --count/--seconds: until Ctrl-C)
  --seed N             PRNG seed (default 42)
  --first-cart N       first cart number (default 1)

Examples:
  npx tsx scripts/journal/kafka-producer.ts --rate 1000 --seconds 60
  npx tsx scripts/journal/kafka-producer.ts --topic events_json --format json --count 2000000`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      brokers: { type: 'string' },
      topic: { type: 'string' },
      partitions: { type: 'string' },
      format: { type: 'string' },
      rate: { type: 'string' },
      count: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      'first-cart': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a positive number, got '${v}'.`);
    return n;
  };
  const producer = await createDemoProducer({
    brokers: values.brokers?.split(','),
    topic: values.topic,
    format: values.format as DemoFormat | undefined,
    partitions: num('partitions', values.partitions),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    firstCart: num('first-cart', values['first-cart']),
  });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const rate = num('rate', values.rate);
  console.log(`producing to '${producer.topic}' (${producer.format})${rate ? ` at ${rate} events/s` : ' as fast as possible'}...`);
  try {
    const res = await producer.produce({
      rate, count: num('count', values.count), seconds: num('seconds', values.seconds), signal: abort.signal,
      onProgress: (sent, ms) => process.stderr.write(`  ${sent} events, ${Math.round(sent / (ms / 1000))} events/s\n`),
    });
    console.log(`sent ${res.sent} events to '${producer.topic}' in ${(res.elapsedMs / 1000).toFixed(1)} s (${Math.round(res.eventsPerSecond)} events/s)`);
  } finally {
    await producer.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
