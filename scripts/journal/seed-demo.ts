// Seeds the demo shopping-cart journal (scripts/seed-demo is the entry point), or in bulk mode
// a plain JSON journal of N events for the benchmarks. Idempotent: every row is reproducible
// (seeded events, explicit time UUIDs), and when the first and the last event of the data set
// are already there with the same time UUIDs and nothing follows them, nothing is written.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';
import { redact } from '../../src/util/redact.js';
import { cartHistory, demoDefaults, generateDemo, type DemoOptions } from './demo-domain.js';
import { createJournalWriter, type JournalEvent, type JournalWriter, type JournalWriterOptions } from './writer.js';
import type { WriterLayout } from './layouts.js';

export interface SeedOptions extends DemoOptions {
  writer?: JournalWriterOptions;
  /** Write even when the data set seems to be there already. Default false. */
  force?: boolean;
  /** Progress and summary lines; default console.log. */
  log?: (line: string) => void;
}

export interface SeedSummary {
  skipped: boolean;
  carts: number;
  events: number;
  deletes: number;
  byType: Record<string, number>;
  bySerializer: Record<string, number>;
  from?: string;
  to?: string;
  elapsedMs: number;
  rowsPerSecond: number;
}

interface Probe {
  persistenceId: string;
  sequenceNr: number;
  timeUuid?: string;
}

/** The first event, the last event, and the (absent) event right after the data set. */
function extentOf(options: DemoOptions): { first: Probe; last: Probe; next: Probe; carts: number } {
  const carts = options.carts ?? (options.maxEvents !== undefined ? Infinity : demoDefaults.carts);
  const maxEvents = options.maxEvents ?? Infinity;
  const firstEvents = cartHistory(1, options).events;
  let total = 0;
  let n = 0;
  let last: JournalEvent = firstEvents[0]!;
  let next: Probe | undefined;
  while (n < carts && total < maxEvents) {
    n++;
    const evs = cartHistory(n, options).events;
    const take = Math.min(evs.length, maxEvents - total);
    last = evs[take - 1]!;
    total += take;
    if (take < evs.length) next = { persistenceId: last.persistenceId, sequenceNr: last.sequenceNr + 1 };
  }
  next ??= { persistenceId: `ShoppingCart|cart-${n + 1}`, sequenceNr: 1 };
  const probe = (e: JournalEvent): Probe => ({ persistenceId: e.persistenceId, sequenceNr: e.sequenceNr, timeUuid: e.timeUuid });
  return { first: probe(firstEvents[0]!), last: probe(last), next, carts: n };
}

async function rowExists(w: JournalWriter, p: Probe): Promise<boolean> {
  const pnr = Math.floor((p.sequenceNr - 1) / w.targetPartitionSize);
  // the batch rule may have put the row into the next partition
  for (const partition of [pnr, pnr + 1]) {
    const rs = await w.client.execute(
      `SELECT timestamp FROM ${w.keyspace}.${w.table} WHERE persistence_id = ? AND partition_nr = ? AND sequence_nr = ?`,
      [p.persistenceId, partition, p.sequenceNr], { prepare: true });
    for (const row of rs.rows) {
      if (p.timeUuid === undefined || String(row['timestamp']) === p.timeUuid) return true;
    }
  }
  return false;
}

/**
 * Writes the demo (or bulk) journal unless it is already there.
 *
 * @example
 * await seedDemo({ carts: 3000, seed: 42, writer: { keyspace: 'akka' } });
 * await seedDemo({ maxEvents: 1_000_000, plain: true, writer: { keyspace: 'bench' } });
 */
export async function seedDemo(options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const writerOptions = { ...options.writer };
  if ((writerOptions.layout ?? 'current') === 'legacy-processor') {
    throw new Error('seed-demo writes persistence_id layouts (current, message, mixed); legacy-processor has processor_id rows.');
  }
  const w = await createJournalWriter(writerOptions);
  const summary: SeedSummary = { skipped: false, carts: 0, events: 0, deletes: 0, byType: {}, bySerializer: {}, elapsedMs: 0, rowsPerSecond: 0 };
  try {
    const extent = extentOf(options);
    summary.carts = extent.carts;
    if (!options.force && await rowExists(w, extent.first) && await rowExists(w, extent.last) && !(await rowExists(w, extent.next))) {
      summary.skipped = true;
      log(`${w.keyspace}.${w.table} already holds this data set (${extent.carts} carts, last event ${extent.last.persistenceId} #${extent.last.sequenceNr}); nothing written. Use --force to write it again.`);
      return summary;
    }
    let minT = Infinity;
    let maxT = -Infinity;
    let lastReport = 0;
    // mixed layout: the first two weeks were written by an old plugin version (message blob)
    const legacyUntil = (options.start ?? demoDefaults.start).getTime() + 14 * 86_400_000;
    for (const batch of generateDemo(options)) {
      if (w.layout === 'mixed') for (const e of batch.events) e.legacyMessage = e.timestamp!.getTime() < legacyUntil;
      await w.write(batch.events);
      for (const d of batch.deletes) await w.deleteTo(d.persistenceId, d.toSequenceNr);
      summary.deletes += batch.deletes.length;
      for (const e of batch.events) {
        const m = e.manifest ?? '';
        const type = e.serializer === 'raw' ? `${m} (serializer ${e.serializerId})` : m.slice(m.lastIndexOf('$') + 1);
        summary.byType[type] = (summary.byType[type] ?? 0) + 1;
        const ser = e.serializer === 'raw' ? `raw ${e.serializerId}` : e.serializer;
        summary.bySerializer[ser] = (summary.bySerializer[ser] ?? 0) + 1;
        const ms = e.timestamp!.getTime();
        if (ms < minT) minT = ms;
        if (ms > maxT) maxT = ms;
      }
      summary.events += batch.events.length;
      if (summary.events - lastReport >= 100_000) {
        lastReport = summary.events;
        const s = (performance.now() - started) / 1000;
        log(`  ${summary.events} events written, ${Math.round(summary.events / s)} rows/s`);
      }
    }
    summary.from = new Date(minT).toISOString();
    summary.to = new Date(maxT).toISOString();
  } finally {
    summary.elapsedMs = performance.now() - started;
    summary.rowsPerSecond = summary.events / Math.max(summary.elapsedMs / 1000, 1e-3);
    await w.close();
  }
  log(`wrote ${summary.events} events of ${summary.carts} carts to ${w.keyspace}.${w.table} (${w.layout}) in ` +
    `${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s)`);
  log(`  time range: ${summary.from} .. ${summary.to}`);
  log(`  by type: ${Object.entries(summary.byType).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`  by serializer: ${Object.entries(summary.bySerializer).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`  logical deletes (metadata.deleted_to): ${summary.deletes}`);
  return summary;
}

const HELP = `Seeds a demo shopping-cart journal (akka-persistence-cassandra rows) into Cassandra.

Usage: scripts/seed-demo [options]
  --carts N            carts of the demo data set (default ${demoDefaults.carts})
  --seed N             PRNG seed (default ${demoDefaults.seed})
  --events N           bulk mode: exactly N plain Jackson-JSON events (150-250 B) for benchmarks
  --keyspace NAME      default akka
  --table NAME         default messages
  --layout NAME        current | message | mixed (default current)
  --contact-points L   default 127.0.0.1
  --dc NAME            default datacenter1
  --concurrency N      CQL requests in flight (default 32)
  --force              write even when the data set is already there
  --health-demo        instead: rewrite the journal-health notebook's journal (keyspace health_demo unless
                       --keyspace), with known problems, its snapshots and a projection offset store

Examples:
  scripts/seed-demo                                   # 3000 carts into akka.messages
  scripts/seed-demo --events 1000000 --keyspace bench # benchmark data into bench.messages`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      carts: { type: 'string' },
      seed: { type: 'string' },
      events: { type: 'string' },
      keyspace: { type: 'string' },
      table: { type: 'string' },
      layout: { type: 'string' },
      'contact-points': { type: 'string' },
      dc: { type: 'string' },
      concurrency: { type: 'string' },
      force: { type: 'boolean' },
      'health-demo': { type: 'boolean' },
    },
  });
  if (values['health-demo']) {
    // the journal-health notebook's journal: small, with known problems (scripts/journal/health-journal.ts)
    const { writeHealthJournal } = await import('./health-journal.js');
    const info = await writeHealthJournal({ keyspace: values.keyspace ?? 'health_demo', contactPoints: values['contact-points']?.split(','), localDataCenter: values.dc });
    console.log(`wrote ${info.keyspace}.messages with known problems, ${info.snapshotKeyspace}.snapshots and ${info.projectionKeyspace}.offset_store`);
    return;
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${v}'.`);
    return n;
  };
  const bulk = num('events', values.events);
  await seedDemo({
    carts: num('carts', values.carts),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    ...(bulk !== undefined ? { maxEvents: bulk, plain: true } : {}),
    force: values.force,
    writer: {
      keyspace: values.keyspace,
      table: values.table,
      layout: values.layout as WriterLayout | undefined,
      contactPoints: values['contact-points']?.split(','),
      localDataCenter: values.dc,
      concurrency: num('concurrency', values.concurrency),
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    const driverHint = err instanceof cassandra.errors.NoHostAvailableError ? ' Is Cassandra running (`scripts/services start`)?' : '';
    console.error(redact(err instanceof Error ? err.message : String(err)) + driverHint);
    process.exit(1);
  });
}
