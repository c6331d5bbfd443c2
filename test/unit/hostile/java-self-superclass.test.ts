// Fault: a Java serialization payload whose class descriptor names itself as its own superclass
// (a back reference to its own handle) made the reader walk the hierarchy until V8 aborted the
// process, from Cassandra and from Kafka alike. It must be one undecodable row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mutualSuperclassObject, selfSuperclassObject } from './java-stream.js';
import { viaCassandra, viaKafka } from './paths.js';

test('java self-superclass: a descriptor naming itself as its superclass is an undecodable row (Cassandra and Kafka)', { timeout: 20_000 }, async () => {
  const bytes = selfSuperclassObject();
  const cassandra = viaCassandra(1, '', bytes);
  assert.match(cassandra.error ?? '', /A names itself as its own superclass/);
  assert.equal(cassandra.event, null);
  const kafka = await viaKafka(1, '', bytes);
  assert.match(kafka.error ?? '', /A names itself as its own superclass/);
});

test('java self-superclass: a cycle through two descriptors (A → B → A) is refused too', { timeout: 20_000 }, () => {
  assert.match(viaCassandra(1, '', mutualSuperclassObject()).error ?? '', /names itself as its own superclass/);
});
