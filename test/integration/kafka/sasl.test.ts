// SASL PLAIN and SCRAM-SHA-256 on the 9094 listener (user analyst / analyst-secret).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { AuthenticationError } from '../../../src/errors.js';
import { akkaMessages, cleanup, createTopic, produce, SASL_BROKER, until } from './helpers.js';

after(async () => {
  await stopAll();
  await cleanup();
});

for (const mechanism of ['plain', 'scram-sha-256'] as const) {
  test(`SASL ${mechanism}: reads with the right password`, async () => {
    const topic = await createTopic(`sasl_${mechanism.replace(/-/g, '')}`, 1);
    await produce(topic, akkaMessages(20, 2));
    const s = kafkaJournal({ brokers: SASL_BROKER, sasl: { mechanism, username: 'analyst', password: 'analyst-secret' } })
      .eventStream({ topics: [topic], from: 'earliest', window: { events: 100 }, interval: 100 });
    await s.ready();
    await until(() => s.window().numRows() === 20, 15_000, '20 rows');
    assert.ok(!s.statusLine().includes('analyst-secret'));
    await s.stop();
  });

  test(`SASL ${mechanism}: a wrong password is an AuthenticationError that does not show it`, async () => {
    const topic = await createTopic('sasl_bad', 1);
    const password = `wrong-${mechanism}-pw`;
    const s = kafkaJournal({ brokers: SASL_BROKER, sasl: { mechanism, username: 'analyst', password } })
      .eventStream({ topics: [topic], interval: 100 });
    const error = await s.ready().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.match(error.message, /refused the SASL credentials/);
    assert.ok(!error.message.includes(password));
    assert.ok(!s.statusLine().includes(password));
    await s.stop();
  });
}
