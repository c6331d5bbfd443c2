// Checks the services that scripts/services runs, against the live instances (started by the lead's test-all first).
// Never stops anything: other developers share these instances. Topics are prefixed `services_it_` and deleted after.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import cassandra from 'cassandra-driver';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const servicesScript = `${repo}scripts/services`;

function kafkaClient(port: number, sasl?: { mechanism: 'plain' | 'scram-sha-256'; username: string; password: string }) {
  return new Kafka({
    clientId: 'services-it',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { retries: 0 },
    ...(sasl ? { sasl } : {}),
  } as ConstructorParameters<typeof Kafka>[0]);
}

describe('scripts/services', () => {
  test('start is idempotent: a second call is a quick no-op that leaves the services up', () => {
    const t0 = Date.now();
    const r = spawnSync('bash', [servicesScript, 'start'], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, `start failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /cassandra: (already )?up on 127\.0\.0\.1:9042/);
    assert.match(r.stdout, /kafka: (already )?up on 127\.0\.0\.1:9092/);
    // Already running (test-all started them): no JVM start, only the two probes.
    if (/already up/.test(r.stdout)) assert.ok(Date.now() - t0 < 20_000, `idempotent start took ${Date.now() - t0} ms`);

    const s = spawnSync('bash', [servicesScript, 'status'], { encoding: 'utf8' });
    assert.equal(s.status, 0, s.stdout + s.stderr);
    assert.match(s.stdout, /^cassandra\s+up\s+pid \d+/m);
    assert.match(s.stdout, /^kafka\s+up\s+pid \d+/m);
  });

  test('status of an unknown service name fails with a clear message', () => {
    const r = spawnSync('bash', [servicesScript, 'status', 'postgres'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /unknown service 'postgres'/);
  });
});

describe('cassandra on 127.0.0.1:9042', () => {
  const client = new cassandra.Client({
    contactPoints: ['127.0.0.1:9042'],
    localDataCenter: 'datacenter1',
    socketOptions: { connectTimeout: 5000, readTimeout: 20_000 },
  });
  after(() => client.shutdown());

  test('answers CQL and reports release 5.0.x in datacenter1', async () => {
    const rs = await client.execute('SELECT release_version, data_center, cluster_name FROM system.local');
    const row = rs.first();
    assert.match(row.release_version, /^5\.0\.\d+$/);
    assert.equal(row.data_center, 'datacenter1');
  });

  test('a keyspace can be created, written, read and dropped', async () => {
    const ks = `services_it_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await client.execute(
      `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    try {
      await client.execute(`CREATE TABLE ${ks}.t (id int PRIMARY KEY, v blob)`);
      await client.execute(`INSERT INTO ${ks}.t (id, v) VALUES (?, ?)`, [1, Buffer.from([1, 2, 3])], { prepare: true });
      const rs = await client.execute(`SELECT v FROM ${ks}.t WHERE id = ?`, [1], { prepare: true });
      assert.deepEqual([...rs.first().v], [1, 2, 3]);
    } finally {
      await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
    }
  });
});

describe('kafka on 127.0.0.1:9092 (PLAINTEXT)', () => {
  test('answers describeCluster with one broker', async () => {
    const admin = kafkaClient(9092).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      assert.equal(cluster.brokers.length, 1);
      assert.equal(cluster.brokers[0]!.nodeId, 1);
      assert.ok(cluster.clusterId.length > 0);
    } finally {
      await admin.disconnect();
    }
  });

  test('a topic can be created, a message produced and fetched back', async () => {
    const topic = `services_it_${randomUUID()}`;
    const kafka = kafkaClient(9092);
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await admin.connect();
    try {
      assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }), true);
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k1', value: 'hello journal' }] });

      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const got = await new Promise<{ key: string; value: string; offset: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message fetched within 30 s')), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve({ key: String(message.key), value: String(message.value), offset: message.offset });
          },
        });
      });
      assert.deepEqual(got, { key: 'k1', value: 'hello journal', offset: '0' });
    } finally {
      await consumer.disconnect().catch(() => {});
      await producer.disconnect().catch(() => {});
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.deleteGroups([`${topic}-group`]).catch(() => {});
      await admin.disconnect();
    }
  });
});

describe('kafka SASL_PLAINTEXT on 127.0.0.1:9094', () => {
  for (const mechanism of ['plain', 'scram-sha-256'] as const) {
    test(`${mechanism}: the right password authenticates and lists topics`, async () => {
      const admin = kafkaClient(9094, { mechanism, username: 'analyst', password: 'analyst-secret' }).admin();
      await admin.connect();
      try {
        const cluster = await admin.describeCluster();
        assert.equal(cluster.brokers.length, 1);
        // Brokers advertised on the SASL listener, so clients stay on the authenticated port.
        assert.equal(cluster.brokers[0]!.port, 9094);
        assert.ok(Array.isArray(await admin.listTopics()));
      } finally {
        await admin.disconnect();
      }
    });

    test(`${mechanism}: a wrong password is rejected as an authentication failure`, async () => {
      const admin = kafkaClient(9094, { mechanism, username: 'analyst', password: 'not-the-password' }).admin();
      await assert.rejects(
        async () => {
          await admin.connect();
          await admin.describeCluster();
        },
        (err: Error) => {
          assert.match(`${err.name} ${err.message}`, /SASL|[Aa]uthentication/);
          return true;
        },
      );
      await admin.disconnect().catch(() => {});
    });
  }
});

// cassandra-auth is optional (`scripts/services start cassandra-auth`): checked only when it is running.
const authUp = spawnSync('bash', [servicesScript, 'status', 'cassandra-auth'], { encoding: 'utf8' }).status === 0;
describe('cassandra-auth on 127.0.0.1:9142 (PasswordAuthenticator)', { skip: authUp ? false : 'cassandra-auth not running' }, () => {
  const connect = async (password: string) => {
    const client = new cassandra.Client({
      contactPoints: ['127.0.0.1:9142'],
      localDataCenter: 'datacenter1',
      authProvider: new cassandra.auth.PlainTextAuthProvider('cassandra', password),
      socketOptions: { connectTimeout: 5000 },
    });
    try {
      await client.connect();
      return (await client.execute('SELECT release_version FROM system.local')).first().release_version as string;
    } finally {
      await client.shutdown();
    }
  };

  test('the superuser cassandra/cassandra can query', async () => {
    assert.match(await connect('cassandra'), /^5\.0\.\d+$/);
  });

  test('a wrong password is rejected with an authentication error', async () => {
    await assert.rejects(connect('wrong'), (err: Error) => {
      assert.match(`${err.name}: ${err.message}`, /[Aa]uthentication|credentials/);
      return true;
    });
  });
});
