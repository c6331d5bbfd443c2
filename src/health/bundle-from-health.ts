// A health result as one notebook output: the summary table of checks, then a section per
// check that found something, with its rows and, where it says more, a chart.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { htmlFromTable, textFromTable } from '../notebook/bundle-from-table.js';
import { vegaLite } from '../render/vega-lite.js';
import type { MimeBundle } from '../types.js';
import { escapeHtml } from '../util/escape-html.js';
import { CHECK_TEXT, type CheckName } from './check-descriptions.js';

/** What the report shows: a title, the summary, and the rows of each check. */
export interface HealthReportParts {
  title: string;
  summary: ColumnTable;
  sections: Array<{ check: CheckName; rows: ColumnTable; problems: number }>;
}

const MAX_CHART_BARS = 30;

/**
 * The report's bundle: text/html (tables, charts as inline SVG) and text/plain.
 *
 * @example
 * const bundle = await bundleFromHealth(parts);
 */
export async function bundleFromHealth(parts: HealthReportParts): Promise<MimeBundle> {
  const html = [`<h3>${escapeHtml(parts.title)}</h3>`, htmlFromTable(parts.summary.select('check', 'checked', 'rows', 'persistenceIds', 'problems', 'meaning'), { maxRows: 20, maxCellChars: 160 })];
  const text = [parts.title, textFromTable(parts.summary.select('check', 'checked', 'rows', 'persistenceIds', 'problems'), { maxRows: 20 })];
  for (const section of parts.sections) {
    if (section.rows.numRows() === 0) continue;
    html.push(`<h4>${escapeHtml(section.check)}: ${section.rows.numRows()} row${section.rows.numRows() === 1 ? '' : 's'}</h4>`,
      `<p>${escapeHtml(CHECK_TEXT[section.check].meaning)} <em>Fix:</em> ${escapeHtml(CHECK_TEXT[section.check].fix)}</p>`,
      htmlFromTable(section.rows, { maxRows: 20 }));
    text.push(`\n${section.check}:`, textFromTable(section.rows, { maxRows: 10 }));
    const chart = chartOf(section.check, section.rows);
    if (chart) html.push(await chart.toSVG());
  }
  return { 'text/html': html.join('\n'), 'text/plain': text.join('\n') };
}

function chartOf(check: CheckName, rows: ColumnTable) {
  const top = (field: string) => rows.orderby(aq.desc(field)).slice(0, MAX_CHART_BARS);
  switch (check) {
    case 'gaps':
      return vegaLite({ title: 'Missing sequence numbers per persistence id', mark: 'bar',
        encoding: { y: { field: 'persistenceId', type: 'nominal', sort: '-x' }, x: { aggregate: 'sum', field: 'missing', type: 'quantitative', title: 'missing' } } },
      top('missing').select('persistenceId', 'missing'));
    case 'forks':
      return vegaLite({ title: 'Events per writer of forked persistence ids', mark: 'bar',
        transform: [{ fold: ['firstWriterEvents', 'secondWriterEvents'], as: ['writer', 'events'] }],
        encoding: { y: { field: 'persistenceId', type: 'nominal' }, x: { field: 'events', type: 'quantitative' }, color: { field: 'writer', type: 'nominal' } } },
      rows.slice(0, MAX_CHART_BARS).select('persistenceId', 'firstWriterEvents', 'secondWriterEvents'));
    case 'tagWriteLag':
      return vegaLite({ title: 'Tagged events not yet in tag_views', mark: 'bar',
        encoding: { y: { field: 'persistenceId', type: 'nominal', sort: '-x' }, x: { field: 'pendingEvents', type: 'quantitative' }, color: { field: 'withinWindow', type: 'nominal' } } },
      top('pendingEvents').select('persistenceId', 'pendingEvents', 'withinWindow'));
    default:
      return undefined;
  }
}
