// Writes the benchmark's snapshot files from the benchmark journal (not measured): eventTable with
// `snapshot` writes the .arrow file (recording its source), saveTable the same table as .parquet.
//   node --import tsx bench/snapshot/prepare.ts '{cassandra config}' '{"arrow":"…","parquet":"…"}'
import fs from 'node:fs';
import { cassandraJournal, loadTable, saveTable } from '../../src/index.js';
import { configFromArgv } from '../cassandra/config.js';
import { printResult } from '../lib/child.js';

const config = configFromArgv();
const files = JSON.parse(process.argv[3] ?? '{}') as { arrow: string; parquet: string };
const journal = cassandraJournal({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
for (const f of [files.arrow, files.parquet]) fs.rmSync(f, { force: true });
const t0 = performance.now();
await journal.eventTable({ keyspace: config.keyspace, table: config.table, progress: false, snapshot: files.arrow });
const arrowMs = performance.now() - t0;
const table = await loadTable(files.arrow);
const t1 = performance.now();
await saveTable(table, files.parquet);
const parquetMs = performance.now() - t1;
printResult({
  rows: table.numRows(), arrowBytes: fs.statSync(files.arrow).size, parquetBytes: fs.statSync(files.parquet).size,
  loadAndWriteArrowMs: arrowMs, writeParquetMs: parquetMs,
});
await journal.close();
