import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Utf8StringCache } from '../../../src/util/utf8-string-cache.js';

test('utf8 string cache: always the right string, through collisions, evictions, long and multi-byte keys', () => {
  const cache = new Utf8StringCache(64); // small: most keys collide and evict each other
  const words = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `Ünïcødé-🙂-${i}` : i % 11 === 0 ? `long-${'x'.repeat(60)}-${i}` : `ShoppingCart|cart-${i}`));
  const bytes = Buffer.concat(words.map((w) => Buffer.from(`<${w}>`)));
  const spans: [number, number][] = [];
  for (let at = 0; at < bytes.length;) {
    const end = bytes.indexOf(0x3e, at);
    spans.push([at + 1, end]);
    at = end + 1;
  }
  let seed = 3;
  for (let k = 0; k < 20_000; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const i = seed % 40 < 30 ? seed % 20 : seed % words.length; // a hot few and a long tail
    const [start, end] = spans[i]!;
    assert.equal(cache.get(bytes, start, end), words[i]);
  }
  assert.equal(cache.get(bytes, 5, 5), '');
});

test('utf8 string cache: a repeated key gives the same string object', () => {
  const cache = new Utf8StringCache();
  const a = Buffer.from('xxShoppingCart|cart-1xx');
  const b = Buffer.from('ShoppingCart|cart-1');
  const first = cache.get(a, 2, a.length - 2);
  assert.equal(first, 'ShoppingCart|cart-1');
  assert.equal(cache.get(b, 0, b.length), first);
  assert.ok(Object.is(cache.get(b, 0, b.length), first));
});

test('utf8 string cache: keys up to the slot size are cached, longer ones made each time', () => {
  const manifest = Buffer.from(`com.example.${'deeply.nested.'.repeat(6)}OrderLineItemQuantityChanged`);
  assert.ok(manifest.length > 64 && manifest.length <= 256);
  const wide = new Utf8StringCache(16, 256);
  const a = wide.get(manifest, 0, manifest.length);
  assert.ok(Object.is(wide.get(manifest, 0, manifest.length), a));
  const narrow = new Utf8StringCache(16);
  assert.equal(narrow.get(manifest, 0, manifest.length), manifest.toString());
});
