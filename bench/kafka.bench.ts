// The Kafka consume path, measured two ways (measures only; nothing fails on a timing):
//
// 1. Against a broker: N akka EventFormat events (Jackson JSON inside, ~200 B) read from the
//    earliest offset by three subjects, each in a fresh process, interleaved:
//      bare     kafkajs eachBatch, count only (bench/kafka/bare-ingest.ts)
//      decode   kafkajs eachBatch + the same decoding per record (kafkaEventFromBytes + registry)
//      ours     eventStream into a window that holds all N (bench/kafka/ours-ingest.ts)
//    "decode" is the fair anchor for our overhead: payload decoding is work the user asked for.
// 2. In process, no Kafka: the same records as kafkajs message objects, timed through decode only,
//    our record format (columns), and format + rolling window, so the overhead is seen without
//    broker and network noise.
//
//   node --import tsx bench/kafka.bench.ts [--brokers 127.0.0.1:9092] [--events 2000000] [--runs 2]
//   (the topic bench_ingest_akka_<N> is produced once by bench/kafka/admin.ts ensure and kept)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import kafkajs, { type KafkaMessage } from 'kafkajs';
import { kafkaEventFromBytes } from '../src/decode/kafka-event.js';
import { eventFormatScanner } from '../src/decode/kafka-event-scan.js';
import { createDecoderRegistry } from '../src/decode/registry.js';
import { createAkkaFormat } from '../src/kafka/formats/akka-format.js';
import { recordsOf } from '../src/kafka/records/record-cursor.js';
import { defaults as tuning } from '../src/kafka/stream-consumer.js';
import { maybeWindow } from '../src/window/maybe-window.js';
import { createRollingWindow } from '../src/window/rolling-window.js';
import { jacksonEvent } from '../test/unit/kafka/event-format-bytes.js';

const { values } = parseArgs({
  options: { brokers: { type: 'string' }, events: { type: 'string' }, runs: { type: 'string' }, child: { type: 'string' }, topic: { type: 'string' } },
});
const brokers = values.brokers ?? '127.0.0.1:9092';
const events = Number(values.events ?? 2_000_000);
const runs = Number(values.runs ?? 2);

/** Child mode: bare kafkajs + the decoding our stream does, counting records. */
async function decodeChild(topic: string): Promise<void> {
  const registry = createDecoderRegistry();
  const kafka = new kafkajs.Kafka({ clientId: 'journal-lens-bench', brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING });
  const t0 = performance.now();
  const consumer = kafka.consumer({
    groupId: `journal-lens-bench-${randomBytes(6).toString('hex')}`, maxBytesPerPartition: tuning.maxBytesPerPartition,
    maxBytes: tuning.maxBytes, maxWaitTimeInMs: tuning.maxWaitTimeInMs, sessionTimeout: tuning.sessionTimeout,
  });
  let seen = 0;
  let ms = 0;
  await new Promise<void>((resolve) => {
    void consumer.connect().then(() => consumer.subscribe({ topics: [topic], fromBeginning: true })).then(() => consumer.run({
      autoCommit: false, partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const e = kafkaEventFromBytes(m.value!);
          registry.decode(e.payload.serializerId, e.payload.manifest, e.payload.bytes);
        }
        seen += batch.messages.length;
        if (seen >= events && ms === 0) {
          ms = performance.now() - t0;
          resolve();
        }
      },
    }));
  });
  await consumer.disconnect();
  console.log(`RESULT ${JSON.stringify({ rows: seen, ms })}`);
}

function child(args: string[]): { rows: number; ms: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', timeout: 600_000 });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT from ${args.join(' ')}: ${out.slice(-500)}`);
  return JSON.parse(line.slice(7));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** Part 2: the consume path in process, on 1M prebuilt kafkajs-shaped records. */
function inProcess(): string[] {
  const n = 1_000_000;
  const perBatch = 5000;
  const batches: KafkaMessage[][] = [];
  const seqs = new Map<string, number>();
  for (let b = 0; b < n / perBatch; b++) {
    const ms: KafkaMessage[] = [];
    for (let i = 0; i < perBatch; i++) {
      const k = b * perBatch + i;
      const pid = `ShoppingCart|cart-${k % 20_000}`;
      const seq = (seqs.get(pid) ?? 0) + 1;
      seqs.set(pid, seq);
      const value = jacksonEvent(pid, seq, { cartId: `cart-${k % 20_000}`, itemId: `item-${k % 97}`, quantity: k % 5, producedAt: 1.7e12 + k },
        'com.example.cart.ShoppingCart$ItemAdded');
      ms.push({ key: Buffer.from(pid), value, timestamp: String(1.7e12 + k), attributes: 0, offset: String(k), headers: {} });
    }
    batches.push(ms);
  }
  const registry = createDecoderRegistry();
  const format = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry });
  const subjects: [string, () => void][] = [
    ['decode only (kafkaEventFromBytes + registry)', () => {
      for (const ms of batches) for (const m of ms) {
        const e = kafkaEventFromBytes(m.value!);
        registry.decode(e.payload.serializerId, e.payload.manifest, e.payload.bytes);
      }
    }],
    ['akka format → columns', () => { for (const ms of batches) format('t', 0, recordsOf(ms)); }],
    ['format + window of 10k', () => { const w = createRollingWindow(maybeWindow({ events: 10_000 })); for (const ms of batches) w.append(format('t', 0, recordsOf(ms))); }],
    ['format + window of all 1M', () => { const w = createRollingWindow(maybeWindow({ events: n })); for (const ms of batches) w.append(format('t', 0, recordsOf(ms))); }],
  ];
  const times = new Map<string, number[]>(subjects.map(([name]) => [name, []]));
  for (let r = 0; r < 3; r++) {
    for (const [name, run] of subjects) {
      const t = performance.now();
      run();
      times.get(name)!.push(performance.now() - t);
    }
  }
  const base = median(times.get(subjects[0][0])!);
  return subjects.map(([name]) => {
    const m = median(times.get(name)!);
    return `${name.padEnd(46)} ${(m * 1000 / n).toFixed(2).padStart(6)} µs/event  ${(base / m).toFixed(2)}× decode-only throughput`;
  });
}

if (values.child === 'decode') {
  await decodeChild(values.topic!);
} else {
  const topic = `bench_ingest_akka_${events}`;
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/kafka/admin.ts', 'ensure', brokers, topic, String(events), 'event-format', '3'], { stdio: 'ignore', timeout: 1_800_000 });
  const ms: Record<string, number[]> = { bare: [], decode: [], ours: [] };
  for (let r = 0; r < runs; r++) {
    ms.bare.push(child(['bench/kafka/bare-ingest.ts', brokers, topic, String(events)]).ms);
    ms.decode.push(child(['bench/kafka.bench.ts', '--child', 'decode', '--brokers', brokers, '--events', String(events), '--topic', topic]).ms);
    ms.ours.push(child(['bench/kafka/ours-ingest.ts', brokers, topic, 'akka', String(events)]).ms);
  }
  const rate = (xs: number[]) => events / (median(xs) / 1000);
  console.log(`Kafka consume path: ${events.toLocaleString('en-US')} akka events from ${brokers}, median of ${runs} interleaved runs`);
  for (const [name, label] of [['bare', 'bare kafkajs eachBatch, count only'], ['decode', 'bare kafkajs + the same decoding'], ['ours', 'eventStream → window of all N']] as const) {
    console.log(`${label.padEnd(46)} ${Math.round(rate(ms[name])).toLocaleString('en-US').padStart(9)} events/s  ours ÷ this: ${(rate(ms.ours) / rate(ms[name])).toFixed(2)}`);
  }
  console.log('\nIn process, no Kafka (1M records, median of 3):');
  for (const line of inProcess()) console.log(line);
}
