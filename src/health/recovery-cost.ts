// journal.recoveryCost(): per persistence id, what a recovery replays: events after the newest
// snapshot (and after deleted_to), counted over the journal's live sequence numbers, worst first.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { maybeName, maybePersistenceIds } from '../cassandra/maybe-options.js';
import { vegaLite } from '../render/vega-lite.js';
import type { Chart } from '../render/Chart.js';
import { journalPass, type PassOptions } from './journal-pass.js';
import { liveRuns } from './pid-state.js';
import { createSequenceTracker, type SequenceTracker } from './sequence-tracker.js';
import { newestSnapshots } from './snapshot-table.js';

/** Options of `journal.recoveryCost`. */
export interface RecoveryCostOptions extends PassOptions {
  /** Journal keyspace; default the journal's keyspace option, else 'akka'. */
  keyspace?: string;
  /** Default 'messages'. */
  table?: string;
  /** Default '<keyspace>_snapshot'. */
  snapshotKeyspace?: string;
  /** Default 'snapshots'. */
  snapshotTable?: string;
}

/**
 * persistenceId, snapshotSequenceNr (null without one), highestSequenceNr, deletedTo,
 * eventsAfterSnapshot (highest − snapshot), replayedEvents (live events a recovery reads),
 * sorted by replayedEvents, worst first.
 *
 * @example
 * const cost = await loadRecoveryCost(client, 'akka', tokens, {});
 */
export async function loadRecoveryCost(client: cassandra.Client, defaultKeyspace: string, ringTokens: readonly bigint[], options: RecoveryCostOptions = {}): Promise<ColumnTable> {
  const keyspace = maybeName('keyspace', options.keyspace, defaultKeyspace);
  const table = maybeName('table', options.table, 'messages');
  const snapshotKeyspace = maybeName('snapshotKeyspace', options.snapshotKeyspace, `${keyspace}_snapshot`);
  const snapshotTable = maybeName('snapshotTable', options.snapshotTable, 'snapshots');
  const persistenceIds = maybePersistenceIds(options.persistenceIds);
  const snapshots = await newestSnapshots(client, snapshotKeyspace, snapshotTable, persistenceIds && new Set(persistenceIds));
  let tracker: SequenceTracker | undefined;
  await journalPass(client, keyspace, table, ringTokens, { ...options, persistenceIds }, 'recovery cost of', (ctx) => {
    tracker = createSequenceTracker(ctx.deletedTo, false);
    return { sink: tracker.add, onDeleted: tracker.markDeleted, rows: () => tracker!.rows, tags: false };
  });
  const { states } = tracker!.finish();
  const out = { persistenceId: [] as string[], snapshotSequenceNr: [] as (number | null)[], highestSequenceNr: [] as number[], deletedTo: [] as number[],
    eventsAfterSnapshot: [] as number[], replayedEvents: [] as number[] };
  const order = states.order;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    const pid = states.pids[id]!;
    const deletedTo = states.deletedTo[id]!;
    const live = liveRuns(states, id);
    if (live.length === 0) continue;
    const snapshot = snapshots.get(pid);
    const from = Math.max(snapshot ?? 0, deletedTo);
    let replayed = 0;
    for (let r = 0; r < live.length; r += 2) replayed += Math.max(0, live[r + 1]! - Math.max(live[r]!, from + 1) + 1);
    const highest = live[live.length - 1]!;
    out.persistenceId.push(pid);
    out.snapshotSequenceNr.push(snapshot ?? null);
    out.highestSequenceNr.push(highest);
    out.deletedTo.push(deletedTo);
    out.eventsAfterSnapshot.push(highest - (snapshot ?? 0));
    out.replayedEvents.push(replayed);
  }
  return aq.table(out).orderby(aq.desc('replayedEvents'), 'persistenceId').reify();
}

/**
 * A bar chart of the `top` costliest recoveries (default 25), split into events covered by no
 * snapshot and events after one.
 *
 * @example
 * await show(recoveryCostChart(await journal.recoveryCost()));
 */
export function recoveryCostChart(cost: ColumnTable, options: { top?: number } = {}): Chart {
  const top = cost.slice(0, options.top ?? 25).derive({ snapshot: (d: { snapshotSequenceNr: number | null }) => (d.snapshotSequenceNr === null ? 'no snapshot' : 'after snapshot') })
    .select('persistenceId', 'replayedEvents', 'snapshot');
  return vegaLite({
    title: 'Events a recovery replays (worst first)', mark: 'bar',
    encoding: {
      y: { field: 'persistenceId', type: 'nominal', sort: '-x', title: null },
      x: { field: 'replayedEvents', type: 'quantitative', title: 'events replayed' },
      color: { field: 'snapshot', type: 'nominal', title: null },
    },
  }, top);
}
