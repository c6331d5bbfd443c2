// Readiness probe used by scripts/services: polls kafkajs `admin.describeCluster()` until the broker answers.
// A bare TCP connect is not enough: the socket opens before the broker has caught up with the metadata log.
//
// Usage: node wait-kafka.mjs --port 9092 [--pid 1234] [--timeout 240] [--once]
// Exit 0 and prints the cluster id when ready; 1 on timeout; 2 when --pid died first.
import kafkajs from 'kafkajs';
import { waitUntilReady } from './wait-until-ready.mjs';

const { Kafka, logLevel } = kafkajs;

async function probe(values) {
  const kafka = new Kafka({
    clientId: 'journal-lens-services-probe',
    brokers: [`${values.host}:${values.port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (!cluster.brokers.length) throw new Error('no brokers in metadata yet');
    return cluster.clusterId;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

await waitUntilReady({ what: 'Kafka', defaultPort: '9092', probe });
