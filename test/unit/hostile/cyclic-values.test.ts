// Fault: a Java object graph that refers to itself decodes (correctly) into a cyclic object, and
// then vegaLite(spec, table) and the table display threw a RangeError. Cycles are now cut with
// "[Circular]" wherever values go to charts, tables and JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as aq from 'arquero';
import { vegaLite } from '../../../src/render/vega-lite.js';
import { jsonValue } from '../../../src/render/values-from-table.js';
import { bundleFromTable, textFromTable } from '../../../src/notebook/bundle-from-table.js';
import { show } from '../../../src/notebook/show.js';
import { selfReferencingNode } from './java-stream.js';
import { viaCassandra } from './paths.js';

function cyclicEvent(): Record<string, unknown> {
  const row = viaCassandra(1, '', selfReferencingNode());
  assert.equal(row.error, null);
  const event = row.event as Record<string, unknown>;
  assert.equal(event.next, event, 'the decoded Java graph is cyclic');
  return event;
}

test('cyclic values: vegaLite(spec, table) inlines a cyclic event with "[Circular]" and its spec is JSON', () => {
  const table = aq.table({ eventType: ['Node'], event: [cyclicEvent()] });
  const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'eventType', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } } }, table);
  const values = (chart.spec.data as { values: Record<string, unknown>[] }).values;
  assert.deepEqual(values[0]!.event, { $class: 'Node', next: '[Circular]' });
  assert.doesNotThrow(() => JSON.stringify(chart.spec));
});

test('cyclic values: show(table) and the table bundle write "[Circular]"', () => {
  const table = aq.table({ event: [cyclicEvent()] });
  const html = String(bundleFromTable(table)['text/html']);
  assert.match(html, /\{&quot;\$class&quot;:&quot;Node&quot;,&quot;next&quot;:&quot;\[Circular\]&quot;\}/);
  assert.match(textFromTable(table), /\{"\$class":"Node","next"…/);
  assert.doesNotThrow(() => show(table));
});

test('cyclic values: shared references that are huge once written out are cut with "[Truncated]"', { timeout: 20_000 }, () => {
  let x: unknown = [1];
  for (let i = 0; i < 64; i++) x = [x, x]; // 2^64 leaves written out
  const copy = JSON.stringify(jsonValue(x));
  assert.ok(copy.includes('[Truncated]') && copy.length < 1_000_000);
  const html = String(bundleFromTable(aq.table({ event: [x] }))['text/html']);
  assert.match(html, /\[\[\[\[/);
});
