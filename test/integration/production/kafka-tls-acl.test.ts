// kafka-secure (scripts/services): an SSL listener with the throwaway CA's certificate, and a
// SASL_SSL listener under StandardAuthorizer ACLs. A stream works for user `reader` with READ on
// the topic prefix and READ/DELETE on the throwaway-group prefix only, and deletes its group on stop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import kafkajs, { type Admin } from 'kafkajs';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { ConnectionError } from '../../../src/errors.js';
import { akkaMessages, until } from '../kafka/helpers.js';
import { caPem, KAFKA_SECURE, otherCaPem } from './helpers.js';

const { Kafka, logLevel, AclResourceTypes, ResourcePatternTypes, AclOperationTypes, AclPermissionTypes } = kafkajs;
const TOPIC_PREFIX = 'prod_acl_';
const GROUP_PREFIX = 'journal-lens-throwaway-';
const topic = `${TOPIC_PREFIX}${randomBytes(4).toString('hex')}`;
const superuser = new Kafka({ clientId: 'prod-it', brokers: [KAFKA_SECURE.internal], logLevel: logLevel.NOTHING });
let admin: Admin;

const acl = (resourceType: number, resourceName: string, operation: number) => ({
  resourceType, resourceName, resourcePatternType: ResourcePatternTypes.PREFIXED, principal: 'User:reader', host: '*',
  operation, permissionType: AclPermissionTypes.ALLOW,
});
const ACLS = [
  acl(AclResourceTypes.TOPIC, TOPIC_PREFIX, AclOperationTypes.READ),
  acl(AclResourceTypes.GROUP, GROUP_PREFIX, AclOperationTypes.READ),
  acl(AclResourceTypes.GROUP, GROUP_PREFIX, AclOperationTypes.DELETE),
];

before(async () => {
  admin = superuser.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  const producer = superuser.producer();
  await producer.connect();
  await producer.send({ topic, messages: akkaMessages(500, 10), acks: -1 });
  await producer.disconnect();
  await admin.createAcls({ acl: ACLS });
});

after(async () => {
  await stopAll();
  await admin.deleteAcls({ filters: ACLS }).catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

test('SASL_SSL under ACLs (topic READ, group READ/DELETE on its prefix): a stream reads everything and deletes its group on stop', async () => {
  const s = kafkaJournal({
    brokers: KAFKA_SECURE.saslSsl, ssl: { ca: [caPem()] }, sasl: { mechanism: 'scram-sha-256', username: 'reader', password: 'reader-secret' },
  }).eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 100 });
  await s.ready();
  await until(() => s.window().numRows() === 500, 30_000, '500 rows');
  const group = s.groupId;
  assert.ok(group.startsWith(GROUP_PREFIX), group);
  await s.stop();
  const left = (await admin.listGroups()).groups.map((g) => g.groupId);
  assert.ok(!left.includes(group), `the throwaway group ${group} was deleted (left: ${left.join(', ')})`);

  // The ACLs are enforced: a topic outside the prefix is invisible to `reader`.
  const hidden = `prod_hidden_${randomBytes(4).toString('hex')}`;
  await admin.createTopics({ topics: [{ topic: hidden, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  try {
    const denied = kafkaJournal({
      brokers: KAFKA_SECURE.saslSsl, ssl: { ca: [caPem()] }, sasl: { mechanism: 'scram-sha-256', username: 'reader', password: 'reader-secret' },
    }).eventStream({ topics: [hidden], interval: 100 });
    const error = await denied.ready().then(() => undefined, (e: unknown) => e);
    await denied.stop();
    assert.ok(error instanceof Error, 'a topic without an ACL is refused');
  } finally {
    await admin.deleteTopics({ topics: [hidden] }).catch(() => {});
  }
});

test('SSL with the CA reads; with a CA that did not sign the broker certificate: one ConnectionError naming host:port and ssl.ca', async () => {
  const ok = kafkaJournal({ brokers: KAFKA_SECURE.ssl, ssl: { ca: [caPem()] } })
    .eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 100 });
  await ok.ready();
  await until(() => ok.window().numRows() === 500, 30_000, '500 rows over SSL');
  await ok.stop();

  const bad = kafkaJournal({ brokers: KAFKA_SECURE.ssl, ssl: { ca: [otherCaPem()] } }).eventStream({ topics: [topic], interval: 100 });
  const error = await bad.ready().then(() => undefined, (e: unknown) => e);
  await bad.stop();
  assert.ok(error instanceof ConnectionError, String(error));
  assert.deepEqual(error.endpoints, [KAFKA_SECURE.ssl]);
  assert.match(error.message, new RegExp(`Kafka at ${KAFKA_SECURE.ssl.replace(/\./g, '\\.')} over TLS`));
  assert.match(error.message, /certificate was not accepted/);
  assert.match(error.message, /ssl: \{ ca: \[fs\.readFileSync\('ca\.pem'\)\] \}/);
  assert.ok(!error.message.includes('\n'), 'one paragraph');
});
