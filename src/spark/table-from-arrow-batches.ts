// Spark Connect answers with one Arrow IPC stream per batch (schema, record batch, end-of-stream each).
// Concatenating their bytes keeps only the first batch (a reader stops at the first end-of-stream), so
// all streams are handed to flechette together: it reads every message of every buffer and ignores the
// repeated schemas. Then straight to Arquero, no JSON on the way.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableFromIPC, Type, type Column } from '@uwdata/flechette';

/**
 * One Arquero table from all Arrow batches of a result: int64 columns as numbers when every value is
 * within ±2^53, else as exact BigInts; timestamps as Dates; strings, binaries (Uint8Array), arrays,
 * structs as they come.
 *
 * @example
 * const t = tableFromArrowBatches((await client.execute('SELECT 1 AS one')).batches);
 */
export function tableFromArrowBatches(batches: readonly Uint8Array[]): ColumnTable {
  if (batches.length === 0) return aq.table({});
  const arrow = tableFromIPC(alignedBatches(batches), { useDate: true, useBigInt: true });
  let table = aq.fromArrow(arrow as unknown as Parameters<typeof aq.fromArrow>[0]);
  const safe: Record<string, Float64Array | (number | null)[]> = {};
  for (const field of arrow.schema.fields) {
    const type = field.type as { typeId: number; bitWidth?: number };
    if (type.typeId !== Type.Int || type.bitWidth !== 64) continue;
    const numbers = numbersIfSafe(arrow.getChild(field.name) as Column<bigint | null>);
    if (numbers !== null) safe[field.name] = numbers;
  }
  if (Object.keys(safe).length > 0) table = table.assign(safe);
  return table;
}

/** The batches, each copied when its bytes do not start on an 8-byte boundary (protobuf hands out slices of a larger message buffer; typed views need aligned offsets). */
export function alignedBatches(batches: readonly Uint8Array[]): Uint8Array[] {
  return batches.map((b) => (b.byteOffset % 8 === 0 ? b : new Uint8Array(b)));
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = -MAX;

// One pass per int64 column; null when any value needs the BigInt to stay exact.
function numbersIfSafe(column: Column<bigint | null>): Float64Array | (number | null)[] | null {
  const n = column.length;
  const out: Float64Array | (number | null)[] = column.nullCount > 0 ? new Array<number | null>(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column.at(i);
    if (v === null || v === undefined) {
      out[i] = null as unknown as number;
      continue;
    }
    if (v > MAX || v < MIN) return null;
    out[i] = Number(v);
  }
  return out;
}
