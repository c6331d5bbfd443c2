import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OptionError } from '../../../src/index.js';
import { countSql, gapsSql } from '../../../src/spark/aggregate-sql.js';

test('counts per group, per time bucket (UTC epoch ms of the bucket start), with sequence ranges', () => {
  assert.equal(countSql({ groupBy: ['eventType'] }), 'SELECT `eventType`, count(*) AS count FROM events GROUP BY 1');
  const binned = countSql({ groupBy: ['eventType'], timeBinMs: 604_800_000, timeBinOffsetMs: 345_600_000 });
  assert.match(binned, /\(floor\(\(unix_millis\(`timestamp`\) - 345600000\) \/ 604800000\) \* 604800000 \+ 345600000\) AS time/);
  assert.match(binned, /WHERE `timestamp` IS NOT NULL GROUP BY 1, 2$/);
  assert.match(countSql({ groupBy: ['persistenceId'], sequenceRange: true }), /min\(sequenceNr\) AS firstSequenceNr, max\(sequenceNr\) AS lastSequenceNr/);
  assert.equal(countSql({ groupBy: [], timeBinMs: 3_600_000 }).endsWith('GROUP BY 1'), true);
  assert.throws(() => countSql({ groupBy: ['event'] }), OptionError);
});

test('gaps: between neighbours always, before the first number only with startAt', () => {
  assert.match(gapsSql(undefined), /WHERE FALSE OR \(previous IS NOT NULL AND sequenceNr > previous \+ 1\)/);
  assert.match(gapsSql(1), /WHERE \(previous IS NULL AND sequenceNr > 1\) OR/);
  assert.match(gapsSql(1), /coalesce\(previous \+ 1, 1\) AS `from`/);
});
