// Topic chores of the Kafka workload (a child, so the harness itself holds no Kafka client):
//   ensure NAME N FORMAT PARTITIONS  — the ingest topic holds exactly N demo events (produced in bulk when not)
//   create NAME PARTITIONS           — a fresh, empty topic for one latency run
//   delete NAME                      — removes a topic this benchmark created
import kafkajs from 'kafkajs';
import { createDemoProducer, type DemoFormat } from '../../scripts/journal/kafka-producer.js';
import { printResult } from '../lib/child.js';

const [verb, brokers, name, ...rest] = process.argv.slice(2);
if (!verb || !brokers || !name) throw new Error('usage: admin.ts ensure|create|delete BROKERS TOPIC …');
const kafka = new kafkajs.Kafka({ clientId: 'journal-lens-bench', brokers: brokers.split(','), logLevel: kafkajs.logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();

async function messagesIn(topic: string): Promise<number | undefined> {
  if (!(await admin.listTopics()).includes(topic)) return undefined;
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

try {
  if (verb === 'ensure') {
    const [count, format, partitions] = [Number(rest[0]), rest[1] as DemoFormat, Number(rest[2])];
    const present = await messagesIn(name);
    if (present === count) {
      printResult({ produced: false, messages: present });
    } else {
      if (present !== undefined) {
        await admin.deleteTopics({ topics: [name], timeout: 30_000 });
        // the broker deletes asynchronously; wait until the name is free
        for (let i = 0; i < 100 && (await admin.listTopics()).includes(name); i++) await new Promise((r) => setTimeout(r, 200));
      }
      await admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
      const producer = await createDemoProducer({ brokers: brokers.split(','), topic: name, format, partitions });
      const r = await producer.produce({ count, onProgress: (sent, ms) => process.stderr.write(`  produced ${sent} (${Math.round(sent / (ms / 1000))}/s)\n`) });
      await producer.close();
      printResult({ produced: true, messages: await messagesIn(name), eventsPerSecond: r.eventsPerSecond });
    }
  } else if (verb === 'create') {
    await admin.createTopics({ topics: [{ topic: name, numPartitions: Number(rest[0]), replicationFactor: 1 }], waitForLeaders: true });
    printResult({ created: name });
  } else if (verb === 'delete') {
    if ((await admin.listTopics()).includes(name)) await admin.deleteTopics({ topics: [name], timeout: 30_000 });
    printResult({ deleted: name });
  } else {
    throw new Error(`unknown verb ${verb}`);
  }
} finally {
  await admin.disconnect();
}
