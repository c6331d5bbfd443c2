// Writes the small protobuf journal that notebooks/custom-decoder.ipynb reads: three warehouses'
// stock events, serialized as Akka's ProtobufSerializer does (id 2, manifest = the generated Java
// class, protoc outer-class style), into the scratch keyspace `notebooks_inventory`. Notebooks
// only read journals, so scripts/demo and the notebook tests run this first. Idempotent: the
// events and their time UUIDs are reproducible, and nothing is written when the last one is there.
//
//   node --import tsx scripts/lib/notebooks/seed-inventory.ts [--force]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import protobuf from 'protobufjs';
import { mulberry32 } from '../../journal/demo-domain.js';
import { timeUuidFromParts } from '../../journal/encode/timeuuid.js';
import { createJournalWriter, type JournalEvent } from '../../journal/writer.js';

export const inventoryDefaults = {
  keyspace: 'notebooks_inventory',
  warehouses: ['wh-berlin', 'wh-lyon', 'wh-porto'],
  eventsPerWarehouse: 120,
  start: Date.UTC(2025, 8, 1),
  /** Akka's ProtobufSerializer. */
  serializerId: 2,
  outerClass: 'com.example.inventory.InventoryEvents',
  seed: 7,
};

export const INVENTORY_PROTO = readFileSync(new URL('./inventory.proto', import.meta.url), 'utf8');

const SKUS = ['sku-1001', 'sku-1004', 'sku-2001', 'sku-3002', 'sku-4001', 'sku-6001'];
const NODE_ID = Buffer.from('c0ffee000001', 'hex');

/**
 * The inventory journal: per warehouse, stock received, reserved for orders and released again.
 *
 * @example
 * inventoryEvents()[0]; // { persistenceId: 'Warehouse|wh-berlin', sequenceNr: 1, serializer: 'raw', serializerId: 2, ... }
 */
export function inventoryEvents(): JournalEvent[] {
  const root = protobuf.parse(INVENTORY_PROTO, { keepCase: true }).root;
  const type = (name: string) => root.lookupType(`com.example.inventory.${name}`);
  const received = type('StockReceived');
  const reserved = type('StockReserved');
  const released = type('StockReleased');
  const events: JournalEvent[] = [];
  inventoryDefaults.warehouses.forEach((warehouse, w) => {
    const rng = mulberry32(inventoryDefaults.seed * 1000 + w);
    const stock = new Map<string, number>();
    const open: Array<{ sku: string; quantity: number; order_id: string }> = [];
    let t = inventoryDefaults.start + Math.floor(rng() * 3_600_000);
    for (let seq = 1; seq <= inventoryDefaults.eventsPerWarehouse; seq++) {
      const sku = SKUS[Math.floor(rng() * SKUS.length)]!;
      const r = rng();
      let name: string;
      let bytes: Uint8Array;
      if ((stock.get(sku) ?? 0) < 5 || r < 0.25) {
        const quantity = 20 + Math.floor(rng() * 80);
        stock.set(sku, (stock.get(sku) ?? 0) + quantity);
        name = 'StockReceived';
        bytes = received.encode(received.create({ sku, quantity, supplier: rng() < 0.5 ? 'acme' : 'globex' })).finish();
      } else if (r < 0.85 || open.length === 0) {
        const quantity = 1 + Math.floor(rng() * 4);
        const order_id = `order-${w + 1}${String(seq).padStart(4, '0')}`;
        stock.set(sku, stock.get(sku)! - quantity);
        open.push({ sku, quantity, order_id });
        name = 'StockReserved';
        bytes = reserved.encode(reserved.create({ sku, quantity, order_id })).finish();
      } else {
        const undo = open.splice(Math.floor(rng() * open.length), 1)[0]!;
        stock.set(undo.sku, (stock.get(undo.sku) ?? 0) + undo.quantity);
        name = 'StockReleased';
        bytes = released.encode(released.create({ ...undo, reason: rng() < 0.6 ? 0 : 1 })).finish();
      }
      const timestamp = new Date(t);
      events.push({
        persistenceId: `Warehouse|${warehouse}`, sequenceNr: seq, timestamp, tags: ['inventory'],
        writerUuid: `00000000-0000-4000-8000-00000000000${w + 1}`,
        serializer: 'raw', serializerId: inventoryDefaults.serializerId,
        manifest: `${inventoryDefaults.outerClass}$${name}`, event: bytes,
        timeUuid: timeUuidFromParts(timestamp, seq, NODE_ID, w).toString(),
      });
      t += 60_000 + Math.floor(rng() * 8 * 3_600_000);
    }
  });
  return events;
}

/**
 * Writes the inventory journal unless its last event is already there; returns how many events it wrote.
 *
 * @example
 * await seedInventory(); // 360 the first time, 0 afterwards
 */
export async function seedInventory(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const events = inventoryEvents();
  const w = await createJournalWriter({ keyspace: inventoryDefaults.keyspace });
  try {
    const last = events[events.length - 1]!;
    const rs = await w.client.execute(
      `SELECT timestamp FROM ${w.keyspace}.${w.table} WHERE persistence_id = ? AND partition_nr = 0 AND sequence_nr = ?`,
      [last.persistenceId, last.sequenceNr], { prepare: true });
    if (!options.force && rs.rows.some((row) => String(row['timestamp']) === last.timeUuid)) {
      log(`${w.keyspace}.${w.table} already holds the inventory journal (${events.length} protobuf events); nothing written.`);
      return 0;
    }
    const result = await w.write(events);
    log(`wrote ${result.rows} protobuf events of ${inventoryDefaults.warehouses.length} warehouses to ${w.keyspace}.${w.table}`);
    return result.rows;
  } finally {
    await w.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  seedInventory({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
