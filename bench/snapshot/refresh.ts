// The refresh after `percent`% new events: half in new persistence ids, half appended to existing
// ids, plus logical deletes of a few ids' first half. Times eventTable({ snapshot }) (the refresh)
// and a full reload in this process, and checks the refreshed table equals the reload row for row.
//   node --import tsx bench/snapshot/refresh.ts '{cassandra config}' '{"file":"…","percent":1,"run":1}'
import fs from 'node:fs';
import type { ColumnTable } from 'arquero';
import { cassandraJournal, loadStats, loadTable, sortByKey } from '../../src/index.js';
import { lastRefresh } from '../../src/snapshot/event-table-snapshot.js';
import { createJournalWriter, type JournalEvent } from '../../scripts/journal/writer.js';
import { configFromArgv } from '../cassandra/config.js';
import { printResult } from '../lib/child.js';
import { measureRefreshFloor } from './refresh-floor.js';

const config = configFromArgv();
const { file, percent, run } = JSON.parse(process.argv[3] ?? '{}') as { file: string; percent: number; run: number };
const journal = cassandraJournal({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
const base = { keyspace: config.keyspace, table: config.table, progress: false as const };
// Written, or brought up to date (a file from an earlier benchmark session may predate the journal
// or the table id the default refresh needs); not measured.
await journal.eventTable({ ...base, snapshot: file });

// What the snapshot holds: the ids and their last sequence numbers (not measured).
const before = await loadTable(file);
const ids = before.array('persistenceId') as string[];
const seqs = before.array('sequenceNr') as Float64Array;
const last = new Map<string, number>();
for (let i = 0; i < ids.length; i++) last.set(ids[i]!, Math.max(last.get(ids[i]!) ?? 0, seqs[i]!));
const known = [...last.keys()];
const total = Math.max(2, Math.round((before.numRows() * percent) / 100));
const events: JournalEvent[] = [];
const now = Date.now();
const event = (persistenceId: string, sequenceNr: number, i: number): JournalEvent => ({
  persistenceId, sequenceNr, serializer: 'jackson-json', manifest: 'com.example.cart.ShoppingCart$ItemAdded',
  event: { cartId: persistenceId, itemId: `item-${i}`, quantity: 1 + (i % 5), run }, timestamp: new Date(now + i),
});
for (let k = 0; events.length < total / 2; k++) {
  for (let s = 1; s <= 10 && events.length < total / 2; s++) events.push(event(`ShoppingCart|snap-${run}-${k}`, s, events.length));
}
const stride = Math.max(1, Math.floor(known.length / Math.max(1, total - events.length)));
for (let i = 0; events.length < total && i < known.length; i += stride) {
  const id = known[i]!;
  events.push(event(id, last.get(id)! + 1, events.length));
}
const writer = await createJournalWriter({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter, keyspace: config.keyspace, table: config.table, createSchema: false });
await writer.write(events);
const deletes = Math.max(1, Math.floor(known.length / 2000));
for (let i = 0; i < deletes; i++) {
  const id = known[(i * 7919 + run) % known.length]!;
  // An id with a single event has no first half to delete (deleteTo needs a sequence number ≥ 1).
  if (last.get(id)! >= 2) await writer.deleteTo(id, Math.floor(last.get(id)! / 2));
}
await writer.close();

// The same snapshot, refreshed by the key scan from a copy (not measured: the copy).
const keyScanFile = file.replace(/(\.\w+)$/, '.key-scan$1');
fs.copyFileSync(file, keyScanFile);
await journal.keyspaces(); // connect outside the timings
const t0 = performance.now();
const refreshed = await journal.eventTable({ ...base, snapshot: file });
const refreshMs = performance.now() - t0;
const stats = loadStats(refreshed)!;
// Where the refresh spent its time (ms per phase: readFile, scan, plan, fromScan, read, merge, writeFile).
const phases = Object.fromEntries(Object.entries(lastRefresh.phases).map(([k, v]) => [k, Math.round(v)]));
const { rowsFromScan, partitionsRead } = lastRefresh;
const t2 = performance.now();
const byKeys = await journal.eventTable({ ...base, snapshot: keyScanFile, refresh: { method: 'key-scan' } });
const keyScanMs = performance.now() - t2;
fs.rmSync(keyScanFile, { force: true });
const t1 = performance.now();
const full = await journal.eventTable(base);
const fullMs = performance.now() - t1;
const reference = sortByKey(full);
// The bare reads no refresh can skip, with the refresh's scan settings (concurrency 2 × 4, 8 splits per worker of the load).
const since = Date.parse(before.numRows() > 0 ? (loadStats(before)?.snapshot?.takenAt ?? new Date(now).toISOString()) : new Date(now).toISOString()) - 60_000;
const floor = await measureRefreshFloor({ ...config }, since, 8, 32);
printResult({
  floorMs: floor.ms, floorScanMs: floor.scanMs, floorIdsMs: floor.idsMs, floorRowsWritten: floor.rowsWritten,
  rows: refreshed.numRows(), fullRows: full.numRows(), changes: events.length, deletes, refreshMs, fullMs, keyScanMs,
  keyScanRowsRead: loadStats(byKeys)?.snapshot?.rowsRead, keyScanEqual: sameRows(byKeys, reference),
  rowsRead: stats.snapshot?.rowsRead, rowsDropped: stats.snapshot?.rowsDropped, mode: stats.snapshot?.mode, phases, rowsFromScan, partitionsRead,
  equal: sameRows(refreshed, reference),
});
await journal.close();

function sameRows(a: ColumnTable, b: ColumnTable): boolean {
  if (a.numRows() !== b.numRows() || a.columnNames().join() !== b.columnNames().join()) return false;
  for (const name of ['persistenceId', 'partition', 'sequenceNr', 'timestamp', 'eventType', 'serId', 'writerUuid', 'decodeError']) {
    const x = a.array(name) as ArrayLike<unknown>;
    const y = b.array(name) as ArrayLike<unknown>;
    for (let i = 0; i < x.length; i++) {
      const u = x[i] instanceof Date ? (x[i] as Date).getTime() : x[i];
      const v = y[i] instanceof Date ? (y[i] as Date).getTime() : y[i];
      if (u !== v) return false;
    }
  }
  // Events and tags: compared as JSON text (every row's event is parsed).
  const ea = a.array('event') as unknown[];
  const eb = b.array('event') as unknown[];
  const ta = a.array('tags') as unknown[];
  const tb = b.array('tags') as unknown[];
  for (let i = 0; i < ea.length; i++) {
    if (JSON.stringify(ea[i]) !== JSON.stringify(eb[i]) || JSON.stringify(ta[i]) !== JSON.stringify(tb[i])) return false;
  }
  return true;
}
