// JavaSerializer (id 1) payloads → JS values. See stream-reader.ts for the grammar and
// known-classes.ts for the classes that become JS values.

import { findConverter } from './known-classes.js';
import { JavaStreamReader } from './stream-reader.js';

/**
 * Decodes a Java serialization stream (what Akka's JavaSerializer wrote) into JS values:
 * - String → string; boxed Integer/Long/Short/Byte/Double/Float/Boolean/Character → number,
 *   bigint (a long outside ±(2^53−1)), boolean or one-character string; enum → its constant name;
 * - byte[] → Uint8Array; char[] → string; other arrays → arrays; ArrayList, HashSet, List.of,
 *   Scala List… → arrays; HashMap, TreeMap, Map.of… → plain objects (keys as strings);
 *   UUID → string; Date and Instant → Date; BigInteger → number or bigint; BigDecimal → number;
 *   Scala Some(x) → x, None → null, `case object` → `{ $class }`;
 * - any other Serializable object → a plain object of all its fields (superclass fields
 *   included) plus an **enumerable `$class`** field naming its Java class. Enumerable so that it
 *   survives JSON.stringify / structured cloning and shows as a column when events are
 *   flattened: Java-serialized events have an empty manifest, so `$class` is often the only
 *   event-type information. Objects a custom writeObject wrote go into `$writeObject`.
 * Back references resolve to the same JS value (shared objects stay shared).
 * Throws a RangeError when the stream is truncated or malformed.
 *
 * @example
 * valueFromJavaSerialization(bytes); // { $class: 'com.example.Deposited', account: 'a-1', amount: 1500 }
 */
export function valueFromJavaSerialization(bytes: Uint8Array): unknown {
  return new JavaStreamReader(bytes, findConverter).readStream();
}
