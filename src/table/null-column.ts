// A column that is null on every row, e.g. `decodeError` of a load where everything decoded:
// no array of a million nulls (8 bytes a row) for a column that says nothing.

/** An Arquero column of `length` nulls. */
export class NullColumn {
  constructor(readonly length: number) {}

  at(_row: number): null {
    return null;
  }

  toArray(): null[] {
    return new Array<null>(this.length).fill(null);
  }

  *[Symbol.iterator](): Iterator<null> {
    for (let i = 0; i < this.length; i++) yield null;
  }
}
