import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { kafkaConfigFromOptions } from '../../../src/kafka/kafka-config.js';
import { maybeFrom } from '../../../src/kafka/start-offsets.js';
import { streamKey } from '../../../src/kafka/stream-key.js';
import { errorFromKafkajs } from '../../../src/kafka/error-from-kafkajs.js';
import { AuthenticationError, ConnectionError, NotFoundError, OptionError, StreamError } from '../../../src/errors.js';
import { redact } from '../../../src/util/redact.js';

test('brokers: string, comma list or array; bad ones throw', () => {
  assert.deepEqual(kafkaConfigFromOptions({ brokers: 'a:1, b:2' }).brokers, ['a:1', 'b:2']);
  assert.deepEqual(kafkaConfigFromOptions({ brokers: ['a:1'] }).brokers, ['a:1']);
  for (const brokers of ['', 'nohost', 'a:b', [] as string[]]) {
    assert.throws(() => kafkaConfigFromOptions({ brokers }), (e: unknown) => e instanceof OptionError && e.option === 'brokers');
  }
});

test('kafkajs config: timeouts, short retries, silent logging, ssl and sasl passed through', () => {
  const { config } = kafkaConfigFromOptions({
    brokers: 'a:1', ssl: { rejectUnauthorized: false }, sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'hunter2-secret' },
    connectionTimeoutMs: 1500, kafkajs: { requestTimeout: 9000 },
  });
  assert.equal(config.connectionTimeout, 1500);
  assert.equal(config.requestTimeout, 9000);
  assert.equal(config.retry?.retries, 1);
  assert.deepEqual(config.ssl, { rejectUnauthorized: false });
  assert.deepEqual(config.sasl, { mechanism: 'scram-sha-256', username: 'u', password: 'hunter2-secret' });
  assert.equal(config.logCreator!(kafkajs.logLevel.ERROR)({ namespace: 'x', level: 1, label: 'ERROR', log: { message: 'm', timestamp: '' } }), undefined);
  assert.equal(redact('auth failed for hunter2-secret'), 'auth failed for ***', 'the password is remembered as a secret');
  assert.throws(() => kafkaConfigFromOptions({ brokers: 'a:1', sasl: { mechanism: 'gssapi', username: 'u', password: 'p' } as never }), OptionError);
  assert.throws(() => kafkaConfigFromOptions({ brokers: 'a:1', connectionTimeoutMs: -1 }), OptionError);
});

test('maybeFrom', () => {
  assert.equal(maybeFrom(undefined), undefined);
  assert.equal(maybeFrom('earliest'), 'earliest');
  assert.equal(maybeFrom('latest'), 'latest');
  assert.equal(maybeFrom(new Date(5000)), 5000);
  assert.equal(maybeFrom(7), 7);
  assert.throws(() => maybeFrom('yesterday'), OptionError);
  assert.throws(() => maybeFrom(new Date('nope')), OptionError);
});

test('stream keys: name wins; otherwise order-insensitive description', () => {
  const a = streamKey({ brokers: ['b:1', 'a:1'], topics: ['y', 'x'], format: 'akka' });
  const b = streamKey({ brokers: ['a:1', 'b:1'], topics: ['x', 'y'], format: 'akka' });
  assert.equal(a, b);
  assert.notEqual(a, streamKey({ brokers: ['a:1', 'b:1'], topics: ['x', 'y'], format: 'json' }));
  assert.notEqual(a, streamKey({ brokers: ['a:1', 'b:1'], topics: ['x', 'y'], format: 'akka', window: { events: 5 } }));
  assert.equal(streamKey({ name: 'orders', brokers: ['a:1'], topics: ['x'], format: 'akka' }), 'name:orders');
});

test('kafkajs errors map to ConnectionError / AuthenticationError / StreamError', () => {
  const { KafkaJSNumberOfRetriesExceeded, KafkaJSConnectionError, KafkaJSSASLAuthenticationError, KafkaJSProtocolError } = kafkajs;
  const refused = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9'), { retryCount: 1, retryTime: 300 });
  const c = errorFromKafkajs(refused, ['127.0.0.1:9'], 'connecting', 3000);
  assert.ok(c instanceof ConnectionError);
  assert.deepEqual((c as ConnectionError).endpoints, ['127.0.0.1:9']);
  assert.match(c.message, /Could not reach Kafka at 127\.0\.0\.1:9 while connecting \(connection timeout 3000 ms, tried twice\): Connection error: connect ECONNREFUSED 127\.0\.0\.1:9\./);
  assert.equal(c.retriable, true);
  const a = errorFromKafkajs(new (KafkaJSSASLAuthenticationError as unknown as new (m: string) => Error)('SASL PLAIN authentication failed'), ['h:9094'], 'connecting');
  assert.ok(a instanceof AuthenticationError);
  const other = errorFromKafkajs(new KafkaJSProtocolError('boom'), ['h:1'], 'reading');
  assert.ok(other instanceof StreamError);
  const ours = new NotFoundError('topic', 'x', [], 'missing');
  assert.equal(errorFromKafkajs(ours, [], 'x'), ours);
});
