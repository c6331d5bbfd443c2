// Java Object Serialization stream reader (JDK ObjectInputStream grammar, protocol version 2),
// docs/journal-formats.md §5. It reads what JavaSerializer (id 1) stores: one content item after
// AC ED 00 05. Every handle-bearing item (class desc, object, string, array, enum, class) gets
// its handle in the same order as ObjectInputStream assigns it, so TC_REFERENCE always resolves
// to the right value. Custom writeObject/Externalizable data is read item by item (never guessed
// over), which keeps the handle numbering right after it.
//
// Budgets (limits.ts): nesting (content inside content, class descriptors inside descriptors) and
// superclass chains deeper than maxDepth, or more than maxObjects handles, throw a
// LimitExceededError. A descriptor whose superclass chain leads back to itself (a back reference
// to its own handle) is refused when it is read, so no walk up a hierarchy can loop.

import {
  BASE_HANDLE, SC_BLOCK_DATA, SC_EXTERNALIZABLE, SC_SERIALIZABLE, SC_WRITE_METHOD, STREAM_MAGIC,
  TC_ARRAY, TC_BLOCKDATA, TC_BLOCKDATALONG, TC_CLASS, TC_CLASSDESC, TC_ENDBLOCKDATA, TC_ENUM,
  TC_EXCEPTION, TC_LONGSTRING, TC_NULL, TC_OBJECT, TC_PROXYCLASSDESC, TC_REFERENCE, TC_RESET, TC_STRING,
} from './constants.js';
import { stringFromModifiedUtf8 } from './modified-utf8.js';
import { int64FromPair } from '../../util/varint.js';
import { decodeLimits, limitExceeded, type ActiveLimits } from '../limits.js';

export interface FieldDesc {
  /** Type code: B C D F I J S Z (primitives), L (object) or [ (array). */
  code: number;
  name: string;
}

/** A class descriptor as read from the stream (a class, not an interface: back references check it with instanceof). */
export class ClassDesc {
  constructor(public name: string, public flags: number, readonly fields: FieldDesc[], public superDesc: ClassDesc | null) {}
}

/** Bytes written in block-data mode by a writeObject method or writeExternal. */
export class BlockData {
  constructor(readonly bytes: Uint8Array) {}
}

/** A java.lang.Class written with TC_CLASS. */
export interface JavaClassRef {
  $class: 'java.lang.Class';
  name: string;
}

/**
 * Turns a finished object into its JS value, or returns undefined to keep the plain-object form.
 * `className` is the class in the hierarchy the converter was found for; `data` is that class's
 * custom (writeObject / external) data.
 */
export type ObjectConverter = (className: string, fields: Record<string, unknown>, data: unknown[]) => unknown;

const TYPE_CODE_B = 0x42, TYPE_CODE_C = 0x43, TYPE_CODE_D = 0x44, TYPE_CODE_F = 0x46, TYPE_CODE_I = 0x49;
const TYPE_CODE_J = 0x4a, TYPE_CODE_S = 0x53, TYPE_CODE_Z = 0x5a, TYPE_CODE_L = 0x4c, TYPE_CODE_ARRAY = 0x5b;

/**
 * Reads one serialized Java object stream. `convert` maps known classes (boxed numbers,
 * collections…) to JS values; `findConverter` tells which class names it handles.
 *
 * @example
 * const value = new JavaStreamReader(bytes, findConverter).readStream();
 */
export class JavaStreamReader {
  private pos = 0;
  private handles: unknown[] = [];
  private readonly view: DataView;
  private readonly limits: ActiveLimits = decodeLimits();
  private depth = 0;
  private handlesLeft = this.limits.maxObjects;

  constructor(private readonly bytes: Uint8Array, private readonly findConverter: (className: string) => ObjectConverter | undefined) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  readStream(): unknown {
    if (this.bytes.length < 4 || this.u16() !== STREAM_MAGIC) {
      throw new RangeError('not a Java serialization stream: it does not start with AC ED');
    }
    const version = this.u16();
    if (version !== 5) throw new RangeError(`Java serialization stream version ${version}, expected 5`);
    const value = this.content();
    if (this.pos !== this.bytes.length) {
      throw new RangeError(`${this.bytes.length - this.pos} unread bytes after the object at offset ${this.pos}`);
    }
    return value;
  }

  // --- primitives -------------------------------------------------------------------------

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new RangeError(`Java serialization stream truncated: needs ${n} byte(s) at offset ${this.pos}, has ${this.bytes.length - this.pos}`);
    }
  }
  private u8(): number { this.need(1); return this.bytes[this.pos++]!; }
  private i8(): number { this.need(1); return this.view.getInt8(this.pos++); }
  private u16(): number { this.need(2); const v = this.view.getUint16(this.pos); this.pos += 2; return v; }
  private i16(): number { this.need(2); const v = this.view.getInt16(this.pos); this.pos += 2; return v; }
  private i32(): number { this.need(4); const v = this.view.getInt32(this.pos); this.pos += 4; return v; }
  private i64(): number | bigint {
    this.need(8);
    const hi = this.view.getUint32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    this.pos += 8;
    return int64FromPair(hi, lo, true);
  }
  private f32(): number { this.need(4); const v = this.view.getFloat32(this.pos); this.pos += 4; return v; }
  private f64(): number { this.need(8); const v = this.view.getFloat64(this.pos); this.pos += 8; return v; }
  private utf(): string { const n = this.u16(); return this.utfOf(n); }
  private utfOf(n: number): string {
    this.need(n);
    const start = this.pos;
    this.pos += n;
    return stringFromModifiedUtf8(this.bytes, start, this.pos);
  }

  private primitive(code: number): unknown {
    switch (code) {
      case TYPE_CODE_B: return this.i8();
      case TYPE_CODE_C: return String.fromCharCode(this.u16());
      case TYPE_CODE_D: return this.f64();
      case TYPE_CODE_F: return this.f32();
      case TYPE_CODE_I: return this.i32();
      case TYPE_CODE_J: return this.i64();
      case TYPE_CODE_S: return this.i16();
      case TYPE_CODE_Z: return this.u8() !== 0;
      default: throw new RangeError(`unknown field type code '${String.fromCharCode(code)}' at offset ${this.pos}`);
    }
  }

  private newHandle(value: unknown): number {
    if (--this.handlesLeft < 0) throw limitExceeded('maxObjects', 'more Java objects, strings and class descriptors (handles) than', this.limits);
    this.handles.push(value);
    return this.handles.length - 1;
  }

  // --- content items ----------------------------------------------------------------------

  private enter(): void {
    if (++this.depth > this.limits.maxDepth) throw limitExceeded('maxDepth', 'Java objects nested deeper than', this.limits);
  }

  /** One content item (ObjectInputStream.readObject0). */
  private content(): unknown {
    this.enter();
    const value = this.contentItem();
    this.depth--;
    return value;
  }

  private contentItem(): unknown {
    for (;;) {
      const tc = this.u8();
      switch (tc) {
        case TC_NULL: return null;
        case TC_REFERENCE: return this.reference();
        case TC_STRING: { const s = this.utf(); this.newHandle(s); return s; }
        case TC_LONGSTRING: {
          const n = Number(this.i64());
          if (!(n >= 0 && n <= this.bytes.length)) throw new RangeError(`long string length ${n} at offset ${this.pos}`);
          const s = this.utfOf(n);
          this.newHandle(s);
          return s;
        }
        case TC_OBJECT: return this.object();
        case TC_ARRAY: return this.array();
        case TC_ENUM: return this.enumConstant();
        case TC_CLASS: {
          const desc = this.classDescAfterCode(this.u8());
          const ref: JavaClassRef = { $class: 'java.lang.Class', name: desc ? desc.name : 'null' };
          this.newHandle(ref);
          return ref;
        }
        case TC_CLASSDESC:
        case TC_PROXYCLASSDESC:
          return this.classDescAfterCode(tc);
        case TC_RESET: this.handles = []; continue;
        case TC_EXCEPTION: throw new RangeError('the stream holds an exception written while serializing (TC_EXCEPTION)');
        case TC_BLOCKDATA:
        case TC_BLOCKDATALONG:
          throw new RangeError(`unexpected block data at offset ${this.pos - 1} where an object was expected`);
        default:
          throw new RangeError(`unknown type code 0x${tc.toString(16)} at offset ${this.pos - 1}`);
      }
    }
  }

  private reference(): unknown {
    const handle = this.i32() - BASE_HANDLE;
    if (handle < 0 || handle >= this.handles.length) {
      throw new RangeError(`back reference to handle 0x${(handle + BASE_HANDLE).toString(16)} that does not exist (offset ${this.pos - 4})`);
    }
    return this.handles[handle];
  }

  private classDescAfterCode(tc: number): ClassDesc | null {
    if (tc !== TC_CLASSDESC && tc !== TC_PROXYCLASSDESC) return this.classDescItem(tc);
    this.enter();
    const desc = this.classDescItem(tc);
    this.depth--;
    return desc;
  }

  private classDescItem(tc: number): ClassDesc | null {
    switch (tc) {
      case TC_NULL: return null;
      case TC_REFERENCE: {
        const d = this.reference();
        if (!(d instanceof ClassDesc)) throw new RangeError(`back reference at offset ${this.pos - 4} is not a class descriptor`);
        return d;
      }
      case TC_CLASSDESC: {
        const desc = new ClassDesc(this.utf(), 0, [], null);
        this.need(8);
        this.pos += 8; // serialVersionUID
        this.newHandle(desc);
        desc.flags = this.u8();
        const count = this.u16();
        for (let i = 0; i < count; i++) {
          const code = this.u8();
          const name = this.utf();
          if (code === TYPE_CODE_L || code === TYPE_CODE_ARRAY) this.content(); // JVM type signature string
          desc.fields.push({ code, name });
        }
        this.annotation();
        desc.superDesc = this.superDescOf(desc);
        return desc;
      }
      case TC_PROXYCLASSDESC: {
        const desc = new ClassDesc('', SC_SERIALIZABLE, [], null);
        this.newHandle(desc);
        const count = this.i32();
        const names: string[] = [];
        for (let i = 0; i < count; i++) names.push(this.utf());
        desc.name = `$Proxy(${names.join(', ')})`;
        this.annotation();
        desc.superDesc = this.superDescOf(desc);
        return desc;
      }
      default:
        throw new RangeError(`expected a class descriptor at offset ${this.pos - 1}, found type code 0x${tc.toString(16)}`);
    }
  }

  /**
   * The superclass descriptor that follows `desc`'s annotation. Refused when its chain leads back
   * to `desc` (a cycle only ever closes through the descriptor whose superclass is being set, so
   * checking here keeps every chain acyclic) or is deeper than maxDepth.
   */
  private superDescOf(desc: ClassDesc): ClassDesc | null {
    const superDesc = this.classDescAfterCode(this.u8());
    let steps = 0;
    for (let d = superDesc; d; d = d.superDesc) {
      if (d === desc) throw new RangeError(`class descriptor ${desc.name} names itself as its own superclass (a cycle) at offset ${this.pos}`);
      if (++steps >= this.limits.maxDepth) throw limitExceeded('maxDepth', `the superclass chain of ${desc.name} is deeper than`, this.limits);
    }
    return superDesc;
  }

  /** Class annotation or custom data: block data and objects up to TC_ENDBLOCKDATA. */
  private annotation(): unknown[] {
    const items: unknown[] = [];
    let pending: Uint8Array[] | undefined;
    for (;;) {
      this.need(1);
      const tc = this.bytes[this.pos]!;
      if (tc === TC_ENDBLOCKDATA) { this.pos++; break; }
      if (tc === TC_BLOCKDATA || tc === TC_BLOCKDATALONG) {
        this.pos++;
        const n = tc === TC_BLOCKDATA ? this.u8() : this.i32();
        if (n < 0) throw new RangeError(`negative block data length at offset ${this.pos - 4}`);
        this.need(n);
        (pending ??= []).push(this.bytes.subarray(this.pos, this.pos + n));
        this.pos += n;
        continue;
      }
      if (pending) { items.push(blockData(pending)); pending = undefined; }
      items.push(this.content());
    }
    if (pending) items.push(blockData(pending));
    return items;
  }

  private object(): unknown {
    const desc = this.classDescAfterCode(this.u8());
    if (!desc) throw new RangeError(`object without a class descriptor at offset ${this.pos}`);
    const out: Record<string, unknown> = { $class: desc.name };
    const handle = this.newHandle(out);
    // hierarchy, top-most superclass first: that is the order of the class data in the stream
    const chain: ClassDesc[] = [];
    for (let d: ClassDesc | null = desc; d; d = d.superDesc) {
      // a superclass set after this descriptor was checked can still lengthen its chain
      if (chain.length >= this.limits.maxDepth) throw limitExceeded('maxDepth', `the superclass chain of ${desc.name} is deeper than`, this.limits);
      chain.push(d);
    }
    chain.reverse();
    const data: unknown[][] = new Array<unknown[]>(chain.length);
    if (desc.flags & SC_EXTERNALIZABLE) {
      if (!(desc.flags & SC_BLOCK_DATA)) {
        throw new RangeError(`${desc.name} is Externalizable in protocol version 1, whose data cannot be read without the class`);
      }
      data[chain.length - 1] = this.annotation();
    } else {
      for (let c = 0; c < chain.length; c++) {
        const d = chain[c]!;
        if (!(d.flags & SC_SERIALIZABLE)) continue;
        const fields = d.fields;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          const v = f.code === TYPE_CODE_L || f.code === TYPE_CODE_ARRAY ? this.content() : this.primitive(f.code);
          setField(out, f.name, v);
        }
        if (d.flags & SC_WRITE_METHOD) data[c] = this.annotation();
      }
    }
    // the most derived class that has a converter decides the JS value
    for (let c = chain.length - 1; c >= 0; c--) {
      const convert = this.findConverter(chain[c]!.name);
      if (!convert) continue;
      const value = convert(chain[c]!.name, out, data[c] ?? []);
      if (value !== undefined) {
        this.handles[handle] = value;
        return value;
      }
    }
    const extra: unknown[] = [];
    for (const d of data) if (d) for (const item of d) if (!(item instanceof BlockData)) extra.push(item);
    if (extra.length > 0) Object.defineProperty(out, '$writeObject', { value: extra, enumerable: true, writable: true, configurable: true });
    return out;
  }

  private array(): unknown {
    const desc = this.classDescAfterCode(this.u8());
    if (!desc) throw new RangeError(`array without a class descriptor at offset ${this.pos}`);
    const n = this.i32();
    if (n < 0 || n > this.bytes.length - this.pos) {
      // every element takes at least one byte (booleans, bytes, TC_NULL)
      throw new RangeError(`array length ${n} at offset ${this.pos - 4} does not fit in the stream`);
    }
    const code = desc.name.charCodeAt(1);
    if (code === TYPE_CODE_B) {
      const out = new Uint8Array(this.bytes.subarray(this.pos, this.pos + n)); // copy, see cbor.ts
      this.pos += n;
      this.newHandle(out);
      return out;
    }
    const out = new Array<unknown>(n);
    const handle = this.newHandle(out);
    if (code === TYPE_CODE_L || code === TYPE_CODE_ARRAY) {
      for (let i = 0; i < n; i++) out[i] = this.content();
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.primitive(code);
    if (code === TYPE_CODE_C) {
      const s = (out as string[]).join(''); // char[] → string
      this.handles[handle] = s;
      return s;
    }
    return out;
  }

  private enumConstant(): string {
    this.classDescAfterCode(this.u8());
    const handle = this.newHandle(undefined);
    const name = this.content();
    if (typeof name !== 'string') throw new RangeError(`enum constant without a name at offset ${this.pos}`);
    this.handles[handle] = name;
    return name;
  }
}

function blockData(chunks: Uint8Array[]): BlockData {
  if (chunks.length === 1) return new BlockData(chunks[0]!);
  let total = 0;
  for (const c of chunks) total += c.length;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { joined.set(c, at); at += c.length; }
  return new BlockData(joined);
}

function setField(out: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}
