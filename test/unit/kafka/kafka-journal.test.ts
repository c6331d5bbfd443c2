// Option checks of kafkaJournal / eventStream: all happen before anything connects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kafkaJournal } from '../../../src/from-kafka.js';
import { OptionError } from '../../../src/errors.js';

const kafka = kafkaJournal({ brokers: '127.0.0.1:1' });

test('bad stream options throw an OptionError naming the option, synchronously', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ topics: [] }, 'topics'],
    [{ topics: [''] }, 'topics'],
    [{ topics: ['t'], interval: 10 }, 'interval'],
    [{ topics: ['t'], groupId: '' }, 'groupId'],
    [{ topics: ['t'], commit: true }, 'commit'],
    [{ topics: ['t'], window: { seconds: -1 } }, 'window.seconds'],
    [{ topics: ['t'], from: 'yesterday' }, 'from'],
    [{ topics: ['t'], format: 'avro' }, 'format'],
    [{ topics: ['t'], persistenceIdField: 'id' }, 'persistenceIdField'],
    [{ topics: ['t'], format: 'json', key: [1] }, 'key'],
  ];
  for (const [options, option] of cases) {
    assert.throws(() => kafka.eventStream(options as never), (e: unknown) => e instanceof OptionError && e.option === option, JSON.stringify(options));
  }
});

test('kafkaJournal checks brokers at once and connects lazily', () => {
  assert.throws(() => kafkaJournal({ brokers: 'no-port' }), OptionError);
  assert.deepEqual(kafkaJournal({ brokers: ['a:1', 'b:2'] }).brokers, ['a:1', 'b:2']);
});
