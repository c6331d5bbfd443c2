// Checks that bytes are one JSON text, without building anything: no string, no object, no
// closure. A load uses it to tell at once which JSON payloads JSON.parse will accept, so that it
// can keep their bytes and parse them only when read (event-column.ts) while still counting and
// reporting the undecodable ones at the end of the load.
//
// Accepts exactly what JSON.parse accepts of the UTF-8 decoding of the bytes: RFC 8259 values,
// whitespace around them, any bytes >= 0x80 inside strings (invalid UTF-8 decodes to U+FFFD, which
// JSON.parse takes). A byte-order mark is refused, as JSON.parse refuses U+FEFF.

const OBJECT = 1;
const ARRAY = 2;

export const defaults = {
  /** Deeper nesting is reported as "not checked" (false): the caller then parses eagerly. */
  maxDepth: 256,
};

const stack = new Uint8Array(defaults.maxDepth);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function skipSpace(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index after the string that opens at `i` (a quote), or -1. */
function skipString(b: Uint8Array, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = b[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      if (i + 1 >= end) return -1;
      const e = b[i + 1]!;
      if (e === 0x75) {
        if (i + 5 >= end || !isHex(b[i + 2]!) || !isHex(b[i + 3]!) || !isHex(b[i + 4]!) || !isHex(b[i + 5]!)) return -1;
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** Index after the number that starts at `i`, or -1. */
function skipNumber(b: Uint8Array, i: number, end: number): number {
  if (b[i] === 0x2d) i++;
  if (i >= end) return -1;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i]!)) while (i < end && isDigit(b[i]!)) i++;
  else return -1;
  if (i < end && b[i] === 0x2e) {
    i++;
    if (i >= end || !isDigit(b[i]!)) return -1;
    while (i < end && isDigit(b[i]!)) i++;
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++;
    if (i >= end || !isDigit(b[i]!)) return -1;
    while (i < end && isDigit(b[i]!)) i++;
  }
  return i;
}

/** Index of the value after the member name that starts at `i` (`"name" :` and spaces), or -1. */
function skipMemberName(b: Uint8Array, i: number, end: number): number {
  if (i >= end || b[i] !== 0x22) return -1;
  i = skipString(b, i, end);
  if (i < 0) return -1;
  i = skipSpace(b, i, end);
  if (i >= end || b[i] !== 0x3a) return -1;
  return skipSpace(b, i + 1, end);
}

/**
 * True when `bytes[start, end)` is one JSON text that JSON.parse would accept after UTF-8 decoding.
 * False for anything else, and for nesting deeper than 256 (left for JSON.parse to judge).
 *
 * @example
 * isJsonText(Buffer.from('{"a":[1,2.5e3,"x"]}')); // true
 * isJsonText(Buffer.from('{"a":}'));               // false
 */
export function isJsonText(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  const b = bytes;
  let depth = 0;
  let i = skipSpace(b, start, end);
  for (;;) {
    // A value starts at i.
    if (i >= end) return false;
    const c = b[i]!;
    if (c === 0x7b || c === 0x5b) {
      i = skipSpace(b, i + 1, end);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (i < end && b[i] === close) {
        i++;
      } else {
        if (depth >= defaults.maxDepth) return false;
        stack[depth++] = c === 0x7b ? OBJECT : ARRAY;
        if (c === 0x7b) {
          i = skipMemberName(b, i, end);
          if (i < 0) return false;
        }
        continue;
      }
    } else if (c === 0x22) {
      i = skipString(b, i, end);
    } else if (c === 0x2d || isDigit(c)) {
      i = skipNumber(b, i, end);
    } else if (c === 0x74) {
      i = i + 4 <= end && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65 ? i + 4 : -1;
    } else if (c === 0x66) {
      i = i + 5 <= end && b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65 ? i + 5 : -1;
    } else if (c === 0x6e) {
      i = i + 4 <= end && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c ? i + 4 : -1;
    } else {
      return false;
    }
    if (i < 0) return false;
    // After a value: close containers, or move to the next member.
    for (;;) {
      i = skipSpace(b, i, end);
      if (depth === 0) return i === end;
      const top = stack[depth - 1];
      if (i >= end) return false;
      const d = b[i]!;
      if (d === 0x2c) {
        i = skipSpace(b, i + 1, end);
        if (top === OBJECT) {
          i = skipMemberName(b, i, end);
          if (i < 0) return false;
        }
        break;
      }
      if ((top === OBJECT && d === 0x7d) || (top === ARRAY && d === 0x5d)) {
        depth--;
        i++;
        continue;
      }
      return false;
    }
  }
}

/**
 * True for a Jackson JSON payload that is stored uncompressed (no gzip `1F 8B`, no LZ4
 * `87 D9 6D F6` header) and is one JSON text: JSON.parse of its UTF-8 text will succeed.
 *
 * @example
 * isPlainJsonPayload(Buffer.from('{"a":1}')); // true
 */
export function isPlainJsonPayload(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  const b0 = bytes[start];
  if ((b0 === 0x1f && bytes[start + 1] === 0x8b) || (b0 === 0x87 && bytes[start + 1] === 0xd9)) return false;
  return isJsonText(bytes, start, end);
}
