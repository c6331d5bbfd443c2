import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as aq from 'arquero';
import { eventsPerType, eventsOverTime } from '../../../src/index.js';
import { shortTypeName } from '../../../src/render/charts/journal-table.js';

test('shortTypeName keeps the simple class name', () => {
  assert.equal(shortTypeName('com.example.cart.ShoppingCart$ItemAdded'), 'ItemAdded');
  assert.equal(shortTypeName('com.example.Deposited#3'), 'Deposited');
  assert.equal(shortTypeName('primitive-string'), 'primitive-string');
  assert.equal(shortTypeName('Weird.'), 'Weird.');
});

test('chart helpers label types by simple name unless asked for full manifests', () => {
  const t = aq.table({
    eventType: ['a.Cart$Added', 'b.Cart$Added', 'a.Cart$Removed'],
    timestamp: [new Date(0), new Date(1000), new Date(2000)],
  });
  const values = (c: { spec: Record<string, unknown> }) => (c.spec['data'] as { values: Array<Record<string, unknown>> }).values;
  assert.deepEqual(values(eventsPerType(t)).map((r) => [r['eventType'], r['count']]), [['Added', 2], ['Removed', 1]]);
  assert.equal(values(eventsPerType(t, { fullTypeNames: true })).length, 3);
  assert.deepEqual([...new Set(values(eventsOverTime(t)).map((r) => r['eventType']))].sort(), ['Added', 'Removed']);
});
