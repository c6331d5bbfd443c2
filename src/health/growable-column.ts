// Typed columns that grow in place. A column sits on a resizable ArrayBuffer (ES2024; Node 20+,
// Deno) and the typed array tracks its length, so growing it neither copies nor leaves the old
// array behind as garbage: with doubling copies, a health scan of 1M rows held about twice its
// columns' size at its peak (old arrays live until a full GC). Pages are resident only once
// written. Where resizable buffers are missing or refused, columns grow by doubling copies.

type Column = Float64Array | Int32Array | Uint8Array;
type ColumnConstructor<T extends Column> = { new (buffer: ArrayBuffer): T; new (length: number): T; readonly BYTES_PER_ELEMENT: number };

interface ResizableBuffer {
  readonly resizable?: boolean;
  readonly maxByteLength?: number;
  resize?(byteLength: number): void;
}

/** Address space a column reserves: 1 GiB (134M Float64 values); past it, the column is copied. */
const MAX_BYTES = 2 ** 30;

const RESIZABLE = typeof (ArrayBuffer.prototype as ResizableBuffer).resize === 'function';

/**
 * A zeroed column of `capacity` values, growable in place where the runtime allows it.
 *
 * @example
 * let runEnd = growableColumn(Float64Array, 1024);
 * runEnd = withCapacity(runEnd, 2048); // the same array when resizable
 */
export function growableColumn<T extends Column>(type: ColumnConstructor<T>, capacity: number): T {
  if (RESIZABLE) {
    try {
      const options = { maxByteLength: MAX_BYTES };
      const buffer = new (ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer)(capacity * type.BYTES_PER_ELEMENT, options);
      return new type(buffer); // no length given: the array tracks the buffer's
    } catch {
      // address space refused (ulimit -v): plain arrays below
    }
  }
  return new type(capacity);
}

/**
 * `column` with room for `capacity` values (never less than it has): resized in place when its
 * buffer allows, else a copy.
 */
export function withCapacity<T extends Column>(column: T, capacity: number): T {
  if (capacity <= column.length) return column;
  const buffer = column.buffer as ArrayBuffer & ResizableBuffer;
  const bytes = capacity * column.BYTES_PER_ELEMENT;
  if (buffer.resizable === true && bytes <= buffer.maxByteLength!) {
    buffer.resize!(bytes);
    return column;
  }
  const grown = new (column.constructor as ColumnConstructor<T>)(capacity);
  grown.set(column);
  return grown;
}
