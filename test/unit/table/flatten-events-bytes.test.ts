// flattenEvents reads events still held as JSON bytes field by field (table/json-object-fields.ts);
// every test compares that with the object path: the same texts parsed by JSON.parse (null where it
// throws, as EventColumn.at reads them) in a plain array column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { flattenDefaults, flattenEvents } from '../../../src/table/flatten-events.js';
import { DictionaryColumn } from '../../../src/table/dictionary-column.js';
import { EventColumn, JsonArena } from '../../../src/table/event-column.js';
import { JsonObjectFields } from '../../../src/table/json-object-fields.js';
import { loadTable, saveTable } from '../../../src/snapshot/save-table.js';
import { warningCount } from '../../../src/util/warn.js';
import { loadStats } from '../../../src/table/load-stats.js';

type Payload = string | Buffer;

/** An EventColumn over `payloads`; a `values` entry other than undefined is a decoded row (no bytes). */
function eventColumn(payloads: Payload[], values?: unknown[]): EventColumn {
  const n = payloads.length;
  const arena = new JsonArena();
  const block = new Int32Array(n);
  const start = new Int32Array(n);
  const length = new Int32Array(n);
  const at = { start: 0 };
  for (let i = 0; i < n; i++) {
    if (values?.[i] !== undefined) continue;
    const bytes = typeof payloads[i] === 'string' ? Buffer.from(payloads[i] as string) : (payloads[i] as Buffer);
    if (bytes.length === 0) continue;
    block[i] = arena.add(bytes, at);
    start[i] = at.start;
    length[i] = bytes.length;
  }
  arena.seal();
  return new EventColumn(values ? values.slice() : null, { arena, block, start, length }, n);
}

function parsed(payload: Payload): unknown {
  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Deep equality of JSON values, Object.is for primitives, without recursion (values nest 100,000 deep). */
function same(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (Object.is(x, y)) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (let i = 0; i < kx.length; i++) {
      if (kx[i] !== ky[i]) return false;
      stack.push([(x as Record<string, unknown>)[kx[i]!], (y as Record<string, unknown>)[ky[i]!]]);
    }
  }
  return true;
}

/** Flattens `payloads` both ways and checks every column equal (Object.is for primitives: -0 ≠ 0). */
function checkSame(payloads: Payload[], options: { values?: unknown[]; shape?: (t: aq.ColumnTable) => aq.ColumnTable } = {}): aq.ColumnTable {
  const n = payloads.length;
  const k = Array.from({ length: n }, (_, i) => i);
  const persistenceId = k.map((i) => `id-${i % 7}`);
  const shape = options.shape ?? ((t: aq.ColumnTable) => t);
  const column = eventColumn(payloads, options.values);
  const lazyRows = column.unparsed;
  const bytesTable = shape(aq.table({ persistenceId, k, event: column as unknown as unknown[] }));
  const objects = payloads.map((p, i) => (options.values?.[i] !== undefined ? options.values[i] : typeof p === 'string' && p.length === 0 ? undefined : parsed(p)));
  const objectTable = shape(aq.table({ persistenceId, k, event: objects }));
  const viaBytes = flattenEvents(bytesTable);
  const viaObjects = flattenEvents(objectTable);
  assert.deepStrictEqual(viaBytes.columnNames(), viaObjects.columnNames());
  for (const name of viaObjects.columnNames()) {
    if (name === 'event') continue;
    const a = viaBytes.array(name) as unknown[];
    const b = viaObjects.array(name) as unknown[];
    assert.equal(a.length, b.length, name);
    for (let i = 0; i < b.length; i++) assert.ok(same(a[i], b[i]), `column ${name}, row ${i}: ${String(payloads[i]).slice(0, 200)}`);
  }
  assert.equal(column.unparsed, lazyRows, 'no event was parsed into the column');
  // a filtered or ordered table's rows are taken without reading its events: the result's event
  // column is still bytes, and reads as the object path's
  const events = viaBytes.column('event') as unknown;
  if (viaBytes.columnNames().length > 3) {
    assert.ok(events instanceof EventColumn, 'the event column stays an EventColumn');
    const lazy = (viaBytes.array('k') as number[]).filter((row) => options.values?.[row] === undefined && payloads[row]!.length > 0).length;
    assert.equal(events.unparsed, lazy, 'the taken rows are still unparsed');
  }
  // each event as EventColumn.at reads its stored bytes (a string payload's lone surrogates are
  // stored as U+FFFD, which JSON.parse of the string itself would keep)
  const sourceRows = viaBytes.array('k') as number[];
  const read = viaBytes.array('event') as unknown[];
  for (let i = 0; i < read.length; i++) {
    const row = sourceRows[i]!;
    const payload = payloads[row]!;
    const expected = options.values?.[row] !== undefined ? options.values[row] : payload.length === 0 ? undefined : parsed(Buffer.from(payload));
    assert.ok(same(read[i], expected), `event of row ${row}`);
  }
  return viaBytes;
}

test('a bytes-path table flattens like parsed events: strings, escapes, unicode, nesting, duplicates', () => {
  const payloads = [
    '{"a":"plain","b":1,"c":true,"d":false,"e":null}',
    '{"a":"caf\u00e9 \u{1F600}","b":-0,"esc":"\\u0000\\"\\\\\\/\\b\\f\\n\\r\\t","pair":"\\ud83d\\ude00","lone":"\\ud800x"}',
    '{"nested":{"x":[1,"]}",{"y":"\\"{"}],"z":{}},"arr":[],"deep":[[[[{"k":"v"}]]]]}',
    '{"a":1,"a":2,"b":"first","b":"last"}',
    '{"__proto__":{"polluted":true},"ok":1}',
    '{"__pro\\u0074o__":5}',
    '{}',
    ' \t\n\r{ \t"a" \n: \r"spaced" , "b"\t:\n[ 1 , 2 ]\r}\n ',
    '{"\\u00fcber":"key with an escape","ключ":"значение"}',
    '{"persistenceId":"clash","event":"clash too","k":3}',
    '{"x":"' + 'long value '.repeat(20) + '"}',
    '{"emptyKey":"","":"empty key"}',
  ];
  const flat = checkSame(payloads);
  assert.ok(flat.columnNames().includes('event.__proto__'), '__proto__ becomes event.__proto__');
  assert.deepStrictEqual(flat.array('event.__proto__').slice(4, 6), [{ polluted: true }, 5]);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.ok(flat.columnNames().includes('event.persistenceId') && flat.columnNames().includes('event.event'));
  assert.equal(flat.array('esc')[1], '\u0000"\\/\b\f\n\r\t');
});

test('numbers come out as JSON.parse gives them, bit for bit', () => {
  const numbers = [
    '0', '-0', '-0.0', '0.0', '1', '-1', '0.1', '0.2', '0.30000000000000004', '9.5', '24.9', '53.97', '1e400', '-1e400',
    '1E-7', '5e-324', '2e-324', '1.7976931348623157e308', '1.7976931348623159e308', '9007199254740993', '9007199254740992',
    '123456789012345', '1234567890123456', '12345678901234567890', '0.123456789012345', '0.1234567890123456789',
    '999999999999999.9', '1.5e+3', '1.5E-3', '-12.5e2', '100000000000000000000000', '0.000001', '4.35', '0.7', '2.675',
    '1.0000000000000002', '123.456e-2', '-9007199254740993', '0e0', '-0e-0', '8.988465674311579e+307',
  ];
  const flat = checkSame(numbers.map((x) => `{"n":${x}}`));
  const values = flat.array('n') as number[];
  numbers.forEach((x, i) => assert.ok(Object.is(values[i], JSON.parse(x)), `${x}: ${values[i]}`));
});

test('rows that are not one plain object: non-objects, invalid JSON, keys JSON.parse reorders', () => {
  const payloads: Payload[] = [
    '[1,2]', '"text"', '12', 'null', 'true', '{', '{"a":1,}', '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":+1}', '{"a":1e}',
    '{"a":tru}', '{"a":nul}', '{"a" 1}', '{"a":1} x', '{"a":1}}', '\ufeff{"a":1}', '{"a":"tab\there"}', '{"a":"\\x"}',
    '{"a":"\\u12"}', '{"a":[1,2}', '{"a":{"b":1]}', '{a:1}', "{'a':1}", '{"b":1,"2":"two","1":"one","a":3}', '{"10":1,"x":2}',
    '{"01":1,"y":2}', '{"\\u0031":"escaped digit"}',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // invalid UTF-8 inside a string
    Buffer.from([0x7b, 0x22, 0xe2, 0x82, 0x22, 0x3a, 0x31, 0x7d]), // a truncated sequence in a key
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0xc3, 0x7d]), // a stray byte outside strings
    '{"ok":"after the bad rows"}',
  ];
  const flat = checkSame(payloads);
  // JSON.parse lists array-index keys first, so those rows go the object way; assign's object of new
  // columns lists them first again ('01' is no array index); the bad UTF-8 key decodes to U+FFFD
  assert.deepStrictEqual(flat.columnNames(), ['persistenceId', 'k', 'event', '1', '2', '10', 'b', 'a', 'x', '01', 'y', '\ufffd', 'ok']);
});

test('decoded and null rows go the object way in the same pass; filtered and ordered tables keep their rows', () => {
  const payloads = ['{"a":1,"b":"x"}', '', '{"c":2}', 'ignored', '{"a":3}', '{"d":[1]}', '', '{"b":"y","a":4}'];
  const values: unknown[] = [undefined, null, undefined, { c: 'decoded', e: 5 }, undefined, undefined, undefined, undefined];
  checkSame(payloads, { values });
  checkSame(payloads, { values, shape: (t) => t.filter((d: { k: number }) => d.k % 3 !== 1) });
  checkSame(payloads, { values, shape: (t) => t.orderby(aq.desc('k')) });
  checkSame(payloads, { shape: (t) => t.filter((d: { k: number }) => d.k > 2).orderby(aq.desc('persistenceId'), 'k') });
});

test('a filtered table keeps typed, date and plain columns as they were; a grouped one keeps its groups', () => {
  const payloads = ['{"a":1}', '{"a":2,"b":"x"}', '{"b":"y"}', '{"a":4}', '{"a":5}'];
  const when = payloads.map((_, i) => new Date(Date.UTC(2026, 0, i + 1)));
  const table = aq.table({
    k: Float64Array.from(payloads, (_, i) => i),
    seq: Int32Array.from(payloads, (_, i) => 10 * i),
    when,
    tag: payloads.map((_, i) => (i % 2 === 0 ? 'even' : 'odd')),
    event: eventColumn(payloads) as unknown as unknown[],
  });
  const flat = flattenEvents(table.filter((d: { k: number }) => d.k !== 1).orderby(aq.desc('k')));
  assert.ok(flat.column('seq') instanceof Int32Array && flat.column('k') instanceof Float64Array, 'typed arrays keep their type');
  assert.deepStrictEqual(Array.from(flat.array('seq') as Int32Array), [40, 30, 20, 0]);
  assert.deepStrictEqual(flat.array('when'), [when[4], when[3], when[2], when[0]]);
  assert.deepStrictEqual(flat.array('tag'), ['even', 'odd', 'even', 'even']);
  assert.deepStrictEqual(flat.array('a'), [5, 4, undefined, 1]);
  assert.deepStrictEqual(flat.array('b'), [undefined, undefined, 'y', undefined]);

  const grouped = flattenEvents(table.filter((d: { k: number }) => d.k !== 1).groupby('tag'));
  assert.ok(grouped.isGrouped(), 'groups stay');
  assert.deepStrictEqual(grouped.count().objects(), [{ tag: 'even', count: 3 }, { tag: 'odd', count: 1 }]);
  assert.deepStrictEqual(grouped.array('a'), [1, undefined, 4, 5]);
});

test('maxColumns: the same first names become columns, with the warning', () => {
  const saved = flattenDefaults.maxColumns;
  flattenDefaults.maxColumns = 3;
  try {
    const before = warningCount('flatten:maxColumns');
    const flat = checkSame(['{"a":1,"b":2}', '{"c":3,"a":4,"d":5}', '{"e":6,"b":7,"e":8}']);
    assert.deepStrictEqual(flat.columnNames(), ['persistenceId', 'k', 'event', 'a', 'b', 'c']);
    assert.equal(warningCount('flatten:maxColumns'), before + 2, 'warned by both paths');
  } finally {
    flattenDefaults.maxColumns = saved;
  }
});

// A seeded generator of JSON texts: objects with random whitespace, keys from a small pool (so
// columns repeat and collide), values of every kind, numbers in many spellings.
function generator(seed: number) {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ws = (): string => (rnd() < 0.7 ? '' : pick([' ', '\n', '\t', '\r', '  \n ']));
  const keys = ['id', 'name', 'qty', 'price', 'tags', 'meta', 'k', 'event', '__proto__', 'ünï', 'a"b', 'x\\y', '', 'constructor', 'toString'];
  const chars = ['a', 'Z', ' ', 'é', '\u{1F600}', '"', '\\', '/', '\n', '\u0000', '\u001f', '\u2028', '\ud800', '{', ']', ','];
  const str = (): string => {
    let out = '';
    const len = Math.floor(rnd() * 12);
    for (let i = 0; i < len; i++) out += pick(chars);
    let json = JSON.stringify(out);
    if (rnd() < 0.2) json = json.replace(/\//g, '\\/').replace(/a/g, '\\u0061');
    return json;
  };
  const num = (): string => {
    const r = rnd();
    if (r < 0.3) return String(Math.floor(rnd() * 1e6) * (rnd() < 0.3 ? -1 : 1));
    if (r < 0.5) return (rnd() * 1000).toFixed(Math.floor(rnd() * 6));
    if (r < 0.6) return pick(['-0', '0', '1e400', '-1e-400', '9007199254740993', '0.1', '1E+2', '2.5e-3', '-0.0']);
    if (r < 0.8) return String(rnd() * 10 ** Math.floor(rnd() * 40 - 20));
    return `${Math.floor(rnd() * 1e9)}${rnd() < 0.5 ? '.' + String(Math.floor(rnd() * 1e9)) : ''}${rnd() < 0.5 ? 'e' + pick(['', '+', '-']) + String(Math.floor(rnd() * 30)) : ''}`;
  };
  const value = (depth: number): string => {
    const r = rnd();
    if (r < 0.3) return str();
    if (r < 0.6) return num();
    if (r < 0.7) return pick(['true', 'false', 'null']);
    if (depth > 3) return '0';
    if (r < 0.85) return object(depth + 1);
    return `[${ws()}${Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
  };
  const object = (depth: number): string => {
    const n = Math.floor(rnd() * 6);
    const fields = Array.from({ length: n }, () => `${ws()}${JSON.stringify(pick(keys))}${ws()}:${ws()}${value(depth)}${ws()}`);
    return `{${fields.join(',')}${ws()}}`;
  };
  return { rnd, pick, object: (): string => `${ws()}${object(0)}${ws()}` };
}

test('generated events: the bytes path equals the object path', () => {
  const g = generator(12345);
  checkSame(Array.from({ length: 3000 }, () => g.object()));
});

test('fuzz: random bytes, truncations and mutations of events never throw or hang, and match the object path', () => {
  const g = generator(777);
  const payloads: Payload[] = [];
  for (let i = 0; i < 1500; i++) {
    const text = Buffer.from(g.object());
    const r = g.rnd();
    if (r < 0.3) {
      payloads.push(text.subarray(0, Math.floor(g.rnd() * text.length)));
    } else if (r < 0.7) {
      const copy = Buffer.from(text);
      for (let m = 0; m < 1 + Math.floor(g.rnd() * 3); m++) copy[Math.floor(g.rnd() * copy.length)] = g.pick([0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x30, 0x2d, 0x65, 0x2e, 0x00, 0x80, 0xff, 0x20]);
      payloads.push(copy);
    } else {
      payloads.push(Buffer.from(Array.from({ length: 1 + Math.floor(g.rnd() * 40) }, () => (g.rnd() < 0.5 ? g.pick([0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x5c]) : Math.floor(g.rnd() * 256)))));
    }
  }
  checkSame(payloads);
});

test('hostile events: deep nesting, unbalanced brackets, huge strings and keys', () => {
  const deep = 100_000;
  const payloads = [
    `{"a":${'['.repeat(deep)}${']'.repeat(deep)},"b":1}`,
    `{"a":${'['.repeat(deep)}`,
    `{"a":${'{"x":'.repeat(deep)}1${'}'.repeat(deep)}}`,
    `{"a":"${'x'.repeat(4_000_000)}","b":"${'é'.repeat(100_000)}"}`,
    `{"${'k'.repeat(100_000)}":1}`,
    `{"a":"${'\\\\'.repeat(50_000)}"}`,
    `{"a":"${'\\'.repeat(50_001)}`,
    `{"a":${'9'.repeat(100_000)}}`,
  ];
  const t0 = performance.now();
  checkSame(payloads);
  assert.ok(performance.now() - t0 < 20_000, 'no pathological slowness');
});

test('JsonObjectFields reports a row it cannot read as a plain object and keeps no values after clear()', () => {
  const fields = new JsonObjectFields();
  const bytes = Buffer.from(' {"a":1,"b":"two"} ');
  assert.equal(fields.scan(bytes, 0, bytes.length), true);
  assert.deepStrictEqual([fields.keys.slice(0, fields.count), fields.values.slice(0, fields.count)], [['a', 'b'], [1, 'two']]);
  assert.equal(fields.scan(bytes, 0, bytes.length - 3), false, 'a truncated object');
  fields.clear();
  assert.equal(fields.count, 0);
});

test('a table loaded from a snapshot file flattens from its bytes, equal to its parsed events', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flatten-bytes-'));
  try {
    const g = generator(99);
    const payloads = Array.from({ length: 400 }, (_, i) => (i % 50 === 3 ? '[1,"not an object"]' : g.object()));
    const n = payloads.length;
    const source = aq.table({
      persistenceId: payloads.map((_, i) => `cart-${i % 9}`),
      sequenceNr: payloads.map((_, i) => i + 1),
      event: eventColumn(payloads) as unknown as unknown[],
    });
    for (const ext of ['arrow', 'parquet']) {
      const file = path.join(dir, `events.${ext}`);
      await saveTable(source, file);
      const loaded = await loadTable(file);
      const column = loaded.column('event') as unknown;
      assert.ok(column instanceof EventColumn, `${ext}: the loaded event column is an EventColumn`);
      const flat = flattenEvents(loaded);
      assert.equal(column.unparsed, n, `${ext}: flattening parsed no event`);
      assert.ok(loadStats(loaded) && loadStats(flat) === loadStats(loaded), `${ext}: the load statistics come along`);
      const reference = flattenEvents(aq.table({ persistenceId: loaded.array('persistenceId'), sequenceNr: loaded.array('sequenceNr'), event: payloads.map(parsed) }));
      assert.deepStrictEqual(flat.columnNames(), reference.columnNames());
      for (const name of reference.columnNames()) {
        if (name !== 'event') assert.deepStrictEqual(flat.array(name), reference.array(name), `${ext}: column ${name}`);
      }
      // in key order (as sortByKey gives it) and filtered: still no event parsed, the id column still
      // a dictionary, the rows those of the same shape applied to the reference
      const shape = (t: aq.ColumnTable) => t.filter((d: { sequenceNr: number }) => d.sequenceNr % 4 !== 0).orderby(aq.desc('persistenceId'), 'sequenceNr');
      const shaped = flattenEvents(shape(loaded));
      assert.equal(column.unparsed, n, `${ext}: flattening a filtered, ordered table parsed no event`);
      assert.ok(shaped.column('persistenceId') instanceof DictionaryColumn, `${ext}: persistenceId stays a dictionary column`);
      const shapedEvents = shaped.column('event') as unknown;
      assert.ok(shapedEvents instanceof EventColumn && shapedEvents.unparsed === shaped.numRows(), `${ext}: the taken events are unparsed`);
      const shapedReference = flattenEvents(shape(aq.table({ persistenceId: loaded.array('persistenceId'), sequenceNr: loaded.array('sequenceNr'), event: payloads.map(parsed) })));
      assert.deepStrictEqual(shaped.columnNames(), shapedReference.columnNames());
      for (const name of shapedReference.columnNames()) {
        assert.deepStrictEqual(Array.from(shaped.array(name) as ArrayLike<unknown>), Array.from(shapedReference.array(name) as ArrayLike<unknown>), `${ext}: shaped column ${name}`);
      }
      assert.equal(shaped.isFiltered() || shaped.isOrdered(), false);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
