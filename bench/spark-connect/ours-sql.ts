// The client's own cost, on the same Spark Connect server as pyspark's client: an aggregation over the
// `events` view (the work is Spark's; the client sends SQL and reads a few rows), and fetching 100k rows
// into an Arquero table (the work is the client's: Arrow → table). Warm: each query once before timing.
// Also prints the view's SQL, so that pyspark's client defines the very same view.
//   node --import tsx bench/spark-connect/ours-sql.ts '{"keyspace":"bench","remote":"sc://…","repeats":3}'
import { SERIALIZER_ID, serializerName, sparkJournal } from '../../src/index.js';
import { createSparkConnectClient } from '../../src/spark/spark-connect-client.js';
import { describeJournal } from '../../src/spark/describe-journal.js';
import { eventsViewSql } from '../../src/spark/events-sql.js';
import { maybeSparkRemote } from '../../src/spark/spark-remote.js';
import { printResult } from '../lib/child.js';
import { AGGREGATE_SQL, fetchSql } from './queries.js';

const config = JSON.parse(process.argv[2] ?? '{}') as { keyspace: string; remote: string; repeats: number; fetchRows: number };
const probe = createSparkConnectClient(maybeSparkRemote(config.remote));
// The same serializer names as sparkJournal's view (from-spark.ts), so both clients run the same SQL.
const names = new Map([0, ...Object.values(SERIALIZER_ID), 15442, 1000001].map((id) => [id, serializerName(id)] as [number, string]));
const viewSql = eventsViewSql(await describeJournal(probe, 'cassandra', config.keyspace, 'messages', names), {});
await probe.close();

const spark = sparkJournal({ remote: config.remote });
const ev = spark.events({ keyspace: config.keyspace });
const timed = async (run: () => Promise<{ numRows(): number }>): Promise<{ ms: number[]; rows: number }> => {
  let rows = (await run()).numRows(); // warm
  const ms: number[] = [];
  for (let i = 0; i < config.repeats; i++) {
    const t0 = performance.now();
    rows = (await run()).numRows();
    ms.push(performance.now() - t0);
  }
  return { ms, rows };
};
const aggregate = await timed(() => ev.sql(AGGREGATE_SQL));
const fetch = await timed(() => spark.sql(fetchSql(config.keyspace, config.fetchRows)));
await spark.close();
printResult({ aggregate, fetch, viewSql });
