// Rows of the legacy layouts learn their write time only from the PersistentRepr, after decoding:
// this drops, in place, the rows of a decoded batch outside [fromMs, toMs]. Written out as one
// compacting loop (no filter closure, no new arrays): it runs on every page of a time-filtered load.
import type { RawEventBatch } from '../types.js';
import { moveRow } from './raw-batch.js';
import type { RowGate } from './row-gate.js';

/** The decoded side of a batch, kept row-aligned with it. */
export interface DecodedRows {
  events: unknown[];
  errors: (string | null)[] | null;
  lazy: Uint8Array | null;
}

/**
 * Compacts `batch` and `decoded` to the rows written within [fromMs, toMs]; counts the others in the gate.
 *
 * @example
 * dropOutsideTime(batch, decoded, Date.parse('2026-11-01'), Infinity, gate);
 */
export function dropOutsideTime(batch: RawEventBatch, decoded: DecodedRows, fromMs: number, toMs: number, gate: RowGate): void {
  let kept = 0;
  const n = batch.length;
  for (let i = 0; i < n; i++) {
    const ms = batch.timestampMs[i]!;
    if (!(ms >= fromMs && ms <= toMs)) {
      gate.counters.outsideFilter++;
      continue;
    }
    if (kept !== i) {
      moveRow(batch, i, kept);
      decoded.events[kept] = decoded.events[i];
      if (decoded.errors) decoded.errors[kept] = decoded.errors[i]!;
      if (decoded.lazy) decoded.lazy[kept] = decoded.lazy[i]!;
    }
    kept++;
  }
  batch.length = kept;
}
