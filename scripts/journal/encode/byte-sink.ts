// The growing byte buffer under the fixture encoders (protobuf, CBOR): room is made by doubling.

/** Bytes appended at `len`; `buf` is replaced by a larger copy when it runs out of room. */
export class ByteSink {
  buf: Uint8Array;
  len = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Appends `bytes`. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** The bytes written so far (a copy, so the sink may be reused). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
