// LoadProgress → text and HTML. Pure functions, so the formatting is tested without a terminal
// or a notebook.
import type { LoadProgress } from '../types.js';
import { escapeHtml } from '../util/escape-html.js';

/**
 * One line: rows, rate, ranges done / total (%), ETA, undecodable count, elapsed time.
 *
 * @example
 * progressText({ rows: 45210, rate: 3012, rangesDone: 12, rangesTotal: 64, etaMs: 41000, elapsedMs: 15000, done: false, undecodable: 3 }, 'cassandra');
 * // 'cassandra: 45,210 rows · 3,012 rows/s · ranges 12/64 (19%) · ETA 0:41 · 3 undecodable · 15.0 s'
 */
export function progressText(p: LoadProgress, label: string): string {
  if (p.failed !== undefined) return failedText(p, label);
  const parts = [`${label}: ${p.done ? 'done, ' : ''}${count(p.rows)} ${p.rows === 1 ? 'row' : 'rows'}`, `${count(Math.round(p.rate))} rows/s`];
  if (p.rangesTotal > 0) parts.push(`ranges ${count(p.rangesDone)}/${count(p.rangesTotal)} (${percent(p)}%)`);
  if (!p.done && p.etaMs !== undefined) parts.push(`ETA ${duration(p.etaMs)}`);
  if (p.undecodable > 0) parts.push(`${count(p.undecodable)} undecodable`);
  parts.push(seconds(p.elapsedMs));
  return parts.join(' · ');
}

// A failed load: how far it got and why; no rate or ETA (they no longer mean anything).
function failedText(p: LoadProgress, label: string): string {
  const parts = [`${label}: failed after ${count(p.rows)} ${p.rows === 1 ? 'row' : 'rows'}`];
  if (p.rangesTotal > 0) parts.push(`ranges ${count(p.rangesDone)}/${count(p.rangesTotal)} (${percent(p)}%)`);
  if (p.undecodable > 0) parts.push(`${count(p.undecodable)} undecodable`);
  parts.push(seconds(p.elapsedMs), p.failed!.replace(/\s+/g, ' ').trim());
  return parts.join(' · ');
}

/**
 * `[#######-------------] ` followed by `progressText`, for a terminal line of about `width` bar cells.
 *
 * @example
 * progressBarText(p, 'kafka', 20);
 */
export function progressBarText(p: LoadProgress, label: string, width = 20): string {
  if (p.rangesTotal <= 0) return progressText(p, label);
  const filled = Math.round((fraction(p) * width));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progressText(p, label)}`;
}

/**
 * A notebook progress bar: label, a bar filled to rangesDone / rangesTotal (none when the total
 * is unknown), and the same facts as `progressText`.
 *
 * @example
 * writeDisplayData({ 'text/html': progressHtml(p, 'cassandra'), 'text/plain': progressText(p, 'cassandra') });
 */
export function progressHtml(p: LoadProgress, label: string): string {
  const color = p.failed !== undefined ? '#e53935' : p.done ? (p.undecodable > 0 ? '#e6a23c' : '#4caf50') : '#2196f3';
  const bar = p.rangesTotal > 0
    ? `<div style="width:320px;height:10px;background:#e0e0e0;border-radius:3px;overflow:hidden;margin:3px 0">`
      + `<div style="width:${(fraction(p) * 100).toFixed(1)}%;height:100%;background:${color}"></div></div>`
    : '';
  const text = progressText(p, label).slice(label.length + 2);
  return `<div class="journal-lens-progress" style="font-family:sans-serif;font-size:12px">`
    + `<b>${escapeHtml(label)}</b>${bar}<span>${escapeHtml(text)}</span></div>`;
}

function fraction(p: LoadProgress): number {
  if (p.done && p.failed === undefined) return 1;
  return p.rangesTotal > 0 ? Math.min(1, Math.max(0, p.rangesDone / p.rangesTotal)) : 0;
}

function percent(p: LoadProgress): number {
  return Math.floor(fraction(p) * 100);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Milliseconds as m:ss, or h:mm:ss from an hour up.
 *
 * @example
 * duration(3_723_000); // '1:02:03'
 */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : duration(ms);
}

