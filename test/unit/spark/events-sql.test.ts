import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventRowsSql, eventsViewSql, keptRowsSql, sparkString, type SparkJournalSource } from '../../../src/spark/events-sql.js';

const source: SparkJournalSource = {
  catalog: 'cassandra', keyspace: 'akka', table: 'messages', hasMetadata: true, hasWriterUuid: true, hasTags: true,
  serializerNames: new Map([[31, 'jackson-json']]),
};

test('the view applies placeholders, deletes and the newest-duplicate rule, in that order', () => {
  const sql = keptRowsSql(source, {});
  assert.match(sql, /NOT \(m\.ser_id <=> 34 AND m\.ser_manifest <=> 'F'\)/);
  assert.match(sql, /LEFT JOIN \(SELECT persistence_id AS deleted_pid, deleted_to FROM `cassandra`\.`akka`\.`metadata`\)/);
  assert.match(sql, /d\.deleted_to IS NULL OR m\.sequence_nr > d\.deleted_to/);
  assert.match(sql, /row_number\(\) OVER \(PARTITION BY persistence_id, partition_nr, sequence_nr ORDER BY ticks DESC, tuuid DESC\)/);
  assert.doesNotMatch(keptRowsSql(source, { keepDuplicates: true }), /row_number/);
  assert.doesNotMatch(keptRowsSql({ ...source, hasMetadata: false }, {}), /metadata/);
});

test('persistence ids push down with their partitions; sequence bounds as clustering ranges', () => {
  const sql = keptRowsSql(source, { persistenceIds: ["cart|1", "it's"], partitions: [0, 1], fromSequenceNr: 5, toSequenceNr: 9 });
  assert.match(sql, /m\.persistence_id IN \('cart\|1', 'it\\'s'\)/);
  assert.match(sql, /m\.partition_nr IN \(0, 1\)/);
  assert.match(sql, /m\.sequence_nr >= 5 AND m\.sequence_nr <= 9/);
  assert.match(eventRowsSql(source, {}, 11), /ORDER BY persistence_id, partition_nr, sequence_nr, ticks LIMIT 11$/);
});

test('eventTable column names; JSON text only for plain (uncompressed) Jackson JSON', () => {
  const sql = eventsViewSql(source, {});
  for (const c of ['persistenceId', '`partition`', 'sequenceNr', '`timestamp`', 'eventType', 'serId', 'writerUuid', 'tags', 'payload']) {
    assert.ok(sql.includes(` AS ${c}`) || sql.includes(`, ${c} `), c);
  }
  assert.match(sql, /ser_id IN \(31, 32\) AND NOT \(substr\(event, 1, 2\) = X'1F8B' OR substr\(event, 1, 4\) = X'87D96DF6'\)/);
  assert.match(sql, /WHEN 31 THEN 'jackson-json'/);
});

test('string literals escape quotes and backslashes', () => {
  assert.equal(sparkString("a'b\\c"), "'a\\'b\\\\c'");
});
