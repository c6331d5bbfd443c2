// A small, deterministic journal table shaped like the loaders' output, for chart tests.
import { table, type ColumnTable } from 'arquero';

/**
 * `ids` persistence ids × `perId` events, one every 7 minutes from 2024-03-01T00:00Z, types cycling
 * through Created / Updated / Deleted; sequence numbers listed in `skip` (per id index) are left out.
 *
 * @example
 * const events = journalFixture({ ids: 3, perId: 10, skip: { 1: [4, 5] } });
 */
export function journalFixture(options: { ids?: number; perId?: number; skip?: Record<number, number[]> } = {}): ColumnTable {
  const ids = options.ids ?? 4;
  const perId = options.perId ?? 30;
  const types = ['Created', 'Updated', 'Updated', 'Deleted'];
  const cols = {
    persistenceId: [] as string[], partition: [] as number[], sequenceNr: [] as number[], timestamp: [] as Date[],
    eventType: [] as string[], event: [] as unknown[], serId: [] as number[], writerUuid: [] as string[], tags: [] as string[][],
  };
  const start = Date.UTC(2024, 2, 1);
  let k = 0;
  for (let id = 0; id < ids; ++id) {
    for (let seq = 1; seq <= perId; ++seq) {
      ++k;
      if (options.skip?.[id]?.includes(seq)) continue;
      cols.persistenceId.push(`cart-${id}`);
      cols.partition.push(Math.floor((seq - 1) / 20));
      cols.sequenceNr.push(seq);
      cols.timestamp.push(new Date(start + k * 7 * 60_000));
      cols.eventType.push(types[(seq + id) % types.length]);
      cols.event.push({ item: `sku-${seq}`, qty: seq % 3, note: '<b>' });
      cols.serId.push(33);
      cols.writerUuid.push('w-1');
      cols.tags.push(seq % 2 ? ['even'] : []);
    }
  }
  return table(cols);
}
