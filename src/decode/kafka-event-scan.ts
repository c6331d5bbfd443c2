// EventFormat records (decode/kafka-event.ts) read without allocating: the fields' positions are
// written into one reused object, and the caller makes only the strings it needs. The stream's
// hot path (one call per Kafka record); kafkaEventFromBytes stays the reference reader and the
// source of the error message for records this one refuses.
import { readInt32, readInt64, readUint32, varintEnd } from '../util/varint.js';

/** Field positions of one EventFormat record (ranges into the scanned bytes; start === end = absent). */
export interface EventFormatSlots {
  pidStart: number;
  pidEnd: number;
  /** 0 when absent; NaN beyond ±(2^53−1) (util/varint.ts readInt64). */
  sequenceNr: number;
  serializerId: number;
  dataStart: number;
  dataEnd: number;
  manifestStart: number;
  manifestEnd: number;
}

/** A reusable slots object. */
export function eventFormatSlots(): EventFormatSlots {
  return { pidStart: 0, pidEnd: 0, sequenceNr: 0, serializerId: 0, dataStart: 0, dataEnd: 0, manifestStart: 0, manifestEnd: 0 };
}

/** The allocation-free EventFormat reader, as the `akka` record format receives it (kafka/formats/akka-format.ts). */
export interface EventFormatScanner {
  slots(): EventFormatSlots;
  /** Fills `out` and returns true, or false for bytes it does not take (the reference reader decides then). */
  scan(bytes: Uint8Array, out: EventFormatSlots, start: number, end: number): boolean;
}

/** Skips a field of wire type `wire` at `pos`; returns the next position or -1. */
function skipField(b: Uint8Array, pos: number, end: number, wire: number): number {
  switch (wire) {
    case 0: readUint32(b, pos, end); return varintEnd < 0 ? -1 : varintEnd;
    case 1: return pos + 8 <= end ? pos + 8 : -1;
    case 2: {
      const n = readUint32(b, pos, end);
      return varintEnd < 0 || !(varintEnd + n <= end) ? -1 : varintEnd + n;
    }
    case 5: return pos + 4 <= end ? pos + 4 : -1;
    default: return -1;
  }
}

/**
 * Fills `out` from the EventFormat record `bytes[start, end)` (positions in `out` index `bytes`);
 * false when the bytes are not one (the caller then asks kafkaEventFromBytes for the reason).
 * Negative serializer ids are read as int32.
 *
 * @example
 * const slots = eventFormatSlots();
 * if (scanEventFormat(value, slots)) seq = slots.sequenceNr;
 */
export function scanEventFormat(bytes: Uint8Array, out: EventFormatSlots, start = 0, end = bytes.length): boolean {
  out.pidStart = out.pidEnd = out.dataStart = out.dataEnd = out.manifestStart = out.manifestEnd = 0;
  out.sequenceNr = 0;
  out.serializerId = 0;
  let pos = start;
  while (pos < end) {
    const tag = readUint32(bytes, pos, end);
    if (varintEnd < 0) return false;
    pos = varintEnd;
    if (tag === 0x0a || tag === 0x1a) {
      const n = readUint32(bytes, pos, end);
      if (varintEnd < 0 || !(varintEnd + n <= end)) return false;
      pos = varintEnd;
      if (tag === 0x0a) {
        out.pidStart = pos;
        out.pidEnd = pos + n;
      } else if (!scanEventData(bytes, pos, pos + n, out)) {
        return false;
      }
      pos += n;
    } else if (tag === 0x10) {
      const v = readInt64(bytes, pos, end);
      if (varintEnd < 0) return false;
      out.sequenceNr = v;
      pos = varintEnd;
    } else {
      pos = skipField(bytes, pos, end, tag & 7);
      if (pos === -1) return false;
    }
  }
  return true;
}

function scanEventData(bytes: Uint8Array, pos: number, end: number, out: EventFormatSlots): boolean {
  while (pos < end) {
    const tag = readUint32(bytes, pos, end);
    if (varintEnd < 0) return false;
    pos = varintEnd;
    if (tag === 0x08) {
      // int32: a negative value is a 10-byte varint whose low 32 bits are the value
      const id = readInt32(bytes, pos, end);
      if (varintEnd < 0) return false;
      out.serializerId = id;
      pos = varintEnd;
    } else if (tag === 0x12 || tag === 0x1a) {
      const n = readUint32(bytes, pos, end);
      if (varintEnd < 0 || !(varintEnd + n <= end)) return false;
      pos = varintEnd;
      if (tag === 0x12) {
        out.dataStart = pos;
        out.dataEnd = pos + n;
      } else {
        out.manifestStart = pos;
        out.manifestEnd = pos + n;
      }
      pos += n;
    } else {
      pos = skipField(bytes, pos, end, tag & 7);
      if (pos === -1) return false;
    }
  }
  return true;
}

/**
 * This module's scanner.
 *
 * @example
 * createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry });
 */
export const eventFormatScanner: EventFormatScanner = { slots: eventFormatSlots, scan: scanEventFormat };
