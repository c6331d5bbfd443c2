// A small journal table as a Cassandra load makes it: lazy JSON events, a CBOR-like decoded event,
// tags, an undecodable row with its raw bytes.
import type { ColumnTable } from 'arquero';
import { createRawBatch } from '../../../src/cassandra/raw-batch.js';
import { attachLoadStats } from '../../../src/table/load-stats.js';
import { createJournalTableBuilder } from '../../../src/table/journal-table-builder.js';
import type { RawEventBatch } from '../../../src/types.js';

export function journalTable(n = 50): ColumnTable {
  const batch: RawEventBatch = createRawBatch(n);
  const events: unknown[] = [];
  const errors: (string | null)[] = [];
  const lazy = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    batch.length++;
    batch.persistenceId[i] = `cart-${i % 5}`;
    batch.partition[i] = i % 3 === 0 ? 1 : 0;
    batch.sequenceNr[i] = 1 + Math.floor(i / 5);
    batch.timestampMs[i] = i === 7 ? NaN : 1_767_225_600_000 + i * 1000;
    batch.serializerId[i] = i === 9 ? 9001 : 31;
    batch.manifest[i] = i % 2 ? 'com.example.ItemAdded' : 'com.example.CheckedOut';
    batch.writerUuid[i] = `w-${i % 2}`;
    batch.tags[i] = i % 4 === 0 ? null : i % 4 === 1 ? ['cart'] : ['cart', 'ünïcode'];
    if (i === 9) {
      batch.payload[i] = Uint8Array.from([1, 2, 3, 250]);
      events.push(null);
      errors.push('no decoder for serializer 9001');
    } else if (i === 11) {
      batch.payload[i] = Buffer.from('cbor');
      events.push({ item: 'x', qty: 2, when: 'später' });
      errors.push(null);
    } else {
      batch.payload[i] = Buffer.from(JSON.stringify({ item: `item-${i}`, qty: i, note: i % 7 === 0 ? 'ä "quoted"' : null }));
      events.push(undefined);
      lazy[i] = 1;
      errors.push(null);
    }
  }
  const builder = createJournalTableBuilder();
  builder.append(batch, { events, errors, lazy });
  const table = builder.toTable((id) => `serializer-${id}`);
  attachLoadStats(table, {
    rows: n, undecodable: 1, undecodableBy: { '9001:com.example.CheckedOut': 1 }, deletedSkipped: 2, filteredSkipped: 0,
    duplicatesDropped: 1, rangesTotal: 32, elapsedMs: 12, layout: 'event',
  });
  return table;
}
