// The first characters of a value's compact JSON, for a table cell. Written by hand instead of
// JSON.stringify so that its cost follows the characters shown, not the value: a decoded event
// can be cyclic (a Java object graph that refers to itself), deeper than the stack, or a small
// graph of shared references whose full JSON is gigabytes.

export const jsonPreviewDefaults = {
  circular: '[Circular]',
  maxDepth: 64,
} as const;

interface Writer {
  out: string;
  /** Stop once `out` is longer than this. */
  max: number;
  open: Set<object>;
}

/**
 * Compact JSON of `value` (bigints as numbers, Dates as ISO strings, bytes as "<n bytes>"), cut
 * once it is longer than `maxChars` (the caller adds the ellipsis). A reference to an enclosing
 * object is written "[Circular]"; nesting past 64 levels "…".
 *
 * @example
 * const a: Record<string, unknown> = { id: 1 }; a.self = a;
 * jsonPreview(a, 80); // '{"id":1,"self":"[Circular]"}'
 */
export function jsonPreview(value: unknown, maxChars: number): string {
  const w: Writer = { out: '', max: maxChars, open: new Set() };
  write(w, value, 0, false);
  return w.out;
}

function full(w: Writer): boolean {
  return w.out.length > w.max;
}

function str(w: Writer, s: string): void {
  // only what can still show is quoted: a 1 MB string costs as much as a short one
  const room = w.max - w.out.length + 1;
  w.out += JSON.stringify(s.length > room ? s.slice(0, room) : s);
}

/** `inArray`: undefined and functions are written null in arrays, left out in objects (as JSON does). */
function write(w: Writer, v: unknown, depth: number, inArray: boolean): boolean {
  switch (typeof v) {
    case 'string': str(w, v); return true;
    case 'number': w.out += Number.isFinite(v) ? String(v) : 'null'; return true;
    case 'boolean': w.out += String(v); return true;
    case 'bigint': w.out += String(Number(v)); return true;
    case 'undefined': case 'function': case 'symbol':
      if (inArray) w.out += 'null';
      return inArray;
  }
  if (v === null) { w.out += 'null'; return true; }
  const o = v as object;
  if (o instanceof Date) { w.out += Number.isNaN(o.getTime()) ? 'null' : `"${o.toISOString()}"`; return true; }
  if (ArrayBuffer.isView(o)) { w.out += `"<${o.byteLength} bytes>"`; return true; }
  if (w.open.has(o)) { str(w, jsonPreviewDefaults.circular); return true; }
  if (depth >= jsonPreviewDefaults.maxDepth) { w.out += '…'; return true; }
  w.open.add(o);
  if (Array.isArray(o)) {
    w.out += '[';
    for (let i = 0; i < o.length && !full(w); i++) {
      if (i > 0) w.out += ',';
      write(w, o[i], depth + 1, true);
    }
    w.out += ']';
  } else {
    w.out += '{';
    let first = true;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length && !full(w); i++) {
      const k = keys[i]!;
      const mark = w.out.length;
      if (!first) w.out += ',';
      str(w, k);
      w.out += ':';
      if (write(w, (o as Record<string, unknown>)[k], depth + 1, false)) first = false;
      else w.out = w.out.slice(0, mark);
    }
    w.out += '}';
  }
  w.open.delete(o);
  return true;
}
