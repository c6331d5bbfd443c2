// Dev tool: the eventsByTag tables of akka-persistence-cassandra 0.80+ / 1.x / Pekko, written as
// the plugin's tag writer does (docs/journal-formats.md §1.8; APC@HEAD core/…/journal/CassandraJournalStatements.scala,
// TagWriter.scala): one tag_views row per (event, tag) with tag_pid_sequence_nr counting 1, 2, … per
// (tag, persistenceId), then tag_write_progress = the last written (sequence_nr, tag_pid_sequence_nr,
// offset) per (persistenceId, tag), and tag_scanning per persistenceId.
import cassandra from 'cassandra-driver';
import { createTimeUuidSource } from './encode/timeuuid.js';
import { payloadFromEvent } from './encode/payload.js';
import type { JournalEvent } from './writer.js';

const HOUR_MS = 3_600_000;

/** DDL of the tag tables in `keyspace` (APC 1.x defaults). */
export function tagTablesDdl(keyspace: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${keyspace}.tag_views (
  tag_name text, persistence_id text, sequence_nr bigint, timebucket bigint, timestamp timeuuid,
  tag_pid_sequence_nr bigint, writer_uuid text, ser_id int, ser_manifest text, event_manifest text, event blob,
  meta_ser_id int, meta_ser_manifest text, meta blob,
  PRIMARY KEY ((tag_name, timebucket), timestamp, persistence_id, tag_pid_sequence_nr))
  WITH gc_grace_seconds = 864000`,
    `CREATE TABLE IF NOT EXISTS ${keyspace}.tag_write_progress (
  persistence_id text, tag text, sequence_nr bigint, tag_pid_sequence_nr bigint, offset timeuuid,
  PRIMARY KEY (persistence_id, tag))`,
    `CREATE TABLE IF NOT EXISTS ${keyspace}.tag_scanning (persistence_id text, sequence_nr bigint, PRIMARY KEY (persistence_id))`,
  ];
}

/** What to leave out or fake, for problem injection: return false to skip the tag_views row. */
export interface TagWriteOptions {
  keepRow?: (persistenceId: string, sequenceNr: number, tag: string) => boolean;
  /** Skip tag_pid_sequence_nr numbers too (true) or keep counting past skipped rows (false, default: a lost write). */
  renumber?: boolean;
  /** Write tag_write_progress (default true). */
  progress?: boolean;
}

/**
 * Writes tag_views / tag_write_progress / tag_scanning rows for `events` (in sequence order per id).
 *
 * @example
 * await writeTagViews(client, 'health_it', events);
 */
export async function writeTagViews(client: cassandra.Client, keyspace: string, events: readonly JournalEvent[], options: TagWriteOptions = {}): Promise<number> {
  for (const cql of tagTablesDdl(keyspace)) await client.execute(cql);
  const uuids = createTimeUuidSource({ clockSeq: 7 });
  const counters = new Map<string, number>();
  const progress = new Map<string, { pid: string; tag: string; seq: number; tagPidSeq: number; offset: string }>();
  const lastSeq = new Map<string, number>();
  const insert = `INSERT INTO ${keyspace}.tag_views (tag_name, timebucket, timestamp, persistence_id, tag_pid_sequence_nr, sequence_nr, writer_uuid, ser_id, ser_manifest, event_manifest, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  let rows = 0;
  const pending: Promise<unknown>[] = [];
  for (const ev of events) {
    lastSeq.set(ev.persistenceId, Math.max(lastSeq.get(ev.persistenceId) ?? 0, ev.sequenceNr));
    for (const tag of ev.tags ?? []) {
      const key = `${tag}\u0000${ev.persistenceId}`;
      const keep = options.keepRow?.(ev.persistenceId, ev.sequenceNr, tag) ?? true;
      if (!keep && options.renumber) continue;
      const tagPidSeq = (counters.get(key) ?? 0) + 1;
      counters.set(key, tagPidSeq);
      const date = ev.timestamp ?? new Date();
      const uuid = uuids.next(date);
      progress.set(key, { pid: ev.persistenceId, tag, seq: ev.sequenceNr, tagPidSeq, offset: String(uuid) });
      if (!keep) continue;
      const payload = payloadFromEvent(ev);
      pending.push(client.execute(insert, [tag, Math.floor(date.getTime() / HOUR_MS) * HOUR_MS, String(uuid), ev.persistenceId, tagPidSeq,
        ev.sequenceNr, ev.writerUuid ?? '', payload.serializerId, payload.manifest, ev.eventManifest ?? '', Buffer.from(payload.bytes)], { prepare: true }));
      rows++;
      if (pending.length >= 32) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  if (options.progress ?? true) {
    for (const p of progress.values()) {
      await client.execute(`INSERT INTO ${keyspace}.tag_write_progress (persistence_id, tag, sequence_nr, tag_pid_sequence_nr, offset) VALUES (?, ?, ?, ?, ?)`,
        [p.pid, p.tag, p.seq, p.tagPidSeq, p.offset], { prepare: true });
    }
    for (const [pid, seq] of lastSeq) {
      await client.execute(`INSERT INTO ${keyspace}.tag_scanning (persistence_id, sequence_nr) VALUES (?, ?)`, [pid, seq], { prepare: true });
    }
  }
  return rows;
}

/** One stray tag_views row (problem injection: a row without its event). */
export async function writeStrayTagView(client: cassandra.Client, keyspace: string, tag: string, persistenceId: string, sequenceNr: number, tagPidSequenceNr: number, at: Date): Promise<void> {
  const uuid = createTimeUuidSource({ clockSeq: 9 }).next(at);
  await client.execute(`INSERT INTO ${keyspace}.tag_views (tag_name, timebucket, timestamp, persistence_id, tag_pid_sequence_nr, sequence_nr, writer_uuid, ser_id, ser_manifest, event_manifest, event) VALUES (?, ?, ?, ?, ?, ?, ?, 31, '', '', ?)`,
    [tag, Math.floor(at.getTime() / HOUR_MS) * HOUR_MS, String(uuid), persistenceId, tagPidSequenceNr, sequenceNr, 'stray', Buffer.from('{}')], { prepare: true });
}
