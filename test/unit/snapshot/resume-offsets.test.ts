import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import * as aq from 'arquero';
import { startOffsets } from '../../../src/kafka/start-offsets.js';
import { isSnapshotFrom, resumeOffsets } from '../../../src/snapshot/kafka-resume.js';
import { saveTable } from '../../../src/snapshot/save-table.js';
import { SnapshotError } from '../../../src/errors.js';

const admin = {
  fetchTopicOffsets: async (topic: string) => (topic === 'events'
    ? [{ partition: 0, low: '5', high: '100', offset: '100' }, { partition: 1, low: '0', high: '40', offset: '40' }, { partition: 2, low: '0', high: '9', offset: '9' }]
    : []),
} as unknown as Admin;

test('resumed offsets start after the saved records, kept within what each partition holds', async () => {
  const offsets = await startOffsets(admin, ['events'], { offsets: [
    { topic: 'events', partition: 0, offset: '3' },     // below the low watermark: retention moved on
    { topic: 'events', partition: 1, offset: '12' },
    { topic: 'events', partition: 2, offset: '50' },    // past the end: the partition was recreated
  ] });
  assert.deepEqual(offsets, [
    { topic: 'events', partition: 0, offset: '5' },
    { topic: 'events', partition: 1, offset: '12' },
    { topic: 'events', partition: 2, offset: '9' },
  ]);
});

test('from: { snapshot } reads the offsets of the named topics from a saved window', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-resume-'));
  try {
    const file = path.join(dir, 'w.arrow');
    await saveTable(aq.table({ topic: ['events', 'events', 'other'], partition: Int32Array.from([1, 1, 0]), offset: Float64Array.from([10, 11, 4]) }), file);
    assert.ok(isSnapshotFrom({ snapshot: file }));
    assert.ok(!isSnapshotFrom(new Date()) && !isSnapshotFrom('latest'));
    assert.deepEqual(resumeOffsets(file, ['events']), { offsets: [{ topic: 'events', partition: 1, offset: '12' }] });
    assert.throws(() => resumeOffsets(file, ['elsewhere']), (e: unknown) => e instanceof SnapshotError && /records no Kafka offsets for 'elsewhere' \(it has offsets of 'events', 'other'\)/.test(e.message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
