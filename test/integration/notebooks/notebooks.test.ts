// The example notebooks, executed for real: scripts/run-notebook (nbconvert + a kernel of .venv)
// against the demo journals in the running Cassandra. Checks what a reader of the committed
// notebooks relies on: no errors, every chart a full bundle (Vega-Lite object, PNG, SVG), and the
// tables the text talks about. Every test below runs once per kernel, tslab and Deno, with the same
// checks (`test` is the per-kernel wrapper defined here). Needs scripts/setup done and scripts/services started.
import { AsyncLocalStorage } from 'node:async_hooks';
import { before, after, test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { seedInventory } from '../../../scripts/lib/notebooks/seed-inventory.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');
const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const work = mkdtempSync(join(tmpdir(), 'notebooks-it-'));

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

const joined = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join('') : x ?? '');

// ---- one test per kernel: `execute` reads the kernel of the test it runs in
const KERNELS = ['tslab', 'deno'] as const;
type Kernel = (typeof KERNELS)[number];
const kernelOfTest = new AsyncLocalStorage<Kernel>();
type Body = (t: TestContext) => Promise<void>;
/** Registers `body` once per kernel ("name [tslab]", "name [deno]"); `kernels` narrows the list. */
function test(name: string, options: { timeout?: number; kernels?: readonly Kernel[] } | Body, body?: Body): void {
  const fn = typeof options === 'function' ? options : body!;
  const { kernels = KERNELS, ...rest } = typeof options === 'function' ? {} : options;
  for (const kernel of kernels) nodeTest(`${name} [${kernel}]`, rest, (t) => kernelOfTest.run(kernel, () => fn(t)));
}

before(async () => {
  // both idempotent: nothing is written when the journals are there already
  await run(join(REPO, 'scripts/seed-demo'), [], { cwd: REPO });
  await seedInventory({ log: () => undefined });
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Executes notebooks/<name>.ipynb into the temp dir with the test's kernel; returns its code cells. */
async function execute(name: string): Promise<Cell[]> {
  const kernel = kernelOfTest.getStore() ?? 'tslab';
  const out = join(work, `${name}.${kernel}.ipynb`);
  let stdout = '';
  try {
    ({ stdout } = await run(join(REPO, 'scripts/run-notebook'), ['--kernel', kernel, join(REPO, 'notebooks', `${name}.ipynb`), out],
      { cwd: REPO, maxBuffer: 16 << 20 }));
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    assert.fail(`scripts/run-notebook ${name} exited ${e.code}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  assert.match(stdout, /0 errors/, stdout);
  const nb = JSON.parse(readFileSync(out, 'utf8')) as { cells: Cell[]; nbformat: number; nbformat_minor: number; metadata: { kernelspec: { name: string } } };
  assert.equal(nb.metadata.kernelspec.name, kernel, 'the executed copy names the kernel that ran it');
  assert.equal(nb.nbformat, 4);
  assert.ok(nb.nbformat_minor >= 5);
  for (const cell of nb.cells) assert.ok(cell.id, 'every cell has an id');
  return nb.cells.filter((c) => c.cell_type === 'code');
}

function assertNoErrors(cells: Cell[]): void {
  for (const cell of cells) {
    assert.equal(typeof cell.execution_count, 'number', `cell ${cell.id} was executed`);
    for (const o of cell.outputs ?? []) {
      assert.notEqual(o.output_type, 'error', `cell ${cell.id}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') {
        assert.doesNotMatch(joined(o.text), /\bError\b|Error:/, `cell ${cell.id} wrote an error to stderr`);
      }
    }
  }
}

/** Chart cells are the ones that `await show(...)`; each must hold one complete chart bundle. */
function assertCharts(cells: Cell[], atLeast: number): void {
  const chartCells = cells.filter((c) => /await show\(/.test(joined(c.source)));
  assert.ok(chartCells.length >= atLeast, `${chartCells.length} chart cells, expected at least ${atLeast}`);
  for (const cell of chartCells) {
    const charts = (cell.outputs ?? []).filter((o) => o.output_type === 'display_data' && o.data?.[VEGA_LITE] !== undefined);
    assert.equal(charts.length, 1, `cell ${cell.id} has one chart output`);
    const data = charts[0]!.data!;
    const spec = data[VEGA_LITE] as Record<string, unknown>;
    assert.equal(typeof spec, 'object', `cell ${cell.id}: the Vega-Lite spec is a JSON object, not a string`);
    assert.match(String(spec['$schema']), /vega-lite\/v5/);
    assert.ok(spec['data'] || spec['datasets'], `cell ${cell.id}: the spec carries its data`);
    const png = Buffer.from(joined(data['image/png'] as string | string[]), 'base64');
    assert.ok(png.length > 1000, `cell ${cell.id}: a PNG of ${png.length} bytes`);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const svg = joined(data['image/svg+xml'] as string | string[]);
    assert.match(svg, /^<svg[\s>]/, `cell ${cell.id}: image/svg+xml is an SVG`);
    assert.ok(svg.includes('<path') || svg.includes('<rect') || svg.includes('<text'), `cell ${cell.id}: the SVG draws something`);
    assert.match(joined(data['text/plain'] as string | string[]), /^<Chart: /);
  }
}

function cellWith(cells: Cell[], snippet: string): Cell {
  const cell = cells.find((c) => joined(c.source).includes(snippet));
  assert.ok(cell, `a cell containing ${snippet}`);
  return cell;
}

function htmlOf(cell: Cell): string {
  return (cell.outputs ?? []).map((o) => joined(o.data?.['text/html'] as string | string[] | undefined)).join('\n');
}

function textOf(cell: Cell): string {
  // Deno shows a cell's last value with ANSI colours; the checks read the text without them
  return (cell.outputs ?? []).map((o) => joined(o.text) + joined(o.data?.['text/plain'] as string | string[] | undefined)).join('\n')
    .replace(/\x1b\[[0-9;]*m/g, '');
}

test('quickstart: runs clean, count per type as table and chart, one cart, undecodable rows', { timeout: 180_000 }, async () => {
  const cells = await execute('quickstart');
  assertNoErrors(cells);
  assertCharts(cells, 1);
  const load = cellWith(cells, 'journal.eventTable({ keyspace');
  assert.match(textOf(load), /akka\.messages: done, 22,345 rows/, 'the progress display keeps its final state');
  assert.match(textOf(load), /22345 events/);
  const perType = htmlOf(cellWith(cells, "groupby('eventType').count()"));
  assert.match(perType, /<table/);
  assert.match(perType, /com\.example\.cart\.ShoppingCart\$ItemAdded/);
  assert.match(perType, /13072/);
  assert.ok(htmlOf(cellWith(cells, "ShoppingCart|cart-1727")).includes('9 rows'));
  assert.match(htmlOf(cellWith(cells, 'decodeError !== null')), /No decoder for serializer 9001/);
  assert.match(textOf(cellWith(cells, 'loadStats(events)')), /115 undecodable \{"9001:CA":115\}/);
});

test('aggregations: runs clean, five charts, pivot per day, value per category', { timeout: 180_000 }, async () => {
  const cells = await execute('aggregations');
  assertNoErrors(cells);
  assertCharts(cells, 5);
  const perDay = htmlOf(cellWith(cells, ".pivot('eventType'"));
  assert.match(perDay, /2025-09-01/);
  assert.match(perDay, /43 rows/);
  const byCategory = htmlOf(cellWith(cells, 'const byCategory'));
  assert.match(byCategory, /electronics/);
  assert.match(byCategory, /7 rows/);
  assert.match(htmlOf(cellWith(cells, 'sequenceGapsFromTable(events')), /missing/);
});

test('custom-decoder: the 9001 events and the protobuf events decode', { timeout: 180_000 }, async () => {
  const cells = await execute('custom-decoder');
  assertNoErrors(cells);
  assertCharts(cells, 0);
  assert.match(htmlOf(cellWith(cells, 'd.serId === 9001);\nshow(coupons')), /No decoder for serializer 9001/);
  const decoded = htmlOf(cellWith(cells, 'const applied'));
  assert.match(decoded, /SAVE(5|10|15|20)/);
  assert.match(decoded, /115 rows/);
  assert.match(textOf(cellWith(cells, 'const all =')), /22345 events, 0 undecodable/);
  const stock = htmlOf(cellWith(cells, 'protobufDecoder({ proto'));
  assert.match(stock, /Warehouse\|wh-berlin/);
  assert.match(stock, /order-1\d{4}/);
  assert.match(stock, /360 rows/);
  assert.doesNotMatch(stock, /No decoder|could not/);
});

test('live-stream notebook: the view ends as a refreshed chart, the consumers are stopped', async () => {
  const cells = await execute('live-stream');
  assertNoErrors(cells);
  const viewCell = cells.find((c) => /stream\.view\(/.test(joined(c.source)))!;
  const views = (viewCell.outputs ?? []).filter((o) => o.output_type === 'display_data');
  assert.equal(views.length, 1, 'ONE output for the view, updated in place');
  const data = views[0]!.data!;
  assert.equal(typeof data[VEGA_LITE], 'object', 'the last refresh is a full chart bundle');
  for (const mime of ['image/png', 'image/svg+xml', 'text/plain']) assert.ok(data[mime], `view output has ${mime}`);
  const values = ((data[VEGA_LITE] as { data?: { values?: unknown[] } }).data?.values ?? []);
  assert.ok(values.length > 0, 'the refreshed chart holds data from the stream');
  const statusText = cells.map((c) => (c.outputs ?? []).map((o) => joined(o.text) + joined(o.data?.['text/plain'] as string)).join('')).join('\n');
  assert.match(statusText, /events\/s/, 'a status line with the event rate');
  const last = cells[cells.length - 1]!;
  assert.match((last.outputs ?? []).map((o) => joined(o.data?.['text/plain'] as string) + joined(o.text)).join(''), /stopped/);
  // no consumer group of the notebook is left behind
  const { Kafka, logLevel } = (await import('kafkajs')).default;
  const admin = new Kafka({ brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const described = await admin.describeGroups(groups.map((g) => g.groupId).filter((g) => g.startsWith('journal-lens-')));
    assert.deepEqual(described.groups.filter((g) => g.state !== 'Dead' && g.state !== 'Empty').map((g) => g.groupId), [],
      'no journal-lens consumer group still has members');
  } finally {
    await admin.disconnect();
  }
});

test('journal-health: the report with each problem put in, snapshots, recovery cost chart, projection lag', { timeout: 180_000 }, async () => {
  // written right before: its tag writes "in flight" must still be within health()'s 5-minute window
  await run(join(REPO, 'scripts/seed-demo'), ['--health-demo'], { cwd: REPO });
  const cells = await execute('journal-health');
  assertNoErrors(cells);
  const report = htmlOf(cellWith(cells, "journal.health({ keyspace: 'health_demo'"));
  assert.match(report, /9 persistence ids, 21 problem rows/);
  for (const section of ['gaps: 2 rows', 'duplicates: 12 rows', 'forks: 1 row', 'partitionHoles: 1 row', 'tagViewsMissing: 1 row', 'tagWriteLag: 1 row']) {
    assert.ok(report.includes(`<h4>${section}</h4>`), section);
  }
  assert.match(report, /<svg/, 'the report draws its charts');
  assert.match(htmlOf(cellWith(cells, 'show(health.gaps)')), /Cart\|hole/);
  assert.match(textOf(cellWith(cells, 'allPersistenceIds!.missing')), /Cart\|gap[\s\S]*Cart\|ghost/);
  assert.match(htmlOf(cellWith(cells, 'snapshotTable(')), /4 rows/);
  const chart = (cellWith(cells, 'recoveryCostChart(cost)').outputs ?? []).find((o) => o.data?.[VEGA_LITE] !== undefined);
  assert.ok(chart, 'the recovery cost chart is a Vega-Lite bundle');
  assert.ok(Buffer.from(joined(chart.data!['image/png'] as string | string[]), 'base64').length > 1000);
  assert.match(htmlOf(cellWith(cells, 'projectionOffsets(')), /cart-audit[\s\S]*3600000/);
});

test('offline: the committed snapshot loads with no service reachable (a closed port), charts, and says so', { timeout: 180_000 }, async () => {
  const cells = await execute('offline');
  assertNoErrors(cells);
  assertCharts(cells, 2);
  assert.match(textOf(cellWith(cells, "loadTable('data/demo-journal.parquet')")), /22345 events/);
  assert.match(htmlOf(cellWith(cells, "groupby('eventType').count()")), /13072/);
  const again = cellWith(cells, "snapshot: 'data/demo-journal.parquet'");
  assert.match(textOf(again), /taken 20\d\d-\d\d-\d\dT.*cluster unreachable/, 'the progress line says it is a snapshot and when it was taken');
  assert.match(textOf(again), /mode: ["']loaded["']/);
});

test('spark: the aggregations through Spark Connect, same numbers as the local load', { timeout: 300_000 }, async () => {
  const cells = await execute('spark');
  assertNoErrors(cells);
  assertCharts(cells, 5);
  assert.match(textOf(cellWith(cells, 'const total')), /22345 events of 3000 persistence ids/);
  const perDay = htmlOf(cellWith(cells, ".pivot('eventType'"));
  assert.match(perDay, /2025-09-01/);
  assert.match(perDay, /43 rows/);
  const byCategory = htmlOf(cellWith(cells, 'const byCategory'));
  assert.match(byCategory, /electronics/);
  assert.match(byCategory, /7 rows/);
  assert.match(htmlOf(cellWith(cells, 'const gaps')), /43 rows/, 'one gap per logically deleted cart');
  const cart = htmlOf(cellWith(cells, "ev.eventTable({ persistenceIds: ['ShoppingCart|cart-1727'] })"));
  assert.ok(cart.includes('9 rows'));
});
