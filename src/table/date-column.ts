// A V8 Date costs ~120 bytes (it caches its broken-down fields); a journal's timestamp column
// holds millions. This column keeps epoch ms in a Float64Array (8 bytes a row) and hands out a
// Date when a row is read, which is all Arquero asks of a column (length, at, iterator).

import { RowColumn } from './row-column.js';

/** An Arquero column of Dates backed by epoch milliseconds; NaN reads as null. */
export class DateColumn extends RowColumn<Date | null> {
  readonly length: number;

  constructor(private readonly ms: Float64Array) {
    super();
    this.length = ms.length;
  }

  /** The Date of row `row`, or null when the row has no time. */
  at(row: number): Date | null {
    const t = this.ms[row]!;
    return t === t ? new Date(t) : null;
  }

  /** The epoch ms of row `row` (NaN when unknown), without making a Date. */
  msAt(row: number): number {
    return this.ms[row]!;
  }
}
