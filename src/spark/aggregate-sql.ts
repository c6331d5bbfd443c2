// The aggregations chart helpers push to Spark (PushdownEventSource in types.ts), as SQL over the `events`
// view: counts per group and time bucket, and sequence-number gaps.
import { OptionError } from '../errors.js';
import type { EventCountQuery } from '../types.js';
import { quoteSpark } from './events-sql.js';

const COUNT_COLUMNS = new Set(['eventType', 'persistenceId', 'serId', 'writerUuid', 'partition']);

// Counts per group of the events view, with an optional time bucket (epoch ms of its start, UTC).
export function countSql(query: EventCountQuery): string {
  const keys = query.groupBy.map((c) => {
    if (!COUNT_COLUMNS.has(c)) throw new OptionError('by', `Spark-side charts group by ${[...COUNT_COLUMNS].join(', ')}; got '${c}'.`);
    return quoteSpark(c);
  });
  const select = [...keys];
  if (query.timeBinMs !== undefined) {
    const size = query.timeBinMs;
    const offset = query.timeBinOffsetMs ?? 0;
    select.push(`(floor((unix_millis(\`timestamp\`) - ${offset}) / ${size}) * ${size} + ${offset}) AS time`);
  }
  const groups = select.map((_, i) => String(i + 1));
  const where = query.timeBinMs !== undefined ? ' WHERE `timestamp` IS NOT NULL' : '';
  const aggregates = ['count(*) AS count', ...(query.sequenceRange ? ['min(sequenceNr) AS firstSequenceNr', 'max(sequenceNr) AS lastSequenceNr'] : [])];
  return `SELECT ${[...select, ...aggregates].join(', ')} FROM events${where}` +
    (groups.length > 0 ? ` GROUP BY ${groups.join(', ')}` : '');
}

// Holes in each persistence id's sequence numbers, as sequenceGapsFromTable finds them: a gap before the first
// number when it is above `startAt`, then between neighbours (duplicates are not gaps); the partition is the
// previous row's.
export function gapsSql(startAt: number | undefined): string {
  const first = startAt === undefined ? 'FALSE' : `(previous IS NULL AND sequenceNr > ${startAt})`;
  return `SELECT persistenceId, CASE WHEN previous IS NULL THEN NULL ELSE previousPartition END AS \`partition\`, ` +
    `coalesce(previous + 1, ${startAt ?? 0}) AS \`from\`, sequenceNr - 1 AS \`to\`, sequenceNr - coalesce(previous + 1, ${startAt ?? 0}) AS missing ` +
    `FROM (SELECT persistenceId, sequenceNr, lag(sequenceNr) OVER w AS previous, lag(\`partition\`) OVER w AS previousPartition ` +
    `FROM events WINDOW w AS (PARTITION BY persistenceId ORDER BY sequenceNr)) ` +
    `WHERE ${first} OR (previous IS NOT NULL AND sequenceNr > previous + 1) ORDER BY persistenceId, \`from\``;
}
