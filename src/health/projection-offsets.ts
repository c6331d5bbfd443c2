// journal.projectionOffsets(): Akka Projection's Cassandra offset store (offset_store:
// projection_name, partition, projection_key, offset, manifest, last_updated; and
// projection_management's paused flags) against the journal: how far each offset is behind the
// newest event it could have seen. Offsets by manifest (akka-projection OffsetSerialization):
// TBU = a time-based UUID (eventsByTag; the key is usually the tag) → lag by time; SEQ / LNG /
// INT = a number (a sequence number when the key is a persistence id) → lag in events.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { maybeName } from '../cassandra/maybe-options.js';
import { qualifiedTable } from '../cassandra/quote.js';
import { listTables } from '../cassandra/schema.js';
import { NotFoundError } from '../errors.js';
import type { RawEventBatch } from '../types.js';
import { journalPass, type PassOptions } from './journal-pass.js';
import { readAllRows } from './read-all-rows.js';

/** Options of `journal.projectionOffsets`. */
export interface ProjectionOffsetsOptions extends Omit<PassOptions, 'persistenceIds'> {
  /** Offset store keyspace. Default 'akka_projection'. */
  keyspace?: string;
  /** Default 'offset_store'. */
  table?: string;
  /** The journal the projections read. Default the journal's keyspace option (else 'akka') and 'messages'. */
  journalKeyspace?: string;
  journalTable?: string;
}

interface Newest { byTag: Map<string, number>; byPid: Map<string, number>; seqByPid: Map<string, number>; overall: number }

/**
 * projectionName, projectionKey, partition, manifest, offset, lastUpdated, paused, offsetTime,
 * offsetSequenceNr, comparedWith ('tag', 'persistenceId', 'journal' or 'unknown'), newestEventTime,
 * newestSequenceNr, lagMs, lagEvents; worst lag first.
 *
 * @example
 * const offsets = await loadProjectionOffsets(client, 'akka', tokens, { keyspace: 'akka_projection' });
 */
export async function loadProjectionOffsets(client: cassandra.Client, defaultKeyspace: string, ringTokens: readonly bigint[], options: ProjectionOffsetsOptions = {}): Promise<ColumnTable> {
  const keyspace = maybeName('keyspace', options.keyspace, 'akka_projection');
  const table = maybeName('table', options.table, 'offset_store');
  const journalKeyspace = maybeName('journalKeyspace', options.journalKeyspace, defaultKeyspace);
  const journalTable = maybeName('journalTable', options.journalTable, 'messages');
  const tables = await listTables(client, keyspace);
  if (!tables.includes(table)) {
    throw new NotFoundError('table', table, tables, `Table '${keyspace}.${table}' does not exist. Tables in keyspace '${keyspace}': ${tables.join(', ') || '(none)'}.`,
      { hint: "Pass the offset store of Akka Projection's Cassandra module, e.g. projectionOffsets({ keyspace: 'akka_projection', table: 'offset_store' })." });
  }
  const offsets: cassandra.types.Row[] = [];
  await readAllRows(client, `SELECT projection_name, partition, projection_key, offset, manifest, last_updated FROM ${qualifiedTable(keyspace, table)}`, [], (rows) => { offsets.push(...rows); });
  const paused = new Map<string, boolean>();
  if (tables.includes('projection_management')) {
    await readAllRows(client, `SELECT projection_name, projection_key, paused FROM ${qualifiedTable(keyspace, 'projection_management')}`, [], (rows) => {
      for (const row of rows) paused.set(`${row['projection_name'] as string}\u0000${row['projection_key'] as string}`, row['paused'] === true);
    });
  }
  const newest: Newest = { byTag: new Map(), byPid: new Map(), seqByPid: new Map(), overall: -Infinity };
  let rows = 0;
  await journalPass(client, journalKeyspace, journalTable, ringTokens, options, 'projection offsets: reading', () => ({
    sink: (batch) => { rows += batch.length; newestOf(batch, newest); }, onDeleted: () => undefined, rows: () => rows,
  }));

  const out = {
    projectionName: [] as string[], projectionKey: [] as string[], partition: [] as number[], manifest: [] as string[], offset: [] as string[],
    lastUpdated: [] as (Date | null)[], paused: [] as (boolean | null)[], offsetTime: [] as (Date | null)[], offsetSequenceNr: [] as (number | null)[],
    comparedWith: [] as string[], newestEventTime: [] as (Date | null)[], newestSequenceNr: [] as (number | null)[], lagMs: [] as (number | null)[], lagEvents: [] as (number | null)[],
  };
  for (const row of offsets) {
    const name = row['projection_name'] as string;
    const key = row['projection_key'] as string;
    const manifest = (row['manifest'] as string | null) ?? '';
    const offset = (row['offset'] as string | null) ?? '';
    out.projectionName.push(name);
    out.projectionKey.push(key);
    out.partition.push(row['partition'] as number);
    out.manifest.push(manifest);
    out.offset.push(offset);
    out.lastUpdated.push((row['last_updated'] as Date | null) ?? null);
    const p = paused.get(`${name}\u0000${key}`);
    out.paused.push(p === undefined ? null : p);
    let offsetMs: number | null = null;
    let offsetSeq: number | null = null;
    let compared = 'unknown';
    let newestMs: number | null = null;
    let newestSeq: number | null = null;
    if (manifest === 'TBU') {
      offsetMs = msFromUuidText(offset);
      const byTag = newest.byTag.get(key);
      const byPid = newest.byPid.get(key);
      [compared, newestMs] = byTag !== undefined ? ['tag', byTag] : byPid !== undefined ? ['persistenceId', byPid]
        : Number.isFinite(newest.overall) ? ['journal', newest.overall] : ['unknown', null];
    } else if (manifest === 'SEQ' || manifest === 'LNG' || manifest === 'INT') {
      offsetSeq = Number(offset);
      const seq = newest.seqByPid.get(key);
      if (seq !== undefined) {
        compared = 'persistenceId';
        newestSeq = seq;
        newestMs = newest.byPid.get(key) ?? null;
      }
    }
    out.offsetTime.push(offsetMs === null || Number.isNaN(offsetMs) ? null : new Date(offsetMs));
    out.offsetSequenceNr.push(offsetSeq);
    out.comparedWith.push(compared);
    out.newestEventTime.push(newestMs === null || !Number.isFinite(newestMs) ? null : new Date(newestMs));
    out.newestSequenceNr.push(newestSeq);
    out.lagMs.push(offsetMs !== null && newestMs !== null && Number.isFinite(offsetMs) && Number.isFinite(newestMs) ? Math.max(0, newestMs - offsetMs) : null);
    out.lagEvents.push(offsetSeq !== null && newestSeq !== null && Number.isFinite(offsetSeq) ? Math.max(0, newestSeq - offsetSeq) : null);
  }
  return aq.table(out).orderby(aq.desc('lagMs'), aq.desc('lagEvents'), 'projectionName', 'projectionKey').reify();
}

function newestOf(batch: RawEventBatch, newest: Newest): void {
  const n = batch.length;
  let lastPid = '';
  for (let i = 0; i < n; i++) {
    const pid = batch.persistenceId[i]!;
    const ms = batch.timestampMs[i]!;
    const seq = batch.sequenceNr[i]!;
    if (ms > newest.overall) newest.overall = ms;
    if (pid !== lastPid || i === n - 1 || batch.persistenceId[i + 1] !== pid) {
      // once per run of one id (and at its last row): rows of a partition arrive ascending
      if (seq > (newest.seqByPid.get(pid) ?? -1)) newest.seqByPid.set(pid, seq);
      lastPid = pid;
    }
    if (ms > (newest.byPid.get(pid) ?? -Infinity)) newest.byPid.set(pid, ms);
    const tags = batch.tags[i];
    if (tags) for (const tag of tags) if (ms > (newest.byTag.get(tag) ?? -Infinity)) newest.byTag.set(tag, ms);
  }
}

/** Epoch ms of a version-1 UUID in its text form; NaN when it is not one. */
export function msFromUuidText(uuid: string): number {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex) || hex[12] !== '1') return NaN;
  const ticks = (BigInt(`0x${hex.slice(13, 16)}`) << 48n) | (BigInt(`0x${hex.slice(8, 12)}`) << 32n) | BigInt(`0x${hex.slice(0, 8)}`);
  return Number((ticks - 0x01b21dd213814000n) / 10000n);
}
