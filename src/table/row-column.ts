// What every column class of this library shares: Arquero reads a column through `length`,
// `at(row)` and iteration; a subclass gives the first two, this class the rest.

/** A read-only Arquero column defined by `at`. */
export abstract class RowColumn<T> {
  abstract readonly length: number;

  abstract at(row: number): T;

  /** All rows as an array. */
  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
