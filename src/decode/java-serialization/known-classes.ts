// JS values for JDK and Scala library classes that events commonly contain. Everything else stays
// a plain object of its fields plus `$class`. Layouts: the classes' writeObject methods (JDK 8–21,
// Scala 2.11–2.13); "data" is the custom data a writeObject wrote after its fields.

import { BlockData, type JavaClassRef, type ObjectConverter } from './stream-reader.js';
import { int64FromPair } from '../../util/varint.js';
import { bigIntFromMagnitude } from '../big-int-from-magnitude.js';
import { decodeLimits } from '../limits.js';

const value: ObjectConverter = (_c, f) => f.value;
/** Objects written after the fields (block data such as sizes and capacities left out). */
const objects = (data: unknown[]): unknown[] => data.filter((d) => !(d instanceof BlockData));
const elements: ObjectConverter = (_c, _f, data) => objects(data);
const entries: ObjectConverter = (_c, _f, data) => objectFromPairs(objects(data));

const CONVERTERS = new Map<string, ObjectConverter>([
  ['java.lang.Integer', value], ['java.lang.Long', value], ['java.lang.Short', value], ['java.lang.Byte', value],
  ['java.lang.Double', value], ['java.lang.Float', value], ['java.lang.Boolean', value], ['java.lang.Character', value],
  // lists and sets: writeObject writes the size (block data), then each element
  ['java.util.ArrayList', elements], ['java.util.LinkedList', elements], ['java.util.ArrayDeque', elements],
  ['java.util.HashSet', elements], ['java.util.concurrent.CopyOnWriteArrayList', elements],
  ['java.util.TreeSet', (_c, _f, data) => objects(data).slice(1)], // first object: the comparator
  ['java.util.Vector', (_c, f) => (Array.isArray(f.elementData) ? f.elementData.slice(0, Number(f.elementCount)) : undefined)],
  ['java.util.Arrays$ArrayList', (_c, f) => f.a],
  // maps: sizes as block data, then key, value, key, value…
  ['java.util.HashMap', entries], ['java.util.Hashtable', entries], ['java.util.TreeMap', entries],
  ['java.util.IdentityHashMap', entries], ['java.util.EnumMap', entries],
  ['java.util.concurrent.ConcurrentHashMap', (_c, _f, data) => objectFromPairs(objects(data).slice(0, -2))], // ends with null, null
  // List.of / Set.of / Map.of (JDK 9+) are written as CollSer: tag 1/4 list, 2 set, 3 map
  ['java.util.CollSer', (_c, f, data) => ((Number(f.tag) & 0xff) === 3 ? objectFromPairs(objects(data)) : objects(data))],
  ['java.util.Collections$EmptyList', () => []], ['java.util.Collections$EmptySet', () => []],
  ['java.util.Collections$EmptyMap', () => ({})],
  ['java.util.Collections$SingletonList', (_c, f) => [f.element]], ['java.util.Collections$SingletonSet', (_c, f) => [f.element]],
  ['java.util.Collections$SingletonMap', (_c, f) => objectFromPairs([f.k, f.v])],
  ['java.util.UUID', (_c, f) => uuidString(f.mostSigBits, f.leastSigBits)],
  ['java.util.Date', (_c, _f, data) => { const b = firstBlock(data); return b && b.length >= 8 ? new Date(Number(long(b, 0))) : undefined; }],
  ['java.math.BigInteger', (_c, f) => bigIntegerValue(f)],
  ['java.math.BigDecimal', (_c, f) => (f.intVal === undefined || f.intVal === null ? undefined : Number(`${String(f.intVal)}e${-Number(f.scale)}`))],
  ['java.time.Ser', (_c, _f, data) => javaTimeValue(firstBlock(data))],
  // Scala
  ['scala.Some', (_c, f) => ('value' in f ? f.value : f.x)],
  ['scala.None$', () => null],
  ['scala.runtime.ModuleSerializationProxy', (_c, f) => moduleValue(f.moduleClass as JavaClassRef | null)],
  ['scala.collection.generic.DefaultSerializationProxy', (_c, _f, data) => objects(data).filter((o) => !isSerializeEnd(o))],
  ['scala.collection.immutable.List$SerializationProxy', (_c, _f, data) => objects(data).filter((o) => !isSerializeEnd(o))],
]);

/**
 * The converter for a class name, or undefined. Collections$Unmodifiable… and Synchronized…
 * wrappers unwrap to the collection they hold.
 *
 * @example
 * findConverter('java.lang.Integer')?.('java.lang.Integer', { value: 5 }, []); // 5
 */
export function findConverter(className: string): ObjectConverter | undefined {
  const c = CONVERTERS.get(className);
  if (c) return c;
  if (className.startsWith('java.util.Collections$Unmodifiable') || className.startsWith('java.util.Collections$Synchronized')) {
    return unwrap;
  }
  return undefined;
}

const unwrap: ObjectConverter = (_c, f) => f.m ?? f.list ?? f.c;

function objectFromPairs(items: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < items.length; i += 2) {
    const k = items[i];
    const key = typeof k === 'string' ? k : typeof k === 'object' && k !== null ? keyFromObject(k) : String(k);
    if (key === '__proto__') Object.defineProperty(out, key, { value: items[i + 1], enumerable: true, writable: true, configurable: true });
    else out[key] = items[i + 1];
  }
  return out;
}

/** Characters of an object map key's JSON at most (then '…'). */
const MAX_KEY_CHARS = 1000;
/**
 * Each object's key text, made once: a Java graph can share one wide object among thousands of
 * keys (each a small wrapper around it), and writing it out again for each was quadratic.
 */
const keyTexts = new WeakMap<object, string>();

/**
 * An object used as a map key, as compact JSON (bigints as strings), cut after 1000 characters;
 * a reference to an enclosing object is "[Circular]".
 */
function keyFromObject(k: object, open = new Set<object>()): string {
  const cached = keyTexts.get(k);
  if (cached !== undefined) return cached;
  if (open.has(k)) return '"[Circular]"';
  if (k instanceof Date) return JSON.stringify(k);
  open.add(k);
  let out: string;
  if (Array.isArray(k)) {
    out = '[';
    for (let i = 0; i < k.length && out.length < MAX_KEY_CHARS; i++) out += `${i > 0 ? ',' : ''}${keyValueText(k[i], open) ?? 'null'}`;
    out += ']';
  } else {
    out = '{';
    let first = true;
    for (const name in k) {
      if (out.length >= MAX_KEY_CHARS) break;
      if (!Object.prototype.hasOwnProperty.call(k, name)) continue;
      const text = keyValueText((k as Record<string, unknown>)[name], open);
      if (text === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(name)}:${text}`;
      first = false;
    }
    out += '}';
  }
  open.delete(k);
  if (out.length > MAX_KEY_CHARS) out = `${out.slice(0, MAX_KEY_CHARS)}…`;
  keyTexts.set(k, out);
  return out;
}

/** JSON of one value inside a key; undefined for what JSON leaves out (undefined, functions). */
function keyValueText(v: unknown, open: Set<object>): string | undefined {
  switch (typeof v) {
    case 'string': return JSON.stringify(v.length > MAX_KEY_CHARS ? v.slice(0, MAX_KEY_CHARS) : v);
    case 'bigint': return `"${v.toString()}"`;
    case 'number': case 'boolean': return JSON.stringify(v);
    case 'object': return v === null ? 'null' : keyFromObject(v, open);
    default: return undefined;
  }
}

function firstBlock(data: unknown[]): Uint8Array | undefined {
  for (const d of data) if (d instanceof BlockData) return d.bytes;
  return undefined;
}

function long(b: Uint8Array, at: number): number | bigint {
  const hi = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  const lo = ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0;
  return int64FromPair(hi, lo, true);
}

function uuidString(msb: unknown, lsb: unknown): string | undefined {
  if ((typeof msb !== 'number' && typeof msb !== 'bigint') || (typeof lsb !== 'number' && typeof lsb !== 'bigint')) return undefined;
  const hex = BigInt.asUintN(64, BigInt(msb)).toString(16).padStart(16, '0') + BigInt.asUintN(64, BigInt(lsb)).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function bigIntegerValue(f: Record<string, unknown>): number | bigint | undefined {
  const mag = f.magnitude;
  if (!(mag instanceof Uint8Array)) return undefined;
  let n = bigIntFromMagnitude(mag, decodeLimits());
  if (Number(f.signum) < 0) n = -n;
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** java.time.Ser external data: a type byte, then the value. Instant → Date, LocalDate → 'YYYY-MM-DD'. */
function javaTimeValue(b: Uint8Array | undefined): unknown {
  if (!b || b.length === 0) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (b[0]) {
    case 2: // Instant: long seconds, int nanos
      if (b.length < 13) return undefined;
      return new Date(Number(long(b, 1)) * 1000 + Math.floor(view.getInt32(9) / 1e6));
    case 3: { // LocalDate: int year, byte month, byte day
      if (b.length < 7) return undefined;
      const y = view.getInt32(1);
      return `${String(y).padStart(4, '0')}-${String(b[5]).padStart(2, '0')}-${String(b[6]).padStart(2, '0')}`;
    }
    default:
      return undefined;
  }
}

function moduleValue(cls: JavaClassRef | null): unknown {
  if (!cls) return undefined;
  if (cls.name === 'scala.None$') return null;
  return { $class: cls.name };
}

function isSerializeEnd(o: unknown): boolean {
  if (typeof o !== 'object' || o === null) return false;
  const c = (o as { $class?: unknown }).$class;
  return typeof c === 'string' && c.endsWith('SerializeEnd$');
}
