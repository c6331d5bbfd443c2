// Readiness probe used by scripts/services: polls kafkajs `admin.describeCluster()` until the broker answers.
// A bare TCP connect is not enough: the socket opens before the broker has caught up with the metadata log.
//
// Usage: node wait-kafka.mjs --port 9092 [--pid 1234] [--timeout 240] [--once]
// Exit 0 and prints the cluster id when ready; 1 on timeout; 2 when --pid died first.
import kafkajs from 'kafkajs';
import { parseArgs } from 'node:util';

const { Kafka, logLevel } = kafkajs;
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '9092' },
    pid: { type: 'string' },
    timeout: { type: 'string', default: '240' },
    once: { type: 'boolean', default: false },
  },
});

const deadline = Date.now() + Number(values.timeout) * 1000;
const pid = values.pid ? Number(values.pid) : undefined;

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe() {
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

let lastError = '';
for (;;) {
  if (pid !== undefined && !alive(pid)) {
    console.error(`process ${pid} exited before answering (last error: ${lastError || 'none'})`);
    process.exit(2);
  }
  try {
    console.log(await probe());
    process.exit(0);
  } catch (err) {
    lastError = String(err?.message ?? err).split('\n')[0];
  }
  if (values.once || Date.now() > deadline) {
    console.error(`no Kafka answer on ${values.host}:${values.port} (last error: ${lastError})`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 1000));
}
