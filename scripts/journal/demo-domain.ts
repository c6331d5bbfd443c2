// A deterministic shopping-cart journal in the style of the Akka typed sample
// (akka-samples cqrs: `ShoppingCart|cart-<n>`, slice tags carts-0..carts-4 chosen by the
// Java hashCode of the cart id). Every cart draws from its own seeded PRNG, so cart n is the
// same whatever else is generated, and a million events never sit in memory at once.
//
// Mix (default mode): Jackson JSON (31) mostly; jackson-cbor (33) for incarnations started on
// the "v2" nodes rolled out in week 5; a few CheckedOut events with a receipt above 32 KiB
// (gzip, as Akka compresses by default); CouponApplied events of a custom serializer 9001 that
// no decoder knows; a few logical deletes; writer incarnations per passivation and restart.
import { timeUuidFromParts } from './encode/timeuuid.js';
import type { JournalEvent } from './writer.js';

export const demoDefaults = {
  carts: 3000,
  seed: 42,
  /** A Monday; the demo spans `days` from here. Fixed so that the data set is reproducible. */
  start: new Date('2025-09-01T00:00:00Z'),
  days: 42,
  /** Events per yielded batch (whole carts, so a batch may be a little larger). */
  batchEvents: 5000,
};

export interface DemoOptions {
  /** Number of carts (default 3000); `Infinity` with `maxEvents` for bulk data. */
  carts?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** First day (default 2025-09-01, a Monday). */
  start?: Date;
  /** Days covered (default 42). */
  days?: number;
  /** Stop after exactly this many events (the last cart is cut short). Default unlimited. */
  maxEvents?: number;
  /** Bulk/benchmark mode: Jackson JSON only, no oversized, custom-serializer or deleted events. Default false. */
  plain?: boolean;
  /** Default 5000. */
  batchEvents?: number;
}

export interface DemoDelete {
  persistenceId: string;
  toSequenceNr: number;
}

export interface DemoBatch {
  events: JournalEvent[];
  /** Logical deletes to apply after the batch's events are written. */
  deletes: DemoDelete[];
}

export const CART_CLASS = 'com.example.cart.ShoppingCart';
export const COUPON_SERIALIZER_ID = 9001;

// ------------------------------------------------------------------------------------------
// PRNG and helpers

/** mulberry32: small, fast, good enough for synthetic data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Java's String.hashCode, as the Akka sample uses it to pick a slice tag. */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function mix(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function weighted(rng: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function uuidFrom(rng: () => number): string {
  const word = () => ((rng() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const s = word() + word() + word() + word();
  const variant = ((parseInt(s[16]!, 16) & 3) | 8).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
}

/** Lognormal-ish gap in ms with the given median. */
function gapMs(rng: () => number, medianMs: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.max(1000, Math.round(medianMs * Math.exp(0.9 * z)));
}

// ------------------------------------------------------------------------------------------
// Domain data

const CATALOG: ReadonlyArray<readonly [string, string, string, number]> = [
  ['sku-1001', 'Merino wool socks', 'apparel', 12.9], ['sku-1002', 'Rain jacket', 'apparel', 89.0],
  ['sku-1003', 'Running shorts', 'apparel', 24.5], ['sku-1004', 'Hiking boots', 'footwear', 139.0],
  ['sku-1005', 'Trail runners', 'footwear', 119.95], ['sku-1006', 'Canvas sneakers', 'footwear', 54.9],
  ['sku-2001', 'Espresso beans 1kg', 'grocery', 24.9], ['sku-2002', 'Green tea 100 bags', 'grocery', 7.49],
  ['sku-2003', 'Dark chocolate 70%', 'grocery', 2.99], ['sku-2004', 'Olive oil 750ml', 'grocery', 11.5],
  ['sku-2005', 'Oat drink 1l', 'grocery', 1.89], ['sku-3001', 'USB-C cable 2m', 'electronics', 9.99],
  ['sku-3002', 'Wireless earbuds', 'electronics', 79.0], ['sku-3003', 'Power bank 20000mAh', 'electronics', 39.9],
  ['sku-3004', 'Mechanical keyboard', 'electronics', 109.0], ['sku-3005', '27" monitor', 'electronics', 249.0],
  ['sku-4001', 'Cast iron pan', 'kitchen', 44.0], ['sku-4002', 'Chef knife', 'kitchen', 59.9],
  ['sku-4003', 'French press', 'kitchen', 29.5], ['sku-4004', 'Bamboo cutting board', 'kitchen', 18.0],
  ['sku-5001', 'Paperback novel', 'books', 11.99], ['sku-5002', 'Cookbook', 'books', 27.0],
  ['sku-5003', 'Kids picture book', 'books', 9.5], ['sku-6001', 'Yoga mat', 'sports', 32.0],
  ['sku-6002', 'Dumbbell set', 'sports', 64.9], ['sku-6003', 'Water bottle', 'sports', 15.0],
];
const CHANNELS = ['web', 'web', 'web', 'ios', 'android'] as const;
/** Mon..Sun: more carts at the weekend. */
const WEEKDAY_WEIGHTS = [1.0, 0.95, 0.95, 1.0, 1.15, 1.4, 1.3];
/** UTC hours 0..23: quiet nights, a lunch peak and an evening peak. */
const HOUR_WEIGHTS = [0.15, 0.08, 0.05, 0.05, 0.06, 0.12, 0.3, 0.55, 0.8, 0.9, 1.0, 1.2,
  1.5, 1.4, 1.1, 1.0, 1.05, 1.2, 1.6, 1.9, 2.0, 1.7, 1.1, 0.5];
const NODES = [Buffer.from('a1b2c3000001', 'hex'), Buffer.from('a1b2c3000002', 'hex'), Buffer.from('a1b2c3000003', 'hex')];
const V2_NODE = Buffer.from('a1b2c3000004', 'hex');

interface Incarnation {
  writerUuid: string;
  nodeId: Buffer;
  clockSeq: number;
  cbor: boolean;
}

const dayWeightsCache = new Map<number, number[]>();
/** Weekly rhythm with mild growth over the period (cached: computed once per period length). */
function dayWeightsFor(days: number): number[] {
  let w = dayWeightsCache.get(days);
  if (!w) {
    w = Array.from({ length: days }, (_, d) => WEEKDAY_WEIGHTS[d % 7]! * (1 + (0.25 * d) / days));
    dayWeightsCache.set(days, w);
  }
  return w;
}

/** The slice tag of the Akka sample: carts-<|hashCode % 5|>. */
export function sliceTag(cartId: string): string {
  return `carts-${Math.abs(javaHashCode(cartId) % 5)}`;
}

function couponBytes(code: string, cents: number): Uint8Array {
  // a made-up binary format of a custom SerializerWithStringManifest: version, u16 len, code, u32 cents
  const codeBytes = Buffer.from(code, 'utf8');
  const out = Buffer.alloc(1 + 2 + codeBytes.length + 4);
  out.writeUInt8(1, 0);
  out.writeUInt16BE(codeBytes.length, 1);
  codeBytes.copy(out, 3);
  out.writeUInt32BE(cents, 3 + codeBytes.length);
  return out;
}

/**
 * The whole history of cart `n` (and a logical delete, for a few carts).
 *
 * @example
 * const { events } = cartHistory(7); // events[0].persistenceId === 'ShoppingCart|cart-7'
 */
export function cartHistory(n: number, options: DemoOptions = {}): { events: JournalEvent[]; delete?: DemoDelete } {
  const seed = options.seed ?? demoDefaults.seed;
  const start = (options.start ?? demoDefaults.start).getTime();
  const days = options.days ?? demoDefaults.days;
  const plain = options.plain ?? false;
  const rng = mulberry32(mix(seed, n));
  const cartId = `cart-${n}`;
  const persistenceId = `ShoppingCart|${cartId}`;
  const tag = sliceTag(cartId);
  const customerId = `customer-${1 + Math.floor(rng() * 2000)}`;
  const channel = CHANNELS[Math.floor(rng() * CHANNELS.length)]!;

  // start: a day (weekly rhythm, mild growth over the weeks), an hour (daily rhythm)
  const dayWeights = dayWeightsFor(days);
  const day = weighted(rng, dayWeights);
  const hour = weighted(rng, HOUR_WEIGHTS);
  let t = start + day * 86_400_000 + hour * 3_600_000 + Math.floor(rng() * 3_600_000);

  const incarnation = (): Incarnation => {
    // week 5+: a v2 node serializing with jackson-cbor takes a third of the new incarnations
    const v2 = !plain && t - start > 30 * 86_400_000 && rng() < 0.35;
    return { writerUuid: uuidFrom(rng), nodeId: v2 ? V2_NODE : NODES[Math.floor(rng() * NODES.length)]!,
      clockSeq: Math.floor(rng() * 0x4000), cbor: v2 };
  };
  let inc = incarnation();
  const restartAt = rng() < 0.08 ? 1 + Math.floor(rng() * 4) : -1; // a rolling restart mid-session

  const events: JournalEvent[] = [];
  const push = (type: string, event: Record<string, unknown>, extra: Partial<JournalEvent> = {}) => {
    const seq = events.length + 1;
    const date = new Date(t);
    events.push({
      persistenceId, sequenceNr: seq, timestamp: date, writerUuid: inc.writerUuid, tags: [tag],
      serializer: inc.cbor ? 'jackson-cbor' : 'jackson-json', manifest: `${CART_CLASS}$${type}`, event,
      timeUuid: timeUuidFromParts(date, Math.floor(rng() * 10000), inc.nodeId, inc.clockSeq).toString(),
      ...extra,
    });
  };

  const items = new Map<string, number>();
  const actions = Math.min(25, 1 + Math.floor(-Math.log(1 - rng()) * 6));
  for (let a = 0; a < actions; a++) {
    if (a === restartAt) inc = incarnation();
    const r = rng();
    const free = CATALOG.filter(([sku]) => !items.has(sku));
    if (items.size === 0 || (r < 0.6 && free.length > 0)) {
      const [itemId, productName, category, price] = free[Math.floor(rng() * free.length)]!;
      const quantity = 1 + Math.floor(rng() * rng() * 4);
      items.set(itemId, quantity);
      push('ItemAdded', { cartId, itemId, quantity, price, currency: 'EUR', productName, category, customerId, channel });
    } else {
      const keys = [...items.keys()];
      const itemId = keys[Math.floor(rng() * keys.length)]!;
      const oldQuantity = items.get(itemId)!;
      if (r < 0.85) {
        let newQuantity = 1 + Math.floor(rng() * 5);
        if (newQuantity === oldQuantity) newQuantity = oldQuantity + 1;
        items.set(itemId, newQuantity);
        push('ItemQuantityAdjusted', { cartId, itemId, newQuantity, oldQuantity, customerId, channel, reason: 'customer-update' });
      } else {
        items.delete(itemId);
        push('ItemRemoved', { cartId, itemId, oldQuantity, customerId, channel, reason: rng() < 0.5 ? 'customer-removed' : 'out-of-stock' });
      }
    }
    t += gapMs(rng, 45_000);
  }

  if (!plain && items.size > 0 && rng() < 0.04) {
    const code = `SAVE${5 * (1 + Math.floor(rng() * 4))}`;
    push('CouponApplied', {}, { serializer: 'raw', serializerId: COUPON_SERIALIZER_ID, manifest: 'CA',
      event: couponBytes(code, 500 + Math.floor(rng() * 1500)) });
    t += gapMs(rng, 20_000);
  }

  const end = rng();
  if (items.size > 0 && end < 0.72) {
    let itemCount = 0;
    let total = 0;
    for (const [sku, q] of items) {
      itemCount += q;
      total += q * CATALOG.find(([s]) => s === sku)![3];
    }
    const checkedOut: Record<string, unknown> = { cartId, eventTime: new Date(t).toISOString(), itemCount,
      total: Math.round(total * 100) / 100, currency: 'EUR', customerId, channel,
      paymentMethod: rng() < 0.6 ? 'card' : rng() < 0.5 ? 'paypal' : 'invoice' };
    if (!plain && rng() < 0.004) {
      // a B2B order with a long itemised receipt: > 32 KiB of JSON, so Akka gzips it
      checkedOut['receipt'] = Array.from({ length: 360 }, (_, k) => ({ line: k + 1, itemId: CATALOG[k % CATALOG.length]![0],
        description: `${CATALOG[k % CATALOG.length]![1]} — batch ${1000 + k}`, quantity: 1 + (k % 7), unitPrice: CATALOG[k % CATALOG.length]![3] }));
    }
    push('CheckedOut', checkedOut);
  } else if (end < 0.92) {
    // abandoned: the entity was passivated; the abandonment timer runs in a new incarnation
    const idleMs = gapMs(rng, 6 * 3_600_000);
    t += idleMs;
    inc = incarnation();
    push('CartAbandoned', { cartId, eventTime: new Date(t).toISOString(), idleMinutes: Math.round(idleMs / 60_000),
      itemCount: items.size, customerId, channel });
  } // else: still open at the end of the period

  let del: DemoDelete | undefined;
  if (!plain && events.length >= 4 && rng() < 0.02) {
    del = { persistenceId, toSequenceNr: Math.floor(events.length / 2) };
  }
  return del ? { events, delete: del } : { events };
}

/**
 * Yields the demo journal in batches of whole carts, in cart order.
 *
 * @example
 * for (const { events, deletes } of generateDemo({ carts: 3000, seed: 42 })) {
 *   await writer.write(events);
 *   for (const d of deletes) await writer.deleteTo(d.persistenceId, d.toSequenceNr);
 * }
 */
export function* generateDemo(options: DemoOptions = {}): Generator<DemoBatch> {
  const carts = options.carts ?? (options.maxEvents !== undefined ? Infinity : demoDefaults.carts);
  const maxEvents = options.maxEvents ?? Infinity;
  const batchEvents = options.batchEvents ?? demoDefaults.batchEvents;
  let events: JournalEvent[] = [];
  let deletes: DemoDelete[] = [];
  let total = 0;
  for (let n = 1; n <= carts && total < maxEvents; n++) {
    const cart = cartHistory(n, options);
    let evs = cart.events;
    if (total + evs.length > maxEvents) evs = evs.slice(0, maxEvents - total);
    for (const e of evs) events.push(e);
    total += evs.length;
    if (cart.delete && cart.delete.toSequenceNr <= evs.length) deletes.push(cart.delete);
    if (events.length >= batchEvents) {
      yield { events, deletes };
      events = [];
      deletes = [];
    }
  }
  if (events.length > 0 || deletes.length > 0) yield { events, deletes };
}
