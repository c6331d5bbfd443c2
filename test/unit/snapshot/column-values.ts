// Snapshot columns compared row by row in the snapshot tests.
import type { SnapshotColumn } from '../../../src/snapshot/snapshot-columns.js';

/** Row values of a column, comparable with deepEqual (NaN and missing values as null, bytes as hex). */
export function rowValues(column: SnapshotColumn, rows: number): unknown[] {
  const out: unknown[] = [];
  for (let r = 0; r < rows; r++) {
    switch (column.kind) {
      case 'dictionary': out.push(column.codes[r] === -1 ? null : column.values[column.codes[r]!]); break;
      case 'list': out.push(column.values[column.codes[r]!]); break;
      case 'int64': case 'timestamp': case 'float64': case 'int32': {
        const v = column.values[r]!;
        out.push(v !== v ? null : v);
        break;
      }
      case 'json': case 'utf8': case 'binary': {
        const { bytes, offsets, valid } = column.slots;
        out.push(valid !== null && valid[r] === 0 ? null : Buffer.from(bytes.subarray(offsets[r], offsets[r + 1])).toString('hex'));
        break;
      }
    }
  }
  return out;
}
