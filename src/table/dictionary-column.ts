// Columns of a few distinct values repeated over millions of rows (persistence ids, event types,
// writer uuids, tag sets): one Int32 code per row and each distinct value once. A plain array
// would hold an 8-byte pointer per row that the garbage collector traces on every full collection
// while a load grows; codes sit outside the heap.
import { growableInt32, pushValue, trimmed, type Growable } from './growable.js';
import { RowColumn } from './row-column.js';

/** An Arquero column: row r holds `values[codes[r]]`. */
export class DictionaryColumn<T> extends RowColumn<T> {
  readonly length: number;

  constructor(readonly codes: Int32Array, readonly values: readonly T[]) {
    super();
    this.length = codes.length;
  }

  at(row: number): T {
    return this.values[this.codes[row]!]!;
  }

  /** The rows `rows` (in that order), sharing this column's values. */
  subset(rows: ArrayLike<number>): DictionaryColumn<T> {
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < codes.length; i++) codes[i] = this.codes[rows[i]!]!;
    return new DictionaryColumn(codes, this.values);
  }
}

/** Builds a DictionaryColumn value by value; equal values (===) share one code. */
export class DictionaryBuilder<T> {
  readonly codes: Growable<Int32Array> = growableInt32();
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  private last: T | undefined;
  private lastCode = -1;

  /** The code of `value` (added to the dictionary when new). */
  code(value: T): number {
    if (value === this.last && this.lastCode >= 0) return this.lastCode;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    this.last = value;
    this.lastCode = code;
    return code;
  }

  push(value: T): void {
    pushValue(this.codes, this.code(value));
  }

  get length(): number {
    return this.codes.length;
  }

  /** The column; the builder must not be used afterwards. */
  finish(): DictionaryColumn<T> {
    return new DictionaryColumn(trimmed(this.codes), this.values);
  }
}
