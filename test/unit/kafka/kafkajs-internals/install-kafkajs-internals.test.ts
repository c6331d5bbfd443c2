// One install of every kafkajs-internals change: real kafkajs 2.2.4 takes all three; when an
// installer fails (another kafkajs version) the report says what is missing and what it costs.
import assert from 'node:assert/strict';
import test from 'node:test';
import { installKafkajsInternals } from '../../../../src/kafka/kafkajs-internals/install-kafkajs-internals.js';
import { RAW_BATCH } from '../../../../src/kafka/kafkajs-internals/raw-fetch.js';

test('installs every change on kafkajs 2.2.4, once', () => {
  const first = installKafkajsInternals();
  assert.deepEqual(first, { requestQueue: true, rawFetch: true, exactAborts: true, problem: undefined });
  assert.equal(installKafkajsInternals(), first, 'later calls return the first report');
  assert.equal(typeof RAW_BATCH, 'symbol');
});

test('an installer that cannot install: the report names what is missing and the cost', () => {
  const other = 'kafkajs is not the version journal-lens patches (2.2.4)';
  const noRaw = installKafkajsInternals({ requestQueue: () => true, rawFetch: () => other, exactAborts: () => true });
  assert.equal(noRaw.rawFetch, false);
  assert.equal(noRaw.exactAborts, false, 'no abort filtering without the raw path');
  assert.match(noRaw.problem ?? '', /half speed/);
  assert.match(noRaw.problem ?? '', /kafkajs 2\.2\.4 \(found: /);
  const noQueue = installKafkajsInternals({ requestQueue: () => other, rawFetch: () => true, exactAborts: () => true });
  assert.match(noQueue.problem ?? '', /RequestQueue/);
  assert.doesNotMatch(noQueue.problem ?? '', /half speed/);
  const noAborts = installKafkajsInternals({ requestQueue: () => true, rawFetch: () => true, exactAborts: () => other });
  assert.match(noAborts.problem ?? '', /abort/);
});
