// The notebooks in a real front end: JupyterLab from .venv, Debian's Chromium through playwright-core,
// Run → Run All Cells, then what a user sees: every cell executed, no error output, the charts drawn
// by Vega. Screenshots go to test/artifacts/ (git-ignored). Needs scripts/setup (chromium, .venv) and
// the services with the demo journal; the live-stream part also runs the demo Kafka producer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  REPO, artifactPath, copyNotebook, errorOutputs, labDefaults, launchChromium, openNotebook, runAll, startLab, startRunAll, waitForRunAll, type Lab,
} from './lab.js';

const run = promisify(execFile);
const LIVE = existsSync(join(REPO, 'notebooks', 'live-stream.ipynb'));
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

let server: Lab | undefined;
let browser: Browser | undefined;

function startedLab(): Lab {
  assert.ok(server && browser, 'JupyterLab and Chromium started');
  return server;
}

before(async () => {
  await run(join(REPO, 'scripts/seed-demo'), [], { cwd: REPO }); // idempotent
  [server, browser] = await Promise.all([startLab(), launchChromium()]);
});
after(async () => {
  // always: the browser, then the server (which shuts its kernels down)
  await browser?.close().catch(() => undefined);
  await server?.stop();
});

/** The code cell whose input contains `code`. */
function cellWith(page: Page, code: string): Locator {
  return page.locator('.jp-CodeCell').filter({ has: page.locator('.jp-InputArea', { hasText: code }) });
}

/**
 * Runs `body` on a fresh page and closes it; on failure saves test/artifacts/<name>-failure.png and adds
 * the page's outputs to the error.
 */
async function onPage(name: string, body: (page: Page) => Promise<void>): Promise<void> {
  assert.ok(browser);
  const page = await browser.newPage({ viewport: labDefaults.viewport });
  try {
    await body(page);
  } catch (error) {
    await page.screenshot({ path: artifactPath(`${name}-failure.png`), fullPage: true }).catch(() => undefined);
    const outputs = await page.locator('.jp-OutputArea-output').allInnerTexts().catch(() => []);
    throw new Error(`${(error as Error).message}\noutputs:\n${outputs.map((o) => o.slice(0, 400)).join('\n---\n')}`, { cause: error });
  } finally {
    await page.close();
  }
}

/**
 * The first of `drawn` once it exists, brought into view (JupyterLab 4 may hide cells outside the
 * viewport), and two screenshots of it 4 s apart; the full pages go to <name>-1.png and <name>-2.png.
 */
async function screenshotTwice(page: Page, drawn: Locator, name: string): Promise<{ chart: Locator; first: Buffer; second: Buffer }> {
  await drawn.first().waitFor({ state: 'attached', timeout: 60_000 });
  const chart = drawn.first();
  await chart.scrollIntoViewIfNeeded();
  await chart.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(2000);
  const first = await chart.screenshot();
  await page.screenshot({ path: artifactPath(`${name}-1.png`), fullPage: true });
  await page.waitForTimeout(4000);
  const second = await chart.screenshot();
  await page.screenshot({ path: artifactPath(`${name}-2.png`), fullPage: true });
  return { chart, first, second };
}

test('quickstart in JupyterLab: Run All executes every cell, charts drawn by Vega, no errors', { timeout: 150_000 }, async (t) => {
  const lab = startedLab();
  // One extra cell in the temp copy shows the chart once more without its text/html, so that
  // JupyterLab's own Vega-Lite renderer is what draws it (with text/html, JupyterLab prefers the html).
  copyNotebook(lab.root, 'quickstart', (nb) => {
    const at = nb.cells.findIndex((c) => String(([] as string[]).concat(c['source'] as string[]).join('')).includes('await show(eventsPerType(events))'));
    assert.ok(at >= 0, 'quickstart has the eventsPerType chart cell');
    nb.cells.splice(at + 1, 0, {
      cell_type: 'code', id: 'browser-test-vega5', metadata: {}, execution_count: null, outputs: [],
      source: ["await show(eventsPerType(events), { exclude: ['text/html'] })"],
    });
  });
  await onPage('quickstart-lab', async (page) => {
    const started = Date.now();
    await openNotebook(page, lab, 'quickstart.ipynb');
    const prompts = await runAll(page, lab, 'quickstart.ipynb', (text) => t.diagnostic(text));
    t.diagnostic(`Run All took ${((Date.now() - started) / 1000).toFixed(1)} s (with opening and kernel start); prompts ${prompts.join(' ')}`);
    assert.ok(prompts.length >= 9, `${prompts.length} code cells`);
    for (const p of prompts) assert.match(p, /\[\d+\]/, `every code cell executed (prompts: ${prompts.join(' ')})`);
    assert.deepEqual(await errorOutputs(page), [], 'no error output');

    // the chart as the committed notebook shows it: JupyterLab picks the text/html of the bundle;
    // offline, vega-embed cannot load from its CDN and the server-side Vega SVG inside stays
    const htmlChart = cellWith(page, 'await show(eventsPerType(events))').locator('.jp-OutputArea-output').last();
    await htmlChart.locator('svg, canvas').first().waitFor({ timeout: 30_000 });
    const htmlMime = await htmlChart.getAttribute('data-mime-type');
    const embedded = await htmlChart.locator('.vega-embed').count() > 0;
    const vegaSvg = await htmlChart.locator('svg.marks, canvas.marks').count();
    const bars = await htmlChart.locator('svg.marks .mark-rect path').count();
    t.diagnostic(`chart with text/html: shown as ${htmlMime}; ${embedded ? 'vega-embed ran (scripts loaded)' : 'vega-embed did not load (no network): the static Vega SVG inside the html is shown'}; ${vegaSvg} Vega svg/canvas, ${bars} bar paths`);
    assert.equal(htmlMime, 'text/html');
    assert.ok(vegaSvg >= 1, 'the html output holds an svg or canvas rendered by Vega (class "marks")');
    assert.equal(bars, 6, 'one bar per event type');

    // the same chart without text/html: JupyterLab's vega5 extension renders the Vega-Lite spec
    const vegaChart = cellWith(page, "exclude: ['text/html']").locator('.jp-OutputArea-output').last();
    await vegaChart.locator('.vega-embed svg, .vega-embed canvas').first().waitFor({ timeout: 30_000 });
    // JupyterLab's vega5 renderer sets no data-mime-type; its widget class says what it is
    const vegaClasses = await vegaChart.getAttribute('class') ?? '';
    const vegaKind = await vegaChart.locator('.vega-embed svg.marks').count() > 0 ? 'svg' : 'canvas';
    t.diagnostic(`chart without text/html: shown by ${vegaClasses.includes('jp-RenderedVegaLite') ? `JupyterLab's Vega-Lite renderer (${VEGA_LITE})` : `'${vegaClasses}'`}, a .vega-embed with a ${vegaKind}`);
    assert.match(vegaClasses, /jp-RenderedVegaLite/);
    assert.equal(await vegaChart.locator('.vega-embed canvas.marks, .vega-embed svg.marks').count(), 1);

    // the count-per-type table
    const table = cellWith(page, "groupby('eventType').count()").locator('.jp-OutputArea-output table');
    assert.match(await table.innerText(), /ShoppingCart\$ItemAdded\s+13072/);

    await htmlChart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('quickstart-lab.png'), fullPage: true });
    await htmlChart.screenshot({ path: artifactPath('quickstart-chart-html.png') });
    await vegaChart.screenshot({ path: artifactPath('quickstart-chart-vega5.png') });
  });
});

test('live-stream in JupyterLab: the chart changes in place while the stream runs', {
  timeout: 150_000,
  skip: LIVE ? false : 'notebooks/live-stream.ipynb does not exist',
}, async (t) => {
  const lab = startedLab();
  copyNotebook(lab.root, 'live-stream');
  await onPage('live-stream', async (page) => {
    // The notebook starts the demo producer itself, subscribes, shows ONE view refreshed every
    // second, waits 15 s in a later cell, then stops: screenshots are taken during that wait.
    await openNotebook(page, lab, 'live-stream.ipynb');
    await startRunAll(page, lab, 'live-stream.ipynb', (text) => t.diagnostic(text));
    const drawn = page.locator('.jp-OutputArea-output').filter({ has: page.locator('svg, canvas, img') });
    const { chart, first, second } = await screenshotTwice(page, drawn, 'live-stream');
    t.diagnostic(`live chart screenshots: ${first.length} and ${second.length} bytes; shown as ${await chart.getAttribute('data-mime-type')}`);
    assert.ok(!first.equals(second), 'the live chart changed between two screenshots 4 s apart');
    const prompts = await waitForRunAll(page, lab);
    for (const p of prompts) assert.match(p, /\[\d+\]/, `every code cell executed (prompts: ${prompts.join(' ')})`);
    assert.deepEqual(await errorOutputs(page), [], 'no error output');
    assert.equal(await drawn.count() >= 1, true);
  });
});

test('live-stream under Deno in JupyterLab: the view refreshes in place in one output', {
  timeout: 150_000,
  skip: LIVE ? false : 'notebooks/live-stream.ipynb does not exist',
}, async (t) => {
  const lab = startedLab();
  // The same notebook, named for Deno's kernel (a file of its own: the tslab copy's session may still be open).
  copyNotebook(lab.root, 'live-stream', (nb) => {
    (nb as { metadata?: Record<string, unknown> }).metadata = {
      ...((nb as { metadata?: Record<string, unknown> }).metadata ?? {}),
      kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' },
    };
  });
  renameSync(join(lab.root, 'live-stream.ipynb'), join(lab.root, 'live-stream-deno.ipynb'));
  // Deno resolves bare imports ('journal-lens', 'arquero') through node_modules only below a package.json.
  if (!existsSync(join(lab.root, 'package.json'))) writeFileSync(join(lab.root, 'package.json'), '{ "private": true }\n');
  await onPage('live-stream-deno', async (page) => {
    await openNotebook(page, lab, 'live-stream-deno.ipynb', 'Deno');
    await startRunAll(page, lab, 'live-stream-deno.ipynb', (text) => t.diagnostic(text));
    const viewCell = cellWith(page, 'stream.view(');
    const drawn = viewCell.locator('.jp-OutputArea-output').filter({ has: page.locator('svg, canvas, img') });
    const { first, second } = await screenshotTwice(page, drawn, 'live-stream-deno');
    const outputsWhileLive = await viewCell.locator('.jp-OutputArea-output').count();
    t.diagnostic(`Deno live chart screenshots: ${first.length} and ${second.length} bytes; ${outputsWhileLive} output(s) in the view cell`);
    assert.ok(!first.equals(second), 'the live chart changed between two screenshots 4 s apart');
    assert.equal(outputsWhileLive, 1, 'refreshed in place: the view cell holds one output');
    const prompts = await waitForRunAll(page, lab);
    for (const p of prompts) assert.match(p, /\[\d+\]/, `every code cell executed (prompts: ${prompts.join(' ')})`);
    assert.deepEqual(await errorOutputs(page), [], 'no error output');
    assert.equal(await viewCell.locator('.jp-OutputArea-output').count(), 1, 'still one output after the stream stopped');
    assert.match(await page.locator('.jp-NotebookPanel-toolbar').innerText(), /Deno/, 'the toolbar names the Deno kernel');
  });
});
