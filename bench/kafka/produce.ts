// The fixed-rate producer of a latency run, in a process of its own (so that it does not share
// an event loop with the consumer it is measuring): the demo producer at RATE events/s for SECONDS.
// Every event carries producedAt (epoch ms at send time), which the consumers measure from.
import { createDemoProducer, type DemoFormat } from '../../scripts/journal/kafka-producer.js';
import { printResult } from '../lib/child.js';

const [brokers, topic, format, rate, seconds] = process.argv.slice(2);
const producer = await createDemoProducer({ brokers: brokers!.split(','), topic, format: format as DemoFormat, partitions: 3 });
const startedAt = Date.now();
const r = await producer.produce({ rate: Number(rate), seconds: Number(seconds) });
await producer.close();
printResult({ sent: r.sent, elapsedMs: r.elapsedMs, eventsPerSecond: r.eventsPerSecond, startedAt });
