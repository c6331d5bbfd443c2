#!/usr/bin/env python3
"""Writes the example notebooks (notebooks/<name>.ipynb) from the cell sources below.

The notebooks are committed WITH outputs (so GitHub shows the charts). This script writes them
without outputs; fill the outputs by executing them: `scripts/demo --all --in-place`.

    python3 scripts/lib/notebooks/make-notebooks.py            # all notebooks
    python3 scripts/lib/notebooks/make-notebooks.py quickstart # one

Conventions: nbformat 4.5, kernel tslab, every cell has a stable id (<notebook>-<nn>); a chart is
displayed with `await show(chart)` (the notebook tests find chart cells by that pattern).
Only the standard library is used, so any python3 runs it.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
NOTEBOOKS = REPO / "notebooks"
INVENTORY_PROTO = (HERE / "inventory.proto").read_text().strip()

CONNECT = """const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });"""


def md(text):
    return ("markdown", text)


def code(text):
    return ("code", text)


QUICKSTART = [
    md("""# journal-lens quickstart

An Akka / Pekko persistence journal in Cassandra, read into an [Arquero](https://idl.uw.edu/arquero/) table
and charted with Vega-Lite, from a TypeScript notebook ([tslab](https://github.com/yunabe/tslab) kernel).

The journal here is the demo one: 3000 shopping carts (`ShoppingCart|cart-N`) over six weeks of 2025,
written by `npm run demo` (`scripts/seed-demo`) into `akka.messages` of the local Cassandra that
`scripts/services start` runs. Point `contactPoints` at your own cluster to read yours: the library only reads."""),
    md("""## Connect

`cassandraJournal` opens a read-only handle; it connects on first use. For a cluster with authentication add
`credentials: { username, password }` (they never appear in outputs or error messages)."""),
    code("""import * as aq from 'arquero';
import { cassandraJournal, eventsPerType, loadStats, show, sortByKey } from 'journal-lens';
const { op } = aq;

""" + CONNECT),
    md("""## Load the whole journal

`eventTable()` scans the table by token ranges (4 at a time) and decodes every event: Jackson JSON and CBOR,
Java serialization, Akka's primitive serializers and more are built in. The progress bar below updates in
place while it loads and keeps its final state. Events covered by a logical delete
(`deleteMessages`, `metadata.deleted_to`) are left out, as Akka's replay leaves them out."""),
    code("""const events = await journal.eventTable({ keyspace: 'akka', table: 'messages' });
`${events.numRows()} events, columns: ${events.columnNames().join(', ')}`"""),
    md("""`show` draws a table as HTML: the first 20 rows, each column with its type. `sortByKey` orders the rows
as the journal does (persistence id, partition, sequence number); a full scan returns them in token order.
The `event` column holds the decoded event (here JSON objects), `eventType` its manifest."""),
    code("""show(sortByKey(events))"""),
    md("""## Events per type

Plain Arquero: group by the manifest and count, then the same as a chart. Charts render on the kernel side
(SVG and PNG, so they also show on GitHub) and carry their Vega-Lite spec for JupyterLab's own renderer;
`await` the `show` of a chart, its render is asynchronous."""),
    code("""const perType = events.groupby('eventType').count().orderby(aq.desc('count'));
show(perType)"""),
    md("""The manifests are long class names; the chart labels each bar with the simple class name
(`com.example.cart.ShoppingCart$ItemAdded` → `ItemAdded`; pass `{ fullTypeNames: true }` for the manifests)."""),
    code("""await show(eventsPerType(events))"""),
    md("""## One cart's history

With `persistenceIds` the read goes straight to those partitions (no table scan), in sequence-number
order. `select` picks the columns to show. This cart added, changed and removed items, applied a coupon
(the undecodable event, see below) and checked out."""),
    code("""const cart = await journal.eventTable({ persistenceIds: ['ShoppingCart|cart-1727'], progress: false });
show(cart.select('sequenceNr', 'timestamp', 'eventType', 'event'))"""),
    md("""## What could not be decoded

A few events were written by a custom serializer (id 9001) that the library cannot know. They are not
dropped: `decodeError` says why, `raw` keeps their bytes, and `loadStats` counts them per serializer and
manifest (the load also printed a one-line warning above). `custom-decoder.ipynb` registers a decoder for them."""),
    code("""const undecodable = events.filter((d) => d.decodeError !== null);
show(undecodable.select('persistenceId', 'sequenceNr', 'serId', 'eventType', 'decodeError'), { maxRows: 5 })"""),
    code("""const stats = loadStats(events)!;
`${stats.rows} rows in ${stats.elapsedMs} ms (${stats.layout} layout): ${stats.undecodable} undecodable ` +
  `${JSON.stringify(stats.undecodableBy)}, ${stats.deletedSkipped} skipped as logically deleted`"""),
    md("""## Close

Close the handle when done (it holds the driver's connections). More in `aggregations.ipynb` and
`custom-decoder.ipynb`."""),
    code("""await journal.close();"""),
]

AGGREGATIONS = [
    md("""# Aggregations over a journal

Counting and summing events with Arquero, and charting the results with the chart helpers of journal-lens
or any Vega-Lite spec. Uses the demo journal (`npm run demo`)."""),
    md("""`flatten: true` spreads the fields of each decoded event (JSON here) into columns of their own:
`cartId`, `itemId`, `quantity`, `price`, `category`, ... A row whose event has no such field holds `undefined`."""),
    code("""import * as aq from 'arquero';
import {
  cassandraJournal, eventsOverTime, eventsPerPersistenceId, sequenceGaps, sequenceGapsFromTable, show, vegaLite,
} from 'journal-lens';
const { op } = aq;

""" + CONNECT + """
const events = await journal.eventTable({ flatten: true });
`${events.numRows()} events; columns: ${events.columnNames().join(', ')}`"""),
    md("""## Events per type per day

`eventsOverTime` buckets by time (UTC) and stacks by event type. The demo has a weekly rhythm (busier
weekends) and slow growth over the six weeks."""),
    code("""// the simple class name reads better in a legend: com.example.cart.ShoppingCart$ItemAdded → ItemAdded
const shortTypes = events.derive({ eventType: (d) => op.replace(d.eventType, /^.*[.$]/, '') });
await show(eventsOverTime(shortTypes, { bin: 'day' }))"""),
    md("""The same numbers as a table: derive the day, group, count, and pivot the types into columns (a type missing on a day shows as null)."""),
    code("""const perDay = shortTypes
  .derive({ day: (d) => op.substring(op.format_utcdate(d.timestamp), 0, 10) })
  .groupby('day')
  .pivot('eventType', { n: op.count() })
  .orderby('day');
show(perDay, { maxRows: 10 })"""),
    md("""## Busiest persistence ids

Which carts have the most events: a table of the top ten and the chart helper."""),
    code("""show(events.groupby('persistenceId').count().orderby(aq.desc('count')).slice(0, 10))"""),
    code("""await show(eventsPerPersistenceId(events, { top: 15 }))"""),
    md("""## Sequence-number gaps

Akka numbers each persistence id's events 1, 2, 3, ... without holes, so a hole means events that were
deleted, filtered out by the load, or lost. The demo journal has a few carts with a logical delete: their
first events are not loaded, so with `startAt: 1` they show as a gap at the start."""),
    code("""await show(sequenceGaps(events, { startAt: 1 }))"""),
    code("""show(sequenceGapsFromTable(events, { startAt: 1 }), { maxRows: 5 })"""),
    md("""## Value added to carts

`ItemAdded` events carry `quantity` and `price` (flattened into columns above): their product is the value
put into carts, here per product category."""),
    code("""const added = events
  .filter((d) => op.endswith(d.eventType, '$ItemAdded'))
  .derive({ value: (d) => d.quantity * d.price });
const byCategory = added
  .groupby('category')
  .rollup({ value: (d) => op.round(op.sum(d.value)), items: (d) => op.sum(d.quantity), carts: (d) => op.distinct(d.cartId) })
  .orderby(aq.desc('value'));
show(byCategory)"""),
    code("""await show(vegaLite({
  title: 'Value added to carts per category (EUR)',
  mark: { type: 'bar', tooltip: true },
  encoding: {
    y: { field: 'category', type: 'nominal', sort: '-x', title: null },
    x: { field: 'value', type: 'quantitative', title: 'EUR' },
  },
}, byCategory))"""),
    md("""## A custom Vega-Lite spec: when do carts change?

Any Vega-Lite spec works with `vegaLite(spec, table)`: the table's rows become the spec's data. Aggregate
first (a chart embeds its data; above 5000 rows `vegaLite` asks you to). Here: events per hour of day
(UTC) and weekday as a heatmap."""),
    code("""const byHour = events
  .derive({ hour: (d) => op.utchours(d.timestamp), weekday: (d) => op.utcdayofweek(d.timestamp) })
  .groupby('weekday', 'hour')
  .count();
await show(vegaLite({
  title: 'Events by hour of day (UTC) and weekday',
  mark: { type: 'rect', tooltip: true },
  encoding: {
    x: { field: 'hour', type: 'ordinal', title: 'hour (UTC)' },
    y: {
      field: 'weekday', type: 'ordinal', sort: [1, 2, 3, 4, 5, 6, 0], title: null,
      axis: { labelExpr: "['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][datum.value]" },
    },
    color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, title: 'events' },
  },
}, byHour, { width: 560, height: 200 }))"""),
    code("""await journal.close();"""),
]

CUSTOM_DECODER = [
    md("""# Custom decoders

journal-lens decodes Akka's own serializers and Jackson out of the box. Events of your own serializers
(a `SerializerWithStringManifest`, protobuf classes) need a decoder: a function from the payload bytes
(and manifest) to a value, registered by serializer id, or by id and manifest."""),
    md("""## Events nobody can decode yet

The demo journal (`npm run demo`) holds `CouponApplied` events written by a custom serializer with id 9001 and
manifest `CA`. Loading them without a decoder keeps the rows, with the reason in `decodeError` and the
bytes in `raw`."""),
    code("""import * as aq from 'arquero';
import { cassandraJournal, loadStats, protobufDecoder, show, sortByKey } from 'journal-lens';
const { op } = aq;

""" + CONNECT + """
const coupons = (await journal.eventTable({ progress: false })).filter((d) => d.serId === 9001);
show(coupons.select('persistenceId', 'sequenceNr', 'eventType', 'event', 'raw', 'decodeError'), { maxRows: 5 })"""),
    md("""## A decoder for serializer 9001

The serializer's format (see its Scala/Java source; here `scripts/journal/demo-domain.ts` plays that part):
a version byte (1), the coupon code as a big-endian u16 length and UTF-8 bytes, then the discount in cents
as a big-endian u32. The decoder reads exactly that and throws on anything else; a throwing decoder
leaves the row undecodable with its message in `decodeError`."""),
    code("""function decodeCoupon(bytes: Uint8Array): { code: string; discount: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== 1) throw new Error(`CouponApplied format version ${version} is not supported`);
  const length = view.getUint16(1);
  const code = new TextDecoder().decode(bytes.subarray(3, 3 + length));
  const cents = view.getUint32(3 + length);
  if (3 + length + 4 !== bytes.length) throw new Error(`CouponApplied: ${bytes.length - 3 - length - 4} trailing bytes`);
  return { code, discount: cents / 100 };
}

const withCoupons = cassandraJournal({
  contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1',
  decoders: { '9001:CA': decodeCoupon },
});"""),
    md("""Read the carts that applied a coupon (by persistence id, no table scan): the 9001 events now decode, and
`flatten` turns their fields into columns (a type missing on a day shows as null)."""),
    code("""const couponCarts = coupons.dedupe('persistenceId').array('persistenceId') as string[];
const decoded = await withCoupons.eventTable({ persistenceIds: couponCarts, flatten: true, progress: false });
const applied = decoded.filter((d) => d.serId === 9001);
show(applied.select('persistenceId', 'sequenceNr', 'event', 'code', 'discount', 'decodeError'), { maxRows: 5 })"""),
    code("""show(applied.groupby('code').rollup({ uses: op.count(), discount: (d) => op.round(op.sum(d.discount) * 100) / 100 }).orderby('code'))"""),
    md("""Over the whole journal nothing is left undecodable now:"""),
    code("""const all = await withCoupons.eventTable({ progress: false });
`${all.numRows()} events, ${loadStats(all)!.undecodable} undecodable`"""),
    md("""## Protobuf events

Events serialized with Akka's `ProtobufSerializer` (id 2) store the generated class name as manifest,
e.g. `com.example.inventory.InventoryEvents$StockReserved`. `protobufDecoder` takes the `.proto` source
(or a protobufjs `Root`) and maps a manifest to its message type.

The small inventory journal read here (keyspace `notebooks_inventory`, three warehouses) was written by
`scripts/lib/notebooks/seed-inventory.ts`, which `scripts/demo` and the notebook tests run before the
notebooks: the notebooks themselves only read journals."""),
    code("""const INVENTORY_PROTO = `
""" + INVENTORY_PROTO + """
`;
const inventory = cassandraJournal({
  contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1',
  keyspace: 'notebooks_inventory',
  decoders: { '2': protobufDecoder({ proto: INVENTORY_PROTO }) },
});
const stock = await inventory.eventTable({ flatten: true, progress: false });
show(sortByKey(stock).select('persistenceId', 'sequenceNr', 'eventType', 'sku', 'quantity', 'order_id', 'reason', 'decodeError'), { maxRows: 8 })"""),
    md("""Stock on hand per warehouse and product: received minus reserved plus released."""),
    code("""const onHand = stock
  .derive({ delta: (d) => (op.endswith(d.eventType, '$StockReserved') ? -d.quantity : d.quantity) })
  .groupby('persistenceId', 'sku')
  .rollup({ onHand: (d) => op.sum(d.delta) })
  .groupby('persistenceId')
  .pivot('sku', 'onHand');
show(onHand)"""),
    code("""await journal.close();
await withCoupons.close();
await inventory.close();"""),
]

LIVE_STREAM = [
    md("""# A live Kafka stream, refreshed in place

akka-persistence-kafka publishes every journaled event to a topic (`events` by default) as an
`Event(persistenceId, sequenceNr, data)`. Here a notebook cell subscribes to such a topic in micro-batches
(one per second) and keeps a chart of the last 30 seconds up to date **in the same output**, while you
keep working in other cells.

Reading is safe for production: without a `groupId` the stream uses a throwaway consumer group, never
commits offsets and deletes the group when it stops."""),
    md("""## Demo only: publish events

In production your application publishes the events. Here the project's demo producer
(`scripts/journal/kafka-producer.ts`, a dev tool) publishes shopping-cart events at 400 events/s for
40 seconds into the topic `live-demo`, in the akka-persistence-kafka format (Jackson JSON inside)."""),
    code("""import { spawn } from 'child_process';
import { createRequire } from 'module';
import * as path from 'path';
// the journal-lens checkout (dist/index.js → ..), resolved from the notebook's folder (works in tslab and Deno)
const repo = path.resolve(path.dirname(createRequire(path.join(process.cwd(), 'x.js')).resolve('journal-lens')), '..');
// the producer is a Node script: `node` from PATH (under Deno, process.execPath is deno)
const producer = spawn('node', ['--import', 'tsx', 'scripts/journal/kafka-producer.ts',
  '--topic', 'live-demo', '--rate', '400', '--seconds', '40', '--first-cart', String(Date.now() % 1_000_000)],
  { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
// its first line comes once the topic exists
await new Promise((resolve, reject) => {
  producer.stdout!.once('data', resolve);
  producer.once('exit', (code) => reject(new Error(`the demo producer exited with code ${code}`)));
});
producer.stdout!.resume(); // keep draining its progress lines
'producer running'"""),
    md("""## Subscribe

`eventStream` reads the topic from now on (`from: 'latest'`), decodes each event through the same decoders
as the Cassandra journal, and keeps a rolling window of 30 seconds (deduplicated, ordered by sequence
number within each persistence id). Re-running this cell replaces the stream instead of adding a second
consumer."""),
    code("""import * as aq from 'arquero';
import { kafkaJournal, show, stopAll, vegaLite } from 'journal-lens';
const { op } = aq;

const kafka = kafkaJournal({ brokers: ['127.0.0.1:9092'] });
const stream = kafka.eventStream({ topics: ['live-demo'], interval: 1000, window: { seconds: 30 } });
await stream.ready();
stream.statusLine()"""),
    md("""## One chart, refreshed every second

`view` creates ONE output in this cell and redraws it at every micro-batch, with a status line (events/s,
window size, lag per partition, undecodable count). The window is aggregated per second first: charts
refuse more than 5000 inline rows."""),
    code("""const perSecond = (win: aq.ColumnTable) => win
  .derive({ second: (d: any) => op.floor(op.timestamp(d.timestamp) / 1000) * 1000,
            type: (d: any) => op.replace(d.eventType, /^.*[.$]/, '') })
  .groupby('second', 'type')
  .count();

const live = stream.view((win) => vegaLite({
  title: 'Events per second, last 30 s',
  mark: { type: 'bar', tooltip: true },
  encoding: {
    x: { field: 'second', type: 'temporal', timeUnit: 'utchoursminutesseconds', title: 'second (UTC)' },
    y: { field: 'count', type: 'quantitative', title: 'events' },
    color: { field: 'type', type: 'nominal', title: 'event type' },
  },
}, perSecond(win)));"""),
    md("""The stream keeps running while other cells execute; the chart above keeps refreshing. Here we
simply wait 15 seconds, then look at the window as a table."""),
    code("""await new Promise((resolve) => setTimeout(resolve, 15_000));
const win = stream.window();
show(win.derive({ type: (d: any) => op.replace(d.eventType, /^.*[.$]/, '') }).groupby('type').count().orderby(aq.desc('count')));
stream.statusLine()"""),
    md("""## Stop

`stop()` disconnects this stream (and deletes its throwaway group); `stopAll()` stops every stream of the
kernel. Shutting the kernel down does the same."""),
    code("""await stream.stop();
await stopAll();
producer.kill();
'stopped'"""),
]

SPARK = [
    md("""# The aggregations, on Spark

The analysis of `aggregations.ipynb`, run by Apache Spark through Spark Connect instead of in this kernel:
the notebook sends Spark SQL and gets back only the results, as Arquero tables. This is how a journal
too large for one machine is looked at. Uses the demo journal (`npm run demo`) and the local Spark Connect
server (`scripts/services start spark`)."""),
    md("""`events({ keyspace, table })` is the journal as the view `events` in Spark SQL, with the columns of
`eventTable` and the journal's rules applied on Spark: logical deletes, FilteredPayload placeholders, and duplicate
sequence numbers resolved as the local loader does."""),
    code("""import * as aq from 'arquero';
import { sparkJournal, eventsOverTime, eventsPerPersistenceId, eventsPerType, sequenceGaps, show, vegaLite } from 'journal-lens';

const spark = sparkJournal({ remote: 'sc://127.0.0.1:15002', cassandra: { host: '127.0.0.1', port: 9042 } });
const ev = spark.events({ keyspace: 'akka', table: 'messages' });
const total = await ev.sql('SELECT count(*) AS events, count(DISTINCT persistenceId) AS ids FROM events');
`${total.get('events', 0)} events of ${total.get('ids', 0)} persistence ids`"""),
    md("""## Events per type per day

The chart helpers accept the handle: the counting runs on Spark, and only one row per (day, type) comes back."""),
    code("""await show(eventsOverTime(ev, { bin: 'day' }))"""),
    md("""The same numbers as a table: Spark counts per day and type, Arquero pivots the few rows that come back."""),
    code("""const perDayType = await ev.sql(`
  SELECT date_format(timestamp, 'yyyy-MM-dd') AS day, regexp_extract(eventType, '([^.$]+)$', 1) AS eventType, count(*) AS n
  FROM events GROUP BY 1, 2`);
const perDay = perDayType.groupby('day').pivot('eventType', { n: (d) => aq.op.sum(d.n) }).orderby('day');
show(perDay, { maxRows: 10 })"""),
    code("""await show(eventsPerType(ev))"""),
    md("""## Busiest persistence ids"""),
    code("""show(await ev.sql('SELECT persistenceId, count(*) AS count FROM events GROUP BY persistenceId ORDER BY count DESC, persistenceId LIMIT 10'))"""),
    code("""await show(eventsPerPersistenceId(ev, { top: 15 }))"""),
    md("""## Sequence-number gaps

`sequenceGaps` finds the holes with a window over each persistence id's sequence numbers, on Spark; with the
first expected number 1, the carts with a logical delete show a gap at the start."""),
    code("""await show(sequenceGaps(ev, { startAt: 1 }))"""),
    md("""The same window in Spark SQL, as a table:"""),
    code("""const gaps = await ev.sql(`
  SELECT persistenceId, coalesce(previous, 0) + 1 AS from, sequenceNr - 1 AS to, sequenceNr - coalesce(previous, 0) - 1 AS missing
  FROM (SELECT persistenceId, sequenceNr, lag(sequenceNr) OVER (PARTITION BY persistenceId ORDER BY sequenceNr) AS previous FROM events)
  WHERE sequenceNr > coalesce(previous, 0) + 1
  ORDER BY missing DESC, persistenceId`);
show(gaps, { maxRows: 5 })"""),
    md("""## Value added to carts

JSON events are JSON text in the view's `event` column, so Spark SQL reads their fields with
`get_json_object` (or `from_json`). CBOR events (serializer 33) are not JSON: their `event` is null, and
`eventTable` decodes them here instead. The count below says how many ItemAdded events that leaves out."""),
    code("""const byCategory = await ev.sql(`
  SELECT get_json_object(event, '$.category') AS category,
         round(sum(get_json_object(event, '$.quantity') * get_json_object(event, '$.price'))) AS value,
         sum(CAST(get_json_object(event, '$.quantity') AS INT)) AS items,
         count(DISTINCT get_json_object(event, '$.cartId')) AS carts
  FROM events WHERE eventType LIKE '%$ItemAdded' AND event IS NOT NULL GROUP BY 1 ORDER BY value DESC`);
const notJson = await ev.sql("SELECT count(*) AS n FROM events WHERE eventType LIKE '%$ItemAdded' AND event IS NULL");
console.log(`${notJson.get('n', 0)} ItemAdded events are not JSON (CBOR) and are not counted here`);
show(byCategory)"""),
    code("""await show(vegaLite({
  title: 'Value added to carts per category (EUR)',
  mark: { type: 'bar', tooltip: true },
  encoding: {
    y: { field: 'category', type: 'nominal', sort: '-x', title: null },
    x: { field: 'value', type: 'quantitative', title: 'EUR' },
  },
}, byCategory))"""),
    md("""## When do carts change?

Events per hour of day (UTC) and weekday, counted on Spark, drawn as a Vega-Lite heatmap."""),
    code("""const byHour = await ev.sql(`
  SELECT hour(timestamp) AS hour, dayofweek(timestamp) - 1 AS weekday, count(*) AS count FROM events GROUP BY 1, 2`);
await show(vegaLite({
  title: 'Events by hour of day (UTC) and weekday',
  mark: { type: 'rect', tooltip: true },
  encoding: {
    x: { field: 'hour', type: 'ordinal', title: 'hour (UTC)' },
    y: {
      field: 'weekday', type: 'ordinal', sort: [1, 2, 3, 4, 5, 6, 0], title: null,
      axis: { labelExpr: "['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][datum.value]" },
    },
    color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, title: 'events' },
  },
}, byHour, { width: 560, height: 200 }))"""),
    md("""## One cart's events

`eventTable` brings rows back, decoded here by the same decoders as `cassandraJournal().eventTable()`; the
persistence id is pushed down to Cassandra as a partition key, so this reads one partition, not the table."""),
    code("""const cart = await ev.eventTable({ persistenceIds: ['ShoppingCart|cart-1727'] });
show(cart)"""),
    code("""await spark.close();"""),
]

JOURNAL_HEALTH = [
    md("""# Journal health

What is wrong with a journal, read-only and in one call: sequence-number gaps, duplicate writes, forks
from a second writer (split brain), partition holes that stop a replay, `tag_views` that disagree with
the journal, ids missing from `all_persistence_ids`; then snapshots, recovery cost and projection lag.

The journal here is `health_demo.messages`, a small shopping-cart journal written by
`scripts/seed-demo --health-demo` (`scripts/journal/health-journal.ts`) in the akka-persistence-cassandra
1.x layout, with tags, tag views, snapshots and deletes after snapshots like a real one, and a few
problems put in on purpose. `docs/health-checks.md` says what each check means and why a journal
written by the plugin itself never trips it."""),
    code("""import { cassandraJournal, recoveryCostChart, show } from 'journal-lens';

""" + CONNECT),
    md("""## One call

`health()` scans the journal by token ranges like `eventTable`, but reads no event payload: keys,
times, writer ids and tags only. It then reads `tag_views`, `tag_write_progress` and
`all_persistence_ids` where the keyspace has them. The demo journal was written with a partition size
of 10 events (the plugin's default is 500 000, and 1.x does not record it), so the call says so.

`show(health)` draws the report: the table of checks, then a section per check that found something."""),
    code("""const health = await journal.health({ keyspace: 'health_demo', partitionSize: 10 });
await show(health)"""),
    md("""Every part is an Arquero table. The summary has one row per check; `problems` leaves out tag-view lag
that is still within the window (the plugin writes tag views after the events)."""),
    code("""show(health.summary.select('check', 'checked', 'rows', 'persistenceIds', 'problems'))"""),
    md("""## Gaps and partition holes

`Cart|gap` lost three events. `Cart|hole` lost a whole partition (events 11 to 20): a replay stops
there and never sees the 20 events after it. Deletes are not gaps: `Cart|clean-2` was snapshotted at 20
and its events up to 20 deleted, `Cart|clean-3` was deleted logically up to 6, and neither appears."""),
    code("""show(health.gaps)"""),
    code("""show(health.partitionHoles)"""),
    md("""## Duplicates and forks

Two incarnations of `Cart|fork` wrote at the same time: the second one started at 15 while the first
went on to 20. Each duplicated sequence number is listed once per written row, with its writer."""),
    code("""show(health.forks.select('persistenceId', 'forkSequenceNr', 'firstWriterEvents', 'secondWriterEvents'))"""),
    code("""show(health.duplicates, { maxRows: 6 })"""),
    md("""## Tag views and all_persistence_ids

One tagged event of `Cart|tag-miss` never reached `tag_views` (so `tag_pid_sequence_nr` skips a number),
and a stray `tag_views` row has no event. `Cart|recent`'s last two tag writes are still in flight:
that is lag within the window, not a problem."""),
    code("""show(health.tagViews!.missing)"""),
    code("""show(health.tagViews!.lag)"""),
    code("""({ missing: health.allPersistenceIds!.missing.array('persistenceId'), extra: health.allPersistenceIds!.extra.array('persistenceId') })"""),
    md("""## Snapshots and recovery cost

`snapshotTable` reads the snapshot store (any era: `snapshot_data`, or the legacy `snapshot` blob) and
decodes each snapshot with the journal's decoders. `recoveryCost` counts, per id, the events a recovery
replays after its newest snapshot, worst first."""),
    code("""show(await journal.snapshotTable({ keyspace: 'health_demo_snapshot' }))"""),
    code("""const cost = await journal.recoveryCost({ keyspace: 'health_demo', snapshotKeyspace: 'health_demo_snapshot', partitionSize: 10, progress: false });
show(cost)"""),
    code("""await show(recoveryCostChart(cost))"""),
    md("""## Projection offsets

Akka Projection's Cassandra offset store, compared with the journal: `cart-view` is up to date on every
tag; `cart-audit` is paused an hour behind; `cart-replica` follows one cart by sequence number and is
7 events behind."""),
    code("""const offsets = await journal.projectionOffsets({ keyspace: 'health_demo_projection', journalKeyspace: 'health_demo', progress: false });
show(offsets.select('projectionName', 'projectionKey', 'manifest', 'paused', 'comparedWith', 'lagMs', 'lagEvents'))"""),
    code("""await journal.close();
'closed'"""),
]

OFFLINE = [
    md("""# Offline: the demo journal from a snapshot file

Nobody needs the cluster to re-run this notebook. `data/demo-journal.parquet` is a snapshot of the demo
journal (`akka.messages`, about 22,000 events of 3000 shopping carts) that `eventTable({ snapshot })` wrote;
it is committed beside the notebook (under 1 MB). `loadTable` reads it back as the same Arquero table a
Cassandra load makes: the same columns, the events kept as their JSON text and parsed when read."""),
    code("""import * as aq from 'arquero';
import { cassandraJournal, eventsOverTime, eventsPerType, loadStats, loadTable, show, snapshotInfo, sortByKey } from 'journal-lens';

const events = await loadTable('data/demo-journal.parquet');
`${events.numRows()} events, columns: ${events.columnNames().join(', ')}`"""),
    md("""What the file says about itself: where the rows came from and when they were read, and the statistics of
that load (what it skipped, what it could not decode). `loadStats(events).snapshot` says the table came from
a file."""),
    code("""const info = snapshotInfo('data/demo-journal.parquet');
({ source: `${info.cassandra?.keyspace}.${info.cassandra?.table}`, layout: info.cassandra?.layout, readAt: info.cassandra?.readAt,
   undecodable: loadStats(events)?.undecodable, snapshot: loadStats(events)?.snapshot?.mode })"""),
    code("""show(sortByKey(events).select('persistenceId', 'sequenceNr', 'timestamp', 'eventType', 'event'))"""),
    md("""Everything a loaded table does works on it: Arquero verbs, and the charts."""),
    code("""show(events.groupby('eventType').count().orderby(aq.desc('count')))"""),
    code("""await show(eventsPerType(events))"""),
    code("""await show(eventsOverTime(events, { bin: 'week' }))"""),
    md("""## With `eventTable({ snapshot })`

The same file through `eventTable`: with the cluster reachable it reads only what changed since the snapshot
(new events, new persistence ids, new deletes), merges it and rewrites the file; with the cluster unreachable
it loads the file alone and says so, in the progress line and in `loadStats`. Here the contact point is a
closed port, so it is the second case (the file is not rewritten). Pass `refresh: false` to skip the cluster on purpose."""),
    code("""const unreachable = cassandraJournal({ contactPoints: ['127.0.0.1:1'], localDataCenter: 'datacenter1' });
const again = await unreachable.eventTable({ keyspace: 'akka', snapshot: 'data/demo-journal.parquet' });
await unreachable.close();
({ rows: again.numRows(), ...loadStats(again)?.snapshot })"""),
]

NOTEBOOK_CELLS = {
    "quickstart": QUICKSTART,
    "live-stream": LIVE_STREAM,
    "aggregations": AGGREGATIONS,
    "custom-decoder": CUSTOM_DECODER,
    "journal-health": JOURNAL_HEALTH,
    "spark": SPARK,
    "offline": OFFLINE,
}


def notebook(name, cells):
    out = []
    for i, (kind, text) in enumerate(cells):
        lines = text.strip("\n").splitlines(keepends=True)
        cell = {"cell_type": kind, "id": f"{name}-{i:02d}", "metadata": {}, "source": lines}
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        out.append(cell)
    return {
        "cells": out,
        "metadata": {
            "kernelspec": {"display_name": "TypeScript", "language": "typescript", "name": "tslab"},
            "language_info": {"codemirror_mode": {"mode": "typescript", "name": "javascript", "typescript": True},
                              "file_extension": ".ts", "mimetype": "text/typescript", "name": "typescript",
                              "version": "3.7.2"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def main(argv):
    names = argv or list(NOTEBOOK_CELLS)
    for name in names:
        if name not in NOTEBOOK_CELLS:
            sys.exit(f"make-notebooks: unknown notebook '{name}'; known: {', '.join(NOTEBOOK_CELLS)}")
        path = NOTEBOOKS / f"{name}.ipynb"
        # the layout nbformat itself writes (indent 1, sorted keys), so executing in place changes only outputs
        path.write_text(json.dumps(notebook(name, NOTEBOOK_CELLS[name]), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(REPO)} ({len(NOTEBOOK_CELLS[name])} cells, no outputs)")


if __name__ == "__main__":
    main(sys.argv[1:])
