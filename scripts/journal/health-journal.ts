// Dev tool: a small journal with known health problems put in, in any writer layout, plus its
// snapshots and a projection offset store; used by the health tests and the journal-health
// notebook. Everything a genuine plugin would write is there too (tags and tag views,
// snapshots followed by deletes, restarts with a new writer id, FilteredPayload placeholders,
// batches crossing partitions, tag writes still in flight), so a clean run must report nothing.
// CLI: npx tsx scripts/journal/health-journal.ts --keyspace health_demo [--layout current] [--clean]
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createTimeUuidSource } from './encode/timeuuid.js';
import type { WriterLayout } from './layouts.js';
import { writeOffsets, type StoredOffset } from './projection-store.js';
import { writeSnapshots, type SnapshotInput, type SnapshotLayout } from './snapshot-store.js';
import { writeStrayTagView, writeTagViews } from './tag-tables.js';
import { createJournalWriter, type JournalEvent } from './writer.js';

export const healthJournalDefaults = {
  partitionSize: 10,
  start: new Date('2025-10-01T08:00:00Z'),
  writerA: '11111111-aaaa-4aaa-8aaa-000000000001',
  writerB: '22222222-bbbb-4bbb-8bbb-000000000002',
  writerC: '33333333-cccc-4ccc-8ccc-000000000003',
};

export interface HealthJournalOptions {
  keyspace: string;
  layout?: WriterLayout;
  /** Put the problems in (default true); false writes only the genuine parts. */
  problems?: boolean;
  contactPoints?: string[];
  localDataCenter?: string;
}

/** What was put in, as the checks should report it. */
export interface HealthJournalInfo {
  keyspace: string;
  snapshotKeyspace: string;
  projectionKeyspace: string;
  layout: WriterLayout;
  partitionSize: number;
  hasTagViews: boolean;
  hasAllPersistenceIds: boolean;
  problems: boolean;
}

const MINUTE = 60_000;

/**
 * Drops and rewrites `keyspace` (and `<keyspace>_snapshot`, `<keyspace>_projection`).
 *
 * @example
 * const info = await writeHealthJournal({ keyspace: 'health_it_current', layout: 'current' });
 */
export async function writeHealthJournal(options: HealthJournalOptions): Promise<HealthJournalInfo> {
  const layout = options.layout ?? 'current';
  const problems = options.problems ?? true;
  const { partitionSize, start, writerA, writerB, writerC } = healthJournalDefaults;
  const info: HealthJournalInfo = {
    keyspace: options.keyspace, snapshotKeyspace: `${options.keyspace}_snapshot`, projectionKeyspace: `${options.keyspace}_projection`,
    layout, partitionSize, hasTagViews: layout === 'current' || layout === 'mixed', hasAllPersistenceIds: layout === 'current', problems,
  };
  const connection = { contactPoints: options.contactPoints, localDataCenter: options.localDataCenter };
  const w0 = await createJournalWriter({ ...connection, keyspace: options.keyspace, createSchema: false });
  for (const ks of [info.keyspace, info.snapshotKeyspace, info.projectionKeyspace]) await w0.client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
  await w0.close();
  const w = await createJournalWriter({ ...connection, keyspace: options.keyspace, layout, targetPartitionSize: partitionSize, maxBatchSize: 5 });
  const client = w.client;
  const tagged = layout !== 'legacy-processor';
  const history = (pid: string, from: number, to: number, writerUuid: string, tag?: string, at = start.getTime()): JournalEvent[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      persistenceId: pid, sequenceNr: from + i, serializer: 'jackson-json' as const, manifest: 'com.example.cart.ShoppingCart$ItemAdded',
      event: { cartId: pid, itemId: `item-${from + i}`, quantity: 1 }, writerUuid, timestamp: new Date(at + (from + i) * MINUTE),
      ...(tag && tagged ? { tags: [tag] } : {}),
    }));
  // Chunks of 3, then 5: batches cross partition boundaries as the plugin's do (rows of 9 and 10 land in partition 1).
  const writeChunked = async (events: JournalEvent[]): Promise<void> => {
    let i = 0;
    for (const size of [3, ...Array(Math.ceil(events.length / 5)).fill(5)] as number[]) {
      if (i >= events.length) break;
      await w.write(events.slice(i, i + size));
      i += size;
    }
  };
  const all: JournalEvent[] = [];
  const put = async (events: JournalEvent[], chunked = true) => {
    all.push(...events);
    if (chunked) await writeChunked(events);
    else for (let i = 0; i < events.length; i += 5) await w.write(events.slice(i, i + 5));
  };

  // --- genuine: a restart (new writer id) mid-history, snapshots followed by deletes, a logical delete
  const clean1 = [...history('Cart|clean-1', 1, 12, writerA, 'carts-1'), ...history('Cart|clean-1', 13, 27, writerB, 'carts-1')];
  if (layout === 'mixed') for (const e of clean1.slice(0, 5)) e.legacyMessage = true; // written before the 0.10 migration
  await put(clean1);
  await put(history('Cart|clean-2', 1, 34, writerA, 'carts-2'));
  await w.deleteTo('Cart|clean-2', 20, { physical: true }); // snapshot at 20, deleteEventsOnSnapshot
  await put(history('Cart|clean-3', 1, 15, writerC, 'carts-1'));
  await w.deleteTo('Cart|clean-3', 6); // logical only
  if (layout === 'current' || layout === 'mixed') {
    await put(history('Cart|clean-4', 1, 4, writerA, 'carts-2'));
    await w.writeFilteredPlaceholder('Cart|clean-4', 5, { writerUuid: writerA, timestamp: new Date(start.getTime() + 5 * MINUTE) });
    await put(history('Cart|clean-4', 6, 8, writerA, 'carts-2'));
  }
  // tag writes still in flight: the last two events are seconds old and not in tag_views yet
  const now = Date.now();
  const recent = history('Cart|recent', 1, 6, writerC, 'carts-3').map((e) => ({ ...e, timestamp: new Date(now - (7 - e.sequenceNr) * 10_000) }));
  await put(recent, false);

  // --- problems
  if (problems) {
    await put([...history('Cart|gap', 1, 11, writerA), ...history('Cart|gap', 15, 30, writerA)], false); // 12..14 lost
    await put(history('Cart|fork', 1, 20, writerA), false);
    await put(history('Cart|fork', 15, 25, writerB, undefined, start.getTime() + 30 * MINUTE), false); // a second incarnation at once
    await put(history('Cart|hole', 1, 40, writerA), false);
    const pidColumn = layout === 'legacy-processor' ? 'processor_id' : 'persistence_id';
    await client.execute(`DELETE FROM ${options.keyspace}.messages WHERE ${pidColumn} = ? AND partition_nr = 1`, ['Cart|hole'], { prepare: true });
    if (info.hasTagViews) await put(history('Cart|tag-miss', 1, 6, writerA, 'carts-4'), false);
  }

  if (info.hasTagViews) {
    const recentCut = (pid: string, seq: number) => !(pid === 'Cart|recent' && seq > 4);
    const lost = (pid: string, seq: number) => problems && pid === 'Cart|tag-miss' && seq === 3;
    await writeTagViews(client, options.keyspace, all.filter((e) => recentCut(e.persistenceId, e.sequenceNr)),
      { keepRow: (pid, seq) => !lost(pid, seq) });
    if (problems) await writeStrayTagView(client, options.keyspace, 'carts-1', 'Cart|clean-3', 99, 10, new Date(start.getTime() + 99 * MINUTE));
  }
  if (info.hasAllPersistenceIds && problems) {
    await client.execute(`DELETE FROM ${options.keyspace}.all_persistence_ids WHERE persistence_id = ?`, ['Cart|gap'], { prepare: true });
    await client.execute(`INSERT INTO ${options.keyspace}.all_persistence_ids (persistence_id) VALUES (?)`, ['Cart|ghost'], { prepare: true });
  }

  // snapshots: clean-1 at 10, clean-2 at 20 (then deleted up to it), fork at 5, hole at 8
  const snapshotLayout: SnapshotLayout = layout === 'current' || layout === 'mixed' ? 'current' : layout === 'message' ? 'legacy' : 'legacy-processor';
  const snap = (pid: string, seq: number): SnapshotInput => ({ persistenceId: pid, sequenceNr: seq, timestamp: new Date(start.getTime() + seq * MINUTE),
    serializer: 'jackson-json', manifest: 'com.example.cart.ShoppingCart$State', event: { items: seq, checkedOut: false } });
  await writeSnapshots(client, info.snapshotKeyspace, 'snapshots', snapshotLayout,
    [snap('Cart|clean-1', 5), snap('Cart|clean-1', 10), snap('Cart|clean-2', 20), ...(problems ? [snap('Cart|hole', 8)] : [])]);

  // projection offsets: 'cart-view' up to date on every tag, 'cart-audit' an hour behind on carts-1
  const uuids = createTimeUuidSource({ clockSeq: 11 });
  const newest = new Map<string, number>();
  for (const e of all) for (const t of e.tags ?? []) newest.set(t, Math.max(newest.get(t) ?? 0, e.timestamp!.getTime()));
  const offsets: StoredOffset[] = [];
  for (const [tag, ms] of [...newest].sort()) {
    offsets.push({ projectionName: 'cart-view', projectionKey: tag, manifest: 'TBU', offset: String(uuids.next(new Date(ms))), lastUpdated: new Date(ms + 1000), paused: false });
  }
  if (newest.has('carts-1')) {
    const ms = newest.get('carts-1')! - 60 * MINUTE;
    offsets.push({ projectionName: 'cart-audit', projectionKey: 'carts-1', manifest: 'TBU', offset: String(uuids.next(new Date(ms))), lastUpdated: new Date(ms), paused: true });
  }
  offsets.push({ projectionName: 'cart-replica', projectionKey: 'Cart|clean-1', manifest: 'SEQ', offset: '20', lastUpdated: new Date(start.getTime() + 20 * MINUTE) });
  await writeOffsets(client, info.projectionKeyspace, offsets);
  await w.close();
  return info;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { keyspace: { type: 'string' }, layout: { type: 'string' }, clean: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || !values.keyspace) {
    console.log('Usage: npx tsx scripts/journal/health-journal.ts --keyspace NAME [--layout current|message|mixed|legacy-processor] [--clean]\n' +
      'Drops and rewrites NAME, NAME_snapshot and NAME_projection with a small journal that has known health problems (none with --clean).');
    return;
  }
  const info = await writeHealthJournal({ keyspace: values.keyspace, layout: values.layout as WriterLayout | undefined, problems: !values.clean });
  console.log(`wrote ${info.keyspace} (${info.layout}${info.problems ? ', with problems' : ', clean'}), ${info.snapshotKeyspace}, ${info.projectionKeyspace}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
