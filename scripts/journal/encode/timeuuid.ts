// Version-1 time UUIDs for the `timestamp` clustering column (docs/journal-formats.md §6). The plugin
// uses the DataStax driver's Uuids.timeBased() on the writing JVM: 100-ns ticks since 1582-10-15,
// a clock sequence and a node id fixed per JVM. Here the time comes from the event's Date, so
// rows can be back-dated; a per-source counter fills the sub-millisecond ticks and then the clock
// sequence, so every UUID of one source is unique (10 000 × 16 384 per millisecond).
import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';

const { TimeUuid } = cassandra.types;
type TimeUuidValue = InstanceType<typeof TimeUuid>;

export interface TimeUuidSourceOptions {
  /** 6-byte node id; random by default (a different "JVM" per writer). */
  nodeId?: Uint8Array;
  /** Initial 14-bit clock sequence; random by default. */
  clockSeq?: number;
}

/** A generator of unique time UUIDs for given dates. */
export interface TimeUuidSource {
  next(date: Date): TimeUuidValue;
}

/**
 * @example
 * const uuids = createTimeUuidSource();
 * const a = uuids.next(new Date('2024-05-01T10:00:00Z'));
 * const b = uuids.next(new Date('2024-05-01T10:00:00Z')); // same ms, different UUID
 * a.getDate().getTime() === b.getDate().getTime(); // true
 */
export function createTimeUuidSource(options: TimeUuidSourceOptions = {}): TimeUuidSource {
  const nodeId = Buffer.from(options.nodeId ?? randomBytes(6));
  if (nodeId.length !== 6) throw new RangeError(`time UUID node id must have 6 bytes, got ${nodeId.length}`);
  const clockBase = options.clockSeq ?? randomBytes(2).readUInt16BE(0);
  let counter = 0;
  return {
    next(date: Date): TimeUuidValue {
      const ticks = counter % 10000;
      const clock = (clockBase + Math.floor(counter / 10000)) & 0x3fff;
      counter++;
      const clockId = Buffer.of(clock >>> 8, clock & 0xff);
      return TimeUuid.fromDate(date, ticks, nodeId, clockId);
    },
  };
}

/**
 * A time UUID from explicit parts, for reproducible data (same inputs → same UUID).
 *
 * @example
 * timeUuidFromParts(new Date('2024-05-01T10:00:00Z'), 17, Buffer.from('node-a'), 0x1234);
 */
export function timeUuidFromParts(date: Date, ticks: number, nodeId: Uint8Array, clockSeq: number): TimeUuidValue {
  const clock = clockSeq & 0x3fff;
  return TimeUuid.fromDate(date, ticks % 10000, Buffer.from(nodeId), Buffer.of(clock >>> 8, clock & 0xff));
}

/** Unix epoch ms of a v1 UUID's time field (the reader-side formula, for checks). */
export function msFromTimeUuid(uuid: string): number {
  const hex = uuid.replace(/-/g, '');
  const timeLow = BigInt(`0x${hex.slice(0, 8)}`);
  const timeMid = BigInt(`0x${hex.slice(8, 12)}`);
  const timeHi = BigInt(`0x${hex.slice(12, 16)}`) & 0x0fffn;
  const ticks = (timeHi << 48n) | (timeMid << 32n) | timeLow;
  return Number((ticks - 0x01b21dd213814000n) / 10000n);
}
