import type { RawEventBatch } from '../types.js';
import { internString, type StringPool } from '../util/string-pool.js';

/** Which rows a load keeps; bounds are inclusive. */
export interface RowFilter {
  fromSequenceNr: number;
  toSequenceNr: number;
  fromMs: number;
  toMs: number;
}

/** Counters of rows a load left out on purpose, shared by all workers of one load. */
export interface SkipCounters {
  scanned: number;
  deletedSkipped: number;
  filteredSkipped: number;
  duplicatesDropped: number;
  outsideFilter: number;
}

/** What every page appender of one load consults: deletes, filters and the duplicate rule. */
export interface RowGate {
  filter: RowFilter;
  /** persistenceId → highest logically deleted sequence number (metadata.deleted_to). */
  deletedTo: ReadonlyMap<string, number>;
  keepDuplicates: boolean;
  counters: SkipCounters;
  /** Interned manifests and writer ids: thousands of rows share a handful of strings. */
  strings: StringPool;
  /** Interned tag sets, keyed by their tags joined. */
  tagSets: Map<string, readonly string[]>;
}

export const NO_FILTER: RowFilter = { fromSequenceNr: 0, toSequenceNr: Infinity, fromMs: -Infinity, toMs: Infinity };

export function createRowGate(filter: RowFilter, deletedTo: ReadonlyMap<string, number>, keepDuplicates: boolean): RowGate {
  return {
    filter,
    deletedTo,
    keepDuplicates,
    counters: { scanned: 0, deletedSkipped: 0, filteredSkipped: 0, duplicatesDropped: 0, outsideFilter: 0 },
    strings: new Map(),
    tagSets: new Map(),
  };
}

/** The one shared copy of `value`. */
export function intern(gate: RowGate, value: string): string {
  return internString(gate.strings, value);
}

/**
 * Decides whether a row enters `batch`, before anything of it is decoded. Rows of one Cassandra
 * partition arrive in clustering order, so a second row with the same (persistenceId, sequenceNr)
 * follows the first at once; like Akka's replay filter the newer one replaces it.
 */
export function admitRow(gate: RowGate, batch: RawEventBatch, pid: string, seq: number, ms: number): boolean {
  const f = gate.filter;
  if (seq < f.fromSequenceNr || seq > f.toSequenceNr || ms < f.fromMs || ms > f.toMs) {
    gate.counters.outsideFilter++;
    return false;
  }
  if (gate.deletedTo.size > 0) {
    const deletedTo = gate.deletedTo.get(pid);
    if (deletedTo !== undefined && seq <= deletedTo) {
      gate.counters.deletedSkipped++;
      return false;
    }
  }
  const last = batch.length - 1;
  if (last >= 0 && !gate.keepDuplicates && batch.sequenceNr[last] === seq && batch.persistenceId[last] === pid) {
    batch.length--;
    gate.counters.duplicatesDropped++;
  }
  return true;
}
