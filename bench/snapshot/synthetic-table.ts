// A journal table of `rows` events as a Cassandra load builds it (lazy JSON events, dictionary
// ids and types, tags), made without Cassandra: the file-format half of the snapshot benchmark.
import type { ColumnTable } from 'arquero';
import { createRawBatch } from '../../src/cassandra/raw-batch.js';
import { createJournalTableBuilder } from '../../src/table/journal-table-builder.js';
import { serializerName } from '../../src/decode/serializer-ids.js';

export function syntheticJournalTable(rows: number): ColumnTable {
  const builder = createJournalTableBuilder();
  const ids = Math.max(1, Math.floor(rows / 50));
  const types = Array.from({ length: 12 }, (_, i) => `com.example.cart.ShoppingCart$Event${i}`);
  const tagSets = [null, Object.freeze(['cart']), Object.freeze(['cart', 'checkout'])];
  const seqById = new Float64Array(ids);
  const chunk = 10_000;
  let t = Date.UTC(2026, 0, 1);
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const batch = createRawBatch(n);
    const lazy = new Uint8Array(n).fill(1);
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const p = (i * 7919) % ids;
      batch.length++;
      batch.persistenceId[k] = `ShoppingCart|cart-${p}`;
      batch.partition[k] = 0;
      batch.sequenceNr[k] = ++seqById[p]!;
      batch.timestampMs[k] = t += 37;
      batch.serializerId[k] = 31;
      batch.manifest[k] = types[i % types.length]!;
      batch.writerUuid[k] = `6f1c${(p % 65536).toString(16).padStart(4, '0')}-2b1a-4c3d-9e8f-0123456789ab`;
      batch.tags[k] = tagSets[i % 3]!;
      batch.payload[k] = Buffer.from(`{"cartId":"cart-${p}","itemId":"item-${i % 5000}","quantity":${i % 9},"price":${(i % 1000) / 10},"at":"2026-01-01T00:00:00Z"}`);
    }
    builder.append(batch, { events: new Array(n), errors: null, lazy });
  }
  return builder.toTable(serializerName);
}
