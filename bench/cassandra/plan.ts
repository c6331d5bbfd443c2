// Computes the scan plan once per benchmark: the columns the library selects for this table's
// layout and the token-range splits it cuts (same function, same ring, same split count), so the
// bare driver and the Python driver scan exactly what eventTable scans.
import { writeFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import { layoutFromColumns } from '../../src/cassandra/detect-layout.js';
import { qualifiedTable, quoteIdentifier } from '../../src/cassandra/quote.js';
import { tableColumns } from '../../src/cassandra/schema.js';
import { MURMUR3_MAX, MURMUR3_MIN, tokenSplits } from '../../src/cassandra/token-splits.js';
import { printResult } from '../lib/child.js';
import { configFromArgv, type ScanPlan } from './config.js';

const config = configFromArgv();
const client = new cassandra.Client({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
await client.connect();
try {
  const layout = layoutFromColumns(config.keyspace, config.table, await tableColumns(client, config.keyspace, config.table));
  // as from-cassandra.ts ringTokens(): the driver's ring, Murmur3 only
  const ring: bigint[] = [];
  for (const t of (client.metadata as unknown as { ringTokensAsStrings?: string[] }).ringTokensAsStrings ?? []) {
    try {
      const token = BigInt(t);
      if (token > MURMUR3_MIN && token < MURMUR3_MAX) ring.push(token);
    } catch {
      // as the library: a token it cannot read (driver 4.10 stringifies a zero Murmur3 token as '0,0,0,0') is skipped
    }
  }
  const splits = tokenSplits(ring, config.splits);
  const key = `token(${quoteIdentifier(layout.persistenceIdColumn)}, partition_nr)`;
  const plan: ScanPlan = {
    query: `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(config.keyspace, config.table)} WHERE ${key} > ? AND ${key} <= ?`,
    columns: layout.columns,
    splits: splits.map((s) => [s.start.toString(), s.end.toString()]),
    ringRanges: ring.length + 1,
  };
  writeFileSync(config.planFile, JSON.stringify(plan));
  printResult({ splits: plan.splits.length, ringRanges: plan.ringRanges, columns: plan.columns });
} finally {
  await client.shutdown();
}
