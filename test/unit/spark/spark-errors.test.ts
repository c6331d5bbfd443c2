import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionError, NotFoundError, SparkQueryError, SparkSetupError } from '../../../src/index.js';
import { errorFromGrpc } from '../../../src/spark/spark-errors.js';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const context = { remote: 'sc://127.0.0.1:15002', query: 'SELECT nope FROM events' };

test('unreachable: a retriable ConnectionError naming the server', () => {
  const e = errorFromGrpc(grpcError(14, 'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:15002') as never, context);
  assert.ok(e instanceof ConnectionError);
  assert.equal(e.retriable, true);
  assert.match(e.message, /sc:\/\/127\.0\.0\.1:15002 could not be reached/);
  assert.match(e.message, /scripts\/services start spark/);
});

test("Spark SQL errors keep Spark's message, the error class, line and position", () => {
  const details = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `nope` cannot be resolved. Did you mean one of the following? [`eventType`]. ; line 1 pos 7;\n'Project ['nope]";
  const e = errorFromGrpc(grpcError(13, details) as never, context);
  assert.ok(e instanceof SparkQueryError);
  const q = e as SparkQueryError;
  assert.equal(q.errorClass, 'UNRESOLVED_COLUMN.WITH_SUGGESTION');
  assert.equal(q.line, 1);
  assert.equal(q.position, 7);
  assert.equal(q.query, context.query);
  assert.equal(q.sparkMessage, details);
  assert.match(q.message, /at line 1, position 7/);
});

test('a Cassandra keyspace or table the connector cannot see is a NotFoundError', () => {
  const e = errorFromGrpc(grpcError(13, '[TABLE_OR_VIEW_NOT_FOUND] The table or view `cassandra`.`akka`.`mesages` cannot be found.') as never, context);
  assert.ok(e instanceof NotFoundError);
  assert.equal((e as NotFoundError).kind, 'table');
  assert.equal((e as NotFoundError).missing, 'akka.mesages');
});

test('a server without the connector is a SparkSetupError saying how to start one', () => {
  for (const details of [
    "Cannot find catalog plugin class for catalog 'cassandra': com.datastax.spark.connector.datasource.CassandraCatalog.",
    '[CATALOG_NOT_FOUND] The catalog `cassandra` not found.',
    'java.lang.ClassNotFoundException: com.datastax.spark.connector.datasource.CassandraCatalog',
  ]) {
    const e = errorFromGrpc(grpcError(13, details) as never, context);
    assert.ok(e instanceof SparkSetupError, details);
    assert.match(e.message, /spark-cassandra-connector_2\.12:3\.5\.1/);
  }
});

test('secrets in a server message are masked', () => {
  const e = errorFromGrpc(grpcError(13, 'bad option spark.cassandra.auth.password=hunter22 in session') as never, context);
  assert.doesNotMatch(e.message, /hunter22/);
});
