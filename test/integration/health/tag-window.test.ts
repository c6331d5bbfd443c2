// How tag_views rows not (yet) written are classified: above tag_write_progress → lag (a problem
// only when older than the window: a stuck tag writer); no progress row → missing when older than
// the window, lag when newer. Keyspace health_tw_it, written with the project's writer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeTagViews } from '../../../scripts/journal/tag-tables.js';
import { createJournalWriter, type JournalEvent, type JournalWriter } from '../../../scripts/journal/writer.js';
import { cassandraJournal } from '../../../src/index.js';

const KS = 'health_tw_it';
const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
let w: JournalWriter;
const old = Date.parse('2025-10-01T08:00:00Z');
const events = (pid: string, n: number, startMs: number, stepMs: number): JournalEvent[] => Array.from({ length: n }, (_, i) => ({
  persistenceId: pid, sequenceNr: i + 1, serializer: 'jackson-json' as const, manifest: 'E', event: { i }, tags: ['t'],
  timestamp: new Date(startMs + i * stepMs), writerUuid: 'w',
}));

before(async () => {
  w = await createJournalWriter({ keyspace: KS });
  await w.client.execute(`DROP KEYSPACE IF EXISTS ${KS}`);
  await w.close();
  w = await createJournalWriter({ keyspace: KS });
  const stuck = events('stuck', 6, old, 60_000);
  const noProgress = events('no-progress', 4, old, 60_000);
  const fresh = events('fresh', 4, Date.now() - 40_000, 10_000);
  await w.write([...stuck, ...noProgress, ...fresh]);
  // stuck: the tag writer wrote 1..3 and its progress, then stopped (events are a year old)
  await writeTagViews(w.client, KS, stuck.slice(0, 3));
  // no-progress / fresh: tag_views rows for 1..2 only, no tag_write_progress row at all
  await writeTagViews(w.client, KS, [...noProgress.slice(0, 2), ...fresh.slice(0, 2)], { progress: false });
});
after(async () => {
  await w.client.execute(`DROP KEYSPACE IF EXISTS ${KS}`);
  await w.close();
  await journal.close();
});

test('stuck tag writer is lag beyond the window; without progress, old is missing and new is lag', async () => {
  const h = await journal.health({ keyspace: KS, progress: false, tagWriteWindowMs: 300_000 });
  const tv = h.tagViews!;
  assert.deepEqual(tv.missing.select('persistenceId', 'sequenceNr').objects(), [
    { persistenceId: 'no-progress', sequenceNr: 3 }, { persistenceId: 'no-progress', sequenceNr: 4 },
  ]);
  assert.deepEqual(tv.lag.select('persistenceId', 'progressSequenceNr', 'pendingEvents', 'withinWindow').objects(), [
    { persistenceId: 'fresh', progressSequenceNr: null, pendingEvents: 2, withinWindow: true },
    { persistenceId: 'stuck', progressSequenceNr: 3, pendingEvents: 3, withinWindow: false },
  ]);
  assert.equal(tv.extra.numRows() + tv.tagPidGaps.numRows(), 0);
  const summary = Object.fromEntries((h.summary.objects() as Array<{ check: string; problems: number }>).map((r) => [r.check, r.problems]));
  assert.equal(summary['tagWriteLag'], 1, 'only the stuck writer is a problem');
  assert.equal(summary['tagViewsMissing'], 2);
});
