// Findings (columnar arrays) → the Arquero tables of a health result, and the summary table.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { PersistenceIdFindings } from './all-persistence-ids.js';
import { CHECK_NAMES, CHECK_TEXT, type CheckName } from './check-descriptions.js';
import type { ForkRows } from './forks.js';
import type { GapRows } from './gaps.js';
import type { HoleRows } from './partition-holes.js';
import type { DuplicateRows } from './sequence-tracker.js';
import type { TagEventRows, TagLagRows, TagPidGapRows, TagViewFindings } from './tag-views.js';

/** The tagViews part of a health result: one table per question. */
export interface TagViewTables {
  /** Tagged events with no tag_views row although written: tag, persistenceId, sequenceNr, timestamp. */
  missing: ColumnTable;
  /** tag_views rows with no live event of that tag: tag, persistenceId, sequenceNr, tagPidSequenceNr, timestamp. */
  extra: ColumnTable;
  /** tag, persistenceId, fromTagPidSequenceNr, toTagPidSequenceNr, missing. */
  tagPidGaps: ColumnTable;
  /** persistenceId, tag, journalSequenceNr, progressSequenceNr, pendingEvents, oldestPending, withinWindow. */
  lag: ColumnTable;
}

/** The allPersistenceIds part: one column `persistenceId` each. */
export interface PersistenceIdTables {
  missing: ColumnTable;
  extra: ColumnTable;
}

const dates = (ms: readonly number[]): (Date | null)[] => ms.map((v) => (Number.isFinite(v) ? new Date(v) : null));

export const tableFromGaps = (g: GapRows): ColumnTable => aq.table({ ...g });
export const tableFromForks = (f: ForkRows): ColumnTable => aq.table({ ...f });
export const tableFromHoles = (h: HoleRows): ColumnTable => aq.table({ ...h });

export function tableFromDuplicates(d: DuplicateRows): ColumnTable {
  return aq.table({ persistenceId: d.persistenceId, sequenceNr: d.sequenceNr, partition: d.partition, writerUuid: d.writerUuid, timestamp: dates(d.timestampMs) });
}

function tableFromTagEvents(e: TagEventRows, withTagPid: boolean): ColumnTable {
  return aq.table({ tag: e.tag, persistenceId: e.persistenceId, sequenceNr: e.sequenceNr,
    ...(withTagPid ? { tagPidSequenceNr: e.tagPidSequenceNr } : {}), timestamp: dates(e.timestampMs) });
}

function tableFromLag(l: TagLagRows): ColumnTable {
  return aq.table({ persistenceId: l.persistenceId, tag: l.tag, journalSequenceNr: l.journalSequenceNr, progressSequenceNr: l.progressSequenceNr,
    pendingEvents: l.pendingEvents, oldestPending: dates(l.oldestPendingMs), withinWindow: l.withinWindow });
}

export function tablesFromTagViews(f: TagViewFindings): TagViewTables {
  return { missing: tableFromTagEvents(f.missing, false), extra: tableFromTagEvents(f.extra, true),
    tagPidGaps: aq.table({ ...(f.tagPidGaps as TagPidGapRows) }), lag: tableFromLag(f.lag) };
}

export function tablesFromPersistenceIds(f: PersistenceIdFindings): PersistenceIdTables {
  return { missing: aq.table({ persistenceId: f.missing }), extra: aq.table({ persistenceId: f.extra }) };
}

/** Rows per check, as the summary needs them; null = not checked (its table does not exist, or the partition size does not fit the rows). */
export type CheckCounts = Record<CheckName, { rows: number; persistenceIds: number; problems: number } | null>;

/** The tables each check's rows are in (null when not checked), for counting. */
export function countsFrom(t: {
  gaps: ColumnTable; duplicates: ColumnTable; forks: ColumnTable; partitionHoles: ColumnTable;
  tagViews: TagViewTables | null; allPersistenceIds: PersistenceIdTables | null;
}, holesChecked = true): CheckCounts {
  const count = (table: ColumnTable, problems?: number) => ({
    rows: table.numRows(), persistenceIds: new Set(Array.from(table.array('persistenceId') as ArrayLike<unknown>)).size, problems: problems ?? table.numRows(),
  });
  const tv = t.tagViews;
  const ids = t.allPersistenceIds;
  return {
    gaps: count(t.gaps), duplicates: count(t.duplicates), forks: count(t.forks), partitionHoles: holesChecked ? count(t.partitionHoles) : null,
    tagViewsMissing: tv && count(tv.missing), tagViewsExtra: tv && count(tv.extra), tagPidSequenceGaps: tv && count(tv.tagPidGaps),
    tagWriteLag: tv && count(tv.lag, (tv.lag.array('withinWindow') as ArrayLike<boolean>).length === 0 ? 0
      : Array.from(tv.lag.array('withinWindow') as ArrayLike<boolean>).filter((w) => !w).length),
    allPersistenceIdsMissing: ids && count(ids.missing), allPersistenceIdsExtra: ids && count(ids.extra),
  };
}

/**
 * One row per check: check, checked, rows, persistenceIds, problems, meaning, fix.
 *
 * @example
 * show(summaryFromCounts(counts));
 */
export function summaryFromCounts(counts: CheckCounts): ColumnTable {
  const rows = CHECK_NAMES.map((name) => ({ name, c: counts[name] }));
  return aq.table({
    check: rows.map((r) => r.name),
    checked: rows.map((r) => r.c !== null),
    rows: rows.map((r) => r.c?.rows ?? 0),
    persistenceIds: rows.map((r) => r.c?.persistenceIds ?? 0),
    problems: rows.map((r) => r.c?.problems ?? 0),
    meaning: rows.map((r) => CHECK_TEXT[r.name].meaning),
    fix: rows.map((r) => CHECK_TEXT[r.name].fix),
  });
}
