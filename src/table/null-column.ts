// A column that is null on every row, e.g. `decodeError` of a load where everything decoded:
// no array of a million nulls (8 bytes a row) for a column that says nothing.
import { RowColumn } from './row-column.js';

/** An Arquero column of `length` nulls. */
export class NullColumn extends RowColumn<null> {
  constructor(readonly length: number) {
    super();
  }

  at(_row: number): null {
    return null;
  }
}
