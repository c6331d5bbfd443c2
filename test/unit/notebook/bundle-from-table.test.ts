import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { bundleFromTable, cellText, columnType, htmlFromTable, textFromTable } from '../../../src/notebook/bundle-from-table.js';

const events = table({
  persistenceId: Array.from({ length: 25 }, (_, i) => `cart-${i}`),
  sequenceNr: Float64Array.from({ length: 25 }, (_, i) => i + 1),
  timestamp: Array.from({ length: 25 }, (_, i) => new Date(Date.UTC(2024, 0, 1, 0, i))),
  event: Array.from({ length: 25 }, (_, i) => ({ item: `<sku-${i}>`, qty: BigInt(i), text: 'x'.repeat(200) })),
  bytes: Array.from({ length: 25 }, () => new Uint8Array([0xca, 0xfe])),
  maybe: Array.from({ length: 25 }, (_, i) => (i === 3 ? 'late' : null)),
});

describe('bundleFromTable', () => {
  it('gives text/html and text/plain', () => {
    assert.deepEqual(Object.keys(bundleFromTable(events)).sort(), ['text/html', 'text/plain']);
  });

  it('HTML: column names with types, first 20 rows, then "… N more rows"', () => {
    const html = htmlFromTable(events);
    for (const [name, type] of [['persistenceId', 'string'], ['sequenceNr', 'float64'], ['timestamp', 'date'],
      ['event', 'object'], ['bytes', 'bytes'], ['maybe', 'string']]) {
      assert.match(html, new RegExp(`>${name}<br><span[^>]*>${type}</span>`));
    }
    assert.equal(html.match(/<tr>/g)?.length, 21, 'header + 20 rows');
    assert.match(html, /… 5 more rows\. 25 rows × 6 columns/);
    assert.equal(htmlFromTable(events, { maxRows: 3 }).match(/<tr>/g)?.length, 4);
  });

  it('HTML: numbers right-aligned, Dates ISO, objects compact JSON cut, bytes as hex, nulls marked', () => {
    const html = htmlFromTable(events, { maxRows: 1 });
    assert.match(html, /<td style="text-align:right">1<\/td>/);
    assert.match(html, /<td style="text-align:left">2024-01-01T00:00:00\.000Z<\/td>/);
    assert.match(html, /\{&quot;item&quot;:&quot;&lt;sku-0&gt;&quot;,&quot;qty&quot;:0,&quot;text&quot;:&quot;x+…<\/td>/);
    assert.match(html, />2 bytes cafe</);
    assert.match(html, /color:#aaa">null</);
  });

  it('HTML escapes < > & " in names and values', () => {
    const html = htmlFromTable(table({ '<b>': ['<script>alert(1)</script> & "q"'] }));
    assert.doesNotMatch(html, /<script>|<b>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;q&quot;/);
    assert.match(html, />&lt;b&gt;<br>/);
  });

  it('respects filter and order', () => {
    const t = table({ v: [3, 1, 2] }).filter((d: { v: number }) => d.v > 1).orderby('v');
    assert.match(htmlFromTable(t), /<tbody><tr><td[^>]*>2<\/td><\/tr><tr><td[^>]*>3<\/td><\/tr><\/tbody>/);
  });

  it('text/plain: padded columns, cut cells, a count line', () => {
    const text = textFromTable(events, { maxRows: 2 });
    const lines = text.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^persistenceId\s+sequenceNr\s+timestamp/);
    assert.match(lines[1], /^cart-0\s+1\s+2024-01-01T00:00:00\.000Z/);
    assert.ok(lines[1].includes('…'), 'long JSON cut');
    assert.equal(lines[3], '… 23 more rows. 25 rows × 6 columns');
  });

  it('columnType and cellText', () => {
    assert.equal(columnType(Int32Array.from([1]), undefined, 1), 'int32');
    assert.equal(columnType(BigInt64Array.from([1n]), undefined, 1), 'bigint64');
    assert.equal(columnType([null, null], undefined, 2), 'null');
    assert.equal(columnType([null, 5n], undefined, 1), 'bigint', 'looks past the shown rows when they are null');
    assert.equal(cellText({ a: [1, 2] }, 80), '{"a":[1,2]}');
    assert.equal(cellText('abcdef', 4), 'abc…');
    assert.equal(cellText('a\n  b', 10), 'a b');
  });
});
