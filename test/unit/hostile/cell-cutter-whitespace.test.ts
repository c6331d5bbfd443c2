// Fault: the cell cutter of show(table) ran a whitespace regex over the whole cell before cutting
// it (its backtracking is quadratic): one cell of 40k spaces took ~4 s, 1 MB minutes. It now cuts
// in one pass that stops when the cell is full.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as aq from 'arquero';
import { bundleFromTable, cellText } from '../../../src/notebook/bundle-from-table.js';

test('cell cutter whitespace: a cell of a megabyte of spaces is cut at once', { timeout: 20_000 }, () => {
  const spaces = ' '.repeat(1_000_000);
  assert.equal(cellText(`${spaces}x`, 80), `${' '.repeat(79)}…`);
  assert.equal(cellText(`${spaces}\n${spaces}x`, 80), ' x');
  const bundle = bundleFromTable(aq.table({ note: [`${spaces}\t${spaces}`, 'ok'] }));
  assert.match(String(bundle['text/html']), /<td style="text-align:left"> {79}…<\/td>/);
});

test('cell cutter whitespace: same text as before on ordinary cells (runs with a newline become one space)', () => {
  const old = (s: string, max: number) => {
    const line = s.replace(/\s*\n\s*/g, ' ');
    return line.length > max ? `${line.slice(0, Math.max(0, max - 1))}…` : line;
  };
  const cells = ['a\n b', '  x  \n\n  y  ', 'abc', 'a'.repeat(100), 'a \t b', '\n', 'x\u00a0\ny', '\r\n\r\nz', 'tab\there', ' '.repeat(90)];
  for (const s of cells) for (const max of [1, 3, 10, 80]) assert.equal(cellText(s, max), old(s, max), JSON.stringify({ s, max }));
});
