import type { types } from 'cassandra-driver';
import type { JournalLayoutName, RawEventBatch } from '../../types.js';
import type { RowGate } from '../row-gate.js';

/** How one journal era is read: its columns and the loop that turns a page of rows into a batch. */
export interface JournalLayout {
  name: JournalLayoutName;
  persistenceIdColumn: 'persistence_id' | 'processor_id';
  /** The columns the SELECT names, all present in the table. */
  columns: string[];
  /** Default partition size of the plugin versions that wrote this layout. */
  defaultPartitionSize: number;
  /** Appends the rows the gate admits; `batch` has room for all of them. */
  appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void;
}

/**
 * Tag columns of pre-0.80 tables (tag1..tag3) unioned with `tags` (0.80+), as the plugin does. Equal
 * tag sets share one frozen array: a journal has few distinct ones and millions of rows.
 */
export function tagsFrom(row: types.Row, hasTagSet: boolean, tagSlots: number, gate: RowGate): readonly string[] | null {
  const tags = readTags(row, hasTagSet, tagSlots);
  if (tags === null) return null;
  const key = tags.length === 1 ? tags[0]! : tags.join('\u0001');
  const known = gate.tagSets.get(key);
  if (known !== undefined) return known;
  const frozen = Object.freeze(tags);
  if (gate.tagSets.size < 10_000) gate.tagSets.set(key, frozen);
  return frozen;
}

function readTags(row: types.Row, hasTagSet: boolean, tagSlots: number): string[] | null {
  let tags: string[] | null = hasTagSet ? (row['tags'] as string[] | null) : null;
  if (tags !== null && tags.length === 0) tags = null;
  for (let slot = 1; slot <= tagSlots; slot++) {
    const tag = row[`tag${slot}`] as string | null;
    if (tag) {
      if (tags === null) tags = [tag];
      else if (!tags.includes(tag)) tags = [...tags, tag];
    }
  }
  return tags;
}
