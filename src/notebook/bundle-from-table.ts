// Arquero table → a readable display: an HTML table (column names with types, the first rows,
// "… N more rows", numbers right-aligned, Dates ISO, objects as compact JSON) plus text/plain.
import type { MimeBundle, TableLike } from '../types.js';
import { escapeHtml } from '../util/escape-html.js';
import { jsonPreview } from './json-preview.js';

/** Options of `bundleFromTable`. */
export interface TableDisplayOptions {
  /** Rows shown. Default 20. */
  maxRows?: number;
  /** Longest cell text before it is cut with '…'. Default 80 (HTML), 24 in text/plain. */
  maxCellChars?: number;
}

export const defaults = {
  maxRows: 20,
  maxCellChars: 80,
  maxTextCellChars: 24,
  /** Rows scanned to guess the type of a column whose shown rows are all null. */
  typeScanRows: 1000,
} as const;

type Column = { length: number; at(row: number): unknown };

/**
 * The display bundle of a table: `text/html` and `text/plain`.
 *
 * @example
 * writeDisplayData(bundleFromTable(events, { maxRows: 10 }));
 */
export function bundleFromTable(table: TableLike, options: TableDisplayOptions = {}): MimeBundle {
  return { 'text/html': htmlFromTable(table, options), 'text/plain': textFromTable(table, options) };
}

/**
 * An HTML table of the first `maxRows` rows, each header with its column type.
 *
 * @example
 * htmlFromTable(aq.table({ a: [1, 2] })); // '<div …><table>…'
 */
export function htmlFromTable(table: TableLike, options: TableDisplayOptions = {}): string {
  const { names, columns, index, shown, total } = prepare(table, options);
  const maxChars = options.maxCellChars ?? defaults.maxCellChars;
  const types = columns.map((c) => columnType(c, index, shown));
  const head = names.map((name, j) =>
    `<th style="text-align:${isNumeric(types[j]) ? 'right' : 'left'}">${escapeHtml(name)}<br>`
    + `<span style="font-weight:normal;color:#888">${types[j]}</span></th>`).join('');
  const body: string[] = [];
  for (let i = 0; i < shown; ++i) {
    const row = index ? index[i] : i;
    let cells = '';
    for (let j = 0; j < columns.length; ++j) {
      const value = columns[j].at(row);
      const align = typeof value === 'number' || typeof value === 'bigint' ? 'right' : 'left';
      cells += value === null || value === undefined
        ? `<td style="text-align:${align};color:#aaa">null</td>`
        : `<td style="text-align:${align}">${escapeHtml(cellText(value, maxChars))}</td>`;
    }
    body.push(`<tr>${cells}</tr>`);
  }
  const more = total - shown;
  const footer = `<div style="color:#666;font-size:90%">${more > 0 ? `… ${fmt(more)} more rows. ` : ''}`
    + `${fmt(total)} ${total === 1 ? 'row' : 'rows'} × ${fmt(names.length)} ${names.length === 1 ? 'column' : 'columns'}</div>`;
  return `<div class="journal-lens-table" style="overflow-x:auto">`
    + `<table style="font-family:monospace;font-size:12px;border-collapse:collapse">`
    + `<thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>${footer}</div>`;
}

/**
 * A plain-text table of the first `maxRows` rows, padded columns, cells cut at 24 characters.
 *
 * @example
 * console.log(textFromTable(events));
 */
export function textFromTable(table: TableLike, options: TableDisplayOptions = {}): string {
  const { names, columns, index, shown, total } = prepare(table, options);
  const maxChars = Math.min(options.maxCellChars ?? defaults.maxTextCellChars, defaults.maxTextCellChars);
  const grid: string[][] = [names.map((n) => cut(n, maxChars))];
  for (let i = 0; i < shown; ++i) {
    const row = index ? index[i] : i;
    grid.push(columns.map((c) => {
      const v = c.at(row);
      return v === null || v === undefined ? 'null' : cellText(v, maxChars);
    }));
  }
  const widths = names.map((_, j) => Math.max(...grid.map((r) => r[j].length)));
  const lines = grid.map((r) => r.map((cell, j) => cell.padEnd(widths[j])).join('  ').trimEnd());
  const more = total - shown;
  lines.push(`${more > 0 ? `… ${fmt(more)} more rows. ` : ''}${fmt(total)} rows × ${fmt(names.length)} columns`);
  return lines.join('\n');
}

function prepare(table: TableLike, options: TableDisplayOptions) {
  const names = table.columnNames();
  const columns = names.map((n) => table.column(n) as Column);
  const total = table.numRows();
  const shown = Math.min(total, Math.max(0, options.maxRows ?? defaults.maxRows));
  const index = table.isFiltered() || table.isOrdered() ? table.indices(true) : undefined;
  return { names, columns, index, shown, total };
}

/**
 * The type name shown under a column header: the typed array's element type, else the type of
 * the first non-null value (Date → 'date', bytes → 'bytes', arrays → 'array').
 *
 * @example
 * columnType(Float64Array.from([1]), undefined, 1); // 'float64'
 */
export function columnType(column: Column, index: Uint32Array | undefined, shown: number): string {
  const typed = typedArrayType(column);
  if (typed) return typed;
  const scan = Math.max(shown, Math.min(column.length, defaults.typeScanRows));
  for (let i = 0; i < scan && i < column.length; ++i) {
    const v = column.at(index && i < index.length ? index[i] : i);
    if (v === null || v === undefined) continue;
    if (v instanceof Date) return 'date';
    if (ArrayBuffer.isView(v)) return 'bytes';
    if (Array.isArray(v)) return 'array';
    return typeof v;
  }
  return 'null';
}

function typedArrayType(column: Column): string | undefined {
  if (!ArrayBuffer.isView(column)) return undefined;
  const name = column.constructor.name; // Float64Array → float64, BigInt64Array → bigint64
  return name.replace(/Array$/, '').replace(/^BigInt/, 'bigint').replace(/^BigUint/, 'biguint').toLowerCase();
}

function isNumeric(type: string): boolean {
  return type === 'number' || type === 'bigint' || /^(u?int|float|bigu?int)\d+/.test(type);
}

/**
 * A cell's text: Dates ISO, numbers and bigints as written, bytes as a hex preview, objects as
 * compact JSON; cut at `maxChars` with '…'.
 *
 * @example
 * cellText({ a: 1 }, 80); // '{"a":1}'
 */
export function cellText(value: unknown, maxChars: number): string {
  let s: string;
  if (value instanceof Date) s = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else if (typeof value === 'string') s = value;
  else if (ArrayBuffer.isView(value)) s = bytesText(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (typeof value === 'object' && value !== null) s = jsonPreview(value, maxChars + 1);
  else s = String(value);
  return cut(s, maxChars);
}

function bytesText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('hex');
  return `${bytes.length} bytes ${head}${bytes.length > 16 ? '…' : ''}`;
}

/**
 * `s` on one line (each whitespace run holding a newline becomes one space), cut at `maxChars`
 * with '…'. One pass that stops once the cell is full: a regex over the whole text first cost
 * seconds on a cell of 40k spaces (its backtracking is quadratic) and minutes on a megabyte.
 */
function cut(s: string, maxChars: number): string {
  let out = '';
  const n = s.length;
  let i = 0;
  while (i < n && out.length <= maxChars) {
    if (!isSpace(s.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && j - i <= maxChars && !isSpace(s.charCodeAt(j))) j++;
      out += s.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    let newline = false;
    for (; j < n && isSpace(s.charCodeAt(j)); j++) if (s.charCodeAt(j) === 0x0a) newline = true;
    out += newline ? ' ' : s.slice(i, Math.min(j, i + maxChars + 1));
    i = j;
  }
  if (i < n || out.length > maxChars) return `${out.slice(0, Math.max(0, maxChars - 1))}…`;
  return out;
}

/** What the regex class \s matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

