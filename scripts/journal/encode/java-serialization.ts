// Java serialization streams (serializer id 1), docs/journal-formats.md §5 and the Java Object
// Serialization Specification ch. 6:
//   String:  AC ED 00 05 | 74 <u16 len> <modified UTF-8>   (7C <i64 len> ... above 65535 bytes)
//   Object:  AC ED 00 05 | 73 | 72 <u16 len> <class name> <i64 serialVersionUID> 02 <u16 nFields>
//            { <type code> <u16 len> <name> [74 <sig> | 71 <handle>] } 78 70 | <field values>
// Handles count from 0x7E0000 in order of appearance: the class descriptor, then the field
// type signatures (interned by the JVM, so a repeated `Ljava/lang/String;` is a back-reference),
// then the object itself, then each String value.

export const JAVA_ID = 1;

const STREAM_HEADER = [0xac, 0xed, 0x00, 0x05];
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_ENDBLOCKDATA = 0x78;
const TC_LONGSTRING = 0x7c;
const SC_SERIALIZABLE = 0x02;
const BASE_HANDLE = 0x7e0000;

/** A serializable class with primitive and String fields (e.g. a Scala case class). */
export interface JavaObjectSpec {
  /** Binary class name, e.g. `com.example.cart.ShoppingCart$ItemAdded`. */
  className: string;
  /** Default 1 (`@SerialVersionUID(1L)`); the JVM's computed hash cannot be derived here. */
  serialVersionUID?: bigint | number;
  /**
   * Field values: integer number → `I` (int), bigint → `J` (long), boolean → `Z`,
   * non-integer number → `D` (double), string or null → `L` java.lang.String.
   */
  fields: Record<string, number | bigint | boolean | string | null>;
}

/** Java's "modified UTF-8": U+0000 as C0 80, each UTF-16 unit (surrogates too) on its own. */
export function modifiedUtf8(value: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) out.push(c);
    else if (c <= 0x7ff) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

class JavaStream {
  bytes: number[] = [...STREAM_HEADER];
  nextHandle = BASE_HANDLE;
  u8(b: number): void {
    this.bytes.push(b & 0xff);
  }
  u16(v: number): void {
    this.bytes.push((v >>> 8) & 0xff, v & 0xff);
  }
  i32(v: number): void {
    this.bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  i64(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    for (let shift = 56n; shift >= 0n; shift -= 8n) this.bytes.push(Number((u >> shift) & 0xffn));
  }
  f64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    this.bytes.push(...b);
  }
  /** A UTF string as in a class or field name (u16 length, no TC tag, no handle). */
  utf(value: string): void {
    const b = modifiedUtf8(value);
    if (b.length > 0xffff) throw new RangeError(`Java UTF string too long (${b.length} bytes)`);
    this.u16(b.length);
    for (const x of b) this.bytes.push(x);
  }
  /** A String object: TC_STRING or TC_LONGSTRING; gets the next handle. */
  string(value: string): number {
    const b = modifiedUtf8(value);
    if (b.length <= 0xffff) {
      this.u8(TC_STRING);
      this.u16(b.length);
    } else {
      this.u8(TC_LONGSTRING);
      this.i64(BigInt(b.length));
    }
    for (const x of b) this.bytes.push(x);
    return this.nextHandle++;
  }
}

/**
 * A Java-serialized `java.lang.String` (Akka ≤ 2.4 wrote String events like this).
 *
 * @example
 * javaStringBytes('hi'); // ac ed 00 05 74 00 02 68 69
 */
export function javaStringBytes(value: string): Uint8Array {
  const s = new JavaStream();
  s.string(value);
  return Uint8Array.from(s.bytes);
}

type FieldCode = 'I' | 'J' | 'Z' | 'D' | 'L';

function fieldCode(name: string, value: JavaObjectSpec['fields'][string]): FieldCode {
  if (value === null || typeof value === 'string') return 'L';
  if (typeof value === 'bigint') return 'J';
  if (typeof value === 'boolean') return 'Z';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff) return 'I';
    return 'D';
  }
  throw new TypeError(`java-object field '${name}': unsupported value of type ${typeof value}`);
}

/**
 * A Java-serialized instance of a plain Serializable class (no writeObject, no serializable
 * superclass) — the shape of a Scala case class with Int/Long/Boolean/Double/String fields.
 *
 * @example
 * javaObjectBytes({ className: 'com.example.cart.ShoppingCart$ItemAdded',
 *   fields: { quantity: 2, itemId: 'socks' } });
 */
export function javaObjectBytes(spec: JavaObjectSpec): Uint8Array {
  const fields = Object.entries(spec.fields).map(([name, value]) => ({ name, value, code: fieldCode(name, value) }));
  // ObjectStreamField.compareTo: primitives first, then objects, each by name (UTF-16 order)
  fields.sort((a, b) => {
    const ap = a.code !== 'L';
    const bp = b.code !== 'L';
    if (ap !== bp) return ap ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  const s = new JavaStream();
  s.u8(TC_OBJECT);
  s.u8(TC_CLASSDESC);
  s.utf(spec.className);
  s.i64(BigInt(spec.serialVersionUID ?? 1));
  s.nextHandle++; // the class descriptor's handle, assigned before its fields are written
  s.u8(SC_SERIALIZABLE);
  s.u16(fields.length);
  const signatures = new Map<string, number>();
  for (const f of fields) {
    s.u8(f.code.charCodeAt(0));
    s.utf(f.name);
    if (f.code === 'L') {
      const sig = 'Ljava/lang/String;';
      const handle = signatures.get(sig);
      if (handle === undefined) signatures.set(sig, s.string(sig));
      else {
        s.u8(TC_REFERENCE);
        s.i32(handle);
      }
    }
  }
  s.u8(TC_ENDBLOCKDATA); // no class annotation
  s.u8(TC_NULL); // no serializable superclass
  s.nextHandle++; // the object's handle
  for (const f of fields) {
    const v = f.value;
    if (f.code === 'I') s.i32(v as number);
    else if (f.code === 'J') s.i64(v as bigint);
    else if (f.code === 'Z') s.u8(v ? 1 : 0);
    else if (f.code === 'D') s.f64(v as number);
    else if (v === null) s.u8(TC_NULL);
    else s.string(v as string);
  }
  return Uint8Array.from(s.bytes);
}
