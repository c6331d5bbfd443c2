// tagViews: the eventsByTag tables (APC 0.80+, 1.x, Pekko) against the journal, the source of truth.
// - missing: a live tagged event absent from tag_views although tag_write_progress says it was
//   written (or it is older than the window and no progress row exists);
// - extra: a tag_views row with no live journal event of that tag (rows of deleted events are
//   kept by the plugin on purpose and are not extra);
// - tagPidGaps: holes in tag_pid_sequence_nr per (tag, persistenceId), gap-free from 1 by design;
// - lag: per (persistenceId, tag), tagged events not yet in tag_views (above the progress row or
//   newer than the window): lag, a problem only when older than the window.
// docs/health-checks.md says why none of these fires on a genuine journal.
import type cassandra from 'cassandra-driver';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable } from '../cassandra/quote.js';
import { msFromTimeUuidBytes } from '../cassandra/time-uuid.js';
import type { PidStates } from './pid-state.js';
import { readAllRows } from './read-all-rows.js';

export interface TagEventRows { tag: string[]; persistenceId: string[]; sequenceNr: number[]; timestampMs: number[]; tagPidSequenceNr: number[] }
export interface TagPidGapRows { tag: string[]; persistenceId: string[]; fromTagPidSequenceNr: number[]; toTagPidSequenceNr: number[]; missing: number[] }
export interface TagLagRows {
  persistenceId: string[]; tag: string[]; journalSequenceNr: number[]; progressSequenceNr: (number | null)[];
  pendingEvents: number[]; oldestPendingMs: number[]; withinWindow: boolean[];
}
export interface TagViewFindings { missing: TagEventRows; extra: TagEventRows; tagPidGaps: TagPidGapRows; lag: TagLagRows }

interface ViewSeqs { seqs: Set<number>; rowSeqs: number[]; tagPidSeqs: number[]; ms: number[] }

const eventRows = (): TagEventRows => ({ tag: [], persistenceId: [], sequenceNr: [], timestampMs: [], tagPidSequenceNr: [] });

/**
 * Reads tag_views and tag_write_progress of `keyspace` (payload columns left out) and compares
 * them with the tagged events the scan collected. `nowMs - windowMs` separates lag from missing.
 *
 * @example
 * const findings = await checkTagViews(client, 'akka', states, deletedTo, tables, Date.now(), 60_000);
 */
export async function checkTagViews(
  client: cassandra.Client, keyspace: string, states: PidStates, deletedTo: ReadonlyMap<string, number>,
  tables: ReadonlySet<string>, nowMs: number, windowMs: number, persistenceIds?: ReadonlySet<string>,
): Promise<TagViewFindings> {
  const views = new Map<string, Map<string, ViewSeqs>>();
  await readAllRows(client, `SELECT tag_name, persistence_id, sequence_nr, tag_pid_sequence_nr, timestamp FROM ${qualifiedTable(keyspace, 'tag_views')}`, [], (rows) => {
    for (const row of rows) {
      const pid = row['persistence_id'] as string;
      if (persistenceIds && !persistenceIds.has(pid)) continue;
      const tag = row['tag_name'] as string;
      let byTag = views.get(pid);
      if (byTag === undefined) views.set(pid, byTag = new Map());
      let seqs = byTag.get(tag);
      if (seqs === undefined) byTag.set(tag, seqs = { seqs: new Set(), rowSeqs: [], tagPidSeqs: [], ms: [] });
      const seq = numberFromLong(row['sequence_nr'] as LongLike);
      const uuid = row['timestamp'] as { getBuffer(): Buffer } | null;
      seqs.seqs.add(seq);
      seqs.rowSeqs.push(seq);
      seqs.tagPidSeqs.push(numberFromLong(row['tag_pid_sequence_nr'] as LongLike));
      seqs.ms.push(uuid ? msFromTimeUuidBytes(uuid.getBuffer()) : NaN);
    }
  });
  const extra = extraRows(views, states, deletedTo);
  const viewRow = { tag: '', pid: '', seq: 0, tagPidSeq: 0, ms: 0 };
  const progress = new Map<string, number>();
  if (tables.has('tag_write_progress')) {
    await readAllRows(client, `SELECT persistence_id, tag, sequence_nr FROM ${qualifiedTable(keyspace, 'tag_write_progress')}`, [], (rows) => {
      for (const row of rows) progress.set(`${row['tag'] as string}\u0000${row['persistence_id'] as string}`, numberFromLong(row['sequence_nr'] as LongLike));
    });
  }
  const missing = eventRows();
  const lag: TagLagRows = { persistenceId: [], tag: [], journalSequenceNr: [], progressSequenceNr: [], pendingEvents: [], oldestPendingMs: [], withinWindow: [] };
  const cutoff = nowMs - windowMs;
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    const byTag = states.tags.get(id);
    if (byTag === undefined) continue;
    const pid = states.pids[id]!;
    for (const [tag, tagged] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const inView = views.get(pid)?.get(tag)?.seqs;
      const done = progress.get(`${tag}\u0000${pid}`);
      let pending = 0;
      let oldestPending = Infinity;
      let highest = 0;
      for (let i = 0; i < tagged.seqs.length; i++) {
        const seq = tagged.seqs[i]!;
        if (seq > highest) highest = seq;
        if (inView?.has(seq)) continue;
        const ms = tagged.ms[i]!;
        const written = done !== undefined ? seq <= done : !(ms > cutoff);
        if (written) {
          viewRow.tag = tag; viewRow.pid = pid; viewRow.seq = seq; viewRow.tagPidSeq = NaN; viewRow.ms = ms;
          pushEvent(missing, viewRow);
        } else {
          pending++;
          if (ms < oldestPending) oldestPending = ms;
        }
      }
      if (pending > 0) {
        lag.persistenceId.push(pid);
        lag.tag.push(tag);
        lag.journalSequenceNr.push(highest);
        lag.progressSequenceNr.push(done ?? null);
        lag.pendingEvents.push(pending);
        lag.oldestPendingMs.push(oldestPending);
        lag.withinWindow.push(!(oldestPending <= cutoff));
      }
    }
  }
  const ttl = await defaultTtl(client, keyspace);
  return { missing, extra, tagPidGaps: tagPidGaps(views, ttl > 0), lag };
}

/** tag_views rows with no live journal event of their tag; rows at or below deleted_to are kept by the plugin (§1.7). */
function extraRows(views: Map<string, Map<string, ViewSeqs>>, states: PidStates, deletedToById: ReadonlyMap<string, number>): TagEventRows {
  const out = eventRows();
  for (const pid of [...views.keys()].sort()) {
    const state = states.get(pid);
    for (const [tag, view] of views.get(pid)!) {
      const tagged = state?.tags?.get(tag);
      const inJournal = new Set(tagged?.seqs ?? []);
      const deletedTo = deletedToById.get(pid) ?? 0;
      for (let i = 0; i < view.rowSeqs.length; i++) {
        const seq = view.rowSeqs[i]!;
        if (seq <= deletedTo || inJournal.has(seq)) continue;
        pushEvent(out, { tag, pid, seq, tagPidSeq: view.tagPidSeqs[i]!, ms: view.ms[i]! });
      }
    }
  }
  return out;
}

function pushEvent(out: TagEventRows, row: { tag: string; pid: string; seq: number; tagPidSeq: number; ms: number }): void {
  out.tag.push(row.tag);
  out.persistenceId.push(row.pid);
  out.sequenceNr.push(row.seq);
  out.tagPidSequenceNr.push(row.tagPidSeq);
  out.timestampMs.push(row.ms);
}

function tagPidGaps(views: Map<string, Map<string, ViewSeqs>>, expiring: boolean): TagPidGapRows {
  const out: TagPidGapRows = { tag: [], persistenceId: [], fromTagPidSequenceNr: [], toTagPidSequenceNr: [], missing: [] };
  for (const pid of [...views.keys()].sort()) {
    for (const [tag, seqs] of views.get(pid)!) {
      const sorted = Float64Array.from(seqs.tagPidSeqs).sort();
      // With a default TTL the oldest rows expire: only holes above the lowest one count then.
      let expected = expiring && sorted.length > 0 ? sorted[0]! : 1;
      for (const n of sorted) {
        if (n > expected) {
          out.tag.push(tag);
          out.persistenceId.push(pid);
          out.fromTagPidSequenceNr.push(expected);
          out.toTagPidSequenceNr.push(n - 1);
          out.missing.push(n - expected);
        }
        if (n >= expected) expected = n + 1;
      }
    }
  }
  return out;
}

async function defaultTtl(client: cassandra.Client, keyspace: string): Promise<number> {
  const result = await client.execute('SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, 'tag_views'], { prepare: true });
  return Number(result.first()?.['default_time_to_live'] ?? 0);
}
