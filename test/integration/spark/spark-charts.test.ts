// The chart helpers given a Spark journal handle: the counting runs on Spark, and the charts carry the
// same data as when they are given the locally loaded table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cassandraJournal, eventsOverTime, eventsPerPersistenceId, eventsPerType, sequenceGaps, sparkJournal, type VegaLiteSpec } from '../../../src/index.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from '../cassandra/helpers.js';
import { waitForTables } from './helpers.js';

const KS = 'spark_it_charts';
const start = Date.UTC(2026, 10, 1);
const spark = sparkJournal({});
const local = cassandraJournal({ ...CONTACT, keyspace: KS });

before(async () => {
  const w = await freshWriter({ keyspace: KS });
  for (let i = 0; i < 6; i++) {
    const events = jsonEvents(`cart-${i}`, 5 + i * 3, 1, start + i * 86_400_000);
    await w.write(events.map((e, j) => ({ ...e, manifest: j % 3 === 0 ? 'shop.Cart$CheckedOut' : 'shop.Cart$ItemAdded' })));
  }
  await w.deleteTo('cart-5', 4);
  await w.close();
  await waitForTables(spark, KS, ['messages', 'metadata']);
});
after(async () => {
  await spark.close();
  await local.close();
  await dropKeyspace(KS);
});

function values(spec: VegaLiteSpec): unknown[] {
  return ((spec as { data?: { values?: unknown[] } }).data?.values ?? []) as unknown[];
}

test('eventsPerType, eventsPerPersistenceId, eventsOverTime and sequenceGaps on Spark chart the local counts', async () => {
  const ev = spark.events({ keyspace: KS });
  const table = await local.eventTable({ progress: false });
  const pairs: Array<[string, (x: never) => unknown]> = [
    ['eventsPerType', eventsPerType as never],
    ['eventsPerPersistenceId', eventsPerPersistenceId as never],
    ['eventsOverTime', ((x: never) => eventsOverTime(x, { bin: 'day' })) as never],
    ['eventsOverTime auto', eventsOverTime as never],
    ['sequenceGaps', ((x: never) => sequenceGaps(x, { startAt: 1 })) as never],
  ];
  for (const [name, helper] of pairs) {
    const remote = await (helper(ev as never) as PromiseLike<{ spec: VegaLiteSpec }>);
    const here = helper(table as never) as { spec: VegaLiteSpec };
    assert.deepEqual(values(remote.spec), values(here.spec), name);
    assert.ok(values(here.spec).length > 0, name);
  }
});
