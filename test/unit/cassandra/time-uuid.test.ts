import { test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { msFromTimeUuidBytes } from '../../../src/cassandra/time-uuid.js';

test('timeuuid bytes give the same ms as the driver, across eras and sub-ms ticks', () => {
  const dates = [new Date('1970-01-01T00:00:00.001Z'), new Date('2015-11-20T00:00:00Z'), new Date('2026-11-24T20:23:43.999Z'),
    new Date('2099-12-31T23:59:59.123Z')];
  for (const date of dates) {
    for (const ticks of [0, 1, 5000, 9999]) {
      const uuid = cassandra.types.TimeUuid.fromDate(date, ticks);
      assert.equal(msFromTimeUuidBytes(uuid.getBuffer()), date.getTime(), `${date.toISOString()} + ${ticks} ticks`);
      assert.equal(msFromTimeUuidBytes(uuid.getBuffer()), uuid.getDate().getTime());
    }
  }
});

test('a random sample of time uuids matches the driver', () => {
  for (let i = 0; i < 2000; i++) {
    const date = new Date(Math.floor(Math.random() * 4_000_000_000_000));
    const uuid = cassandra.types.TimeUuid.fromDate(date, Math.floor(Math.random() * 10000));
    assert.equal(msFromTimeUuidBytes(uuid.getBuffer()), date.getTime());
  }
});
