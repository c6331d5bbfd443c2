// Errors of the Spark path: gRPC failures become one paragraph each, with Spark's own message kept.
import type { ServiceError } from '@grpc/grpc-js';
import { AuthenticationError, ConnectionError, JournalLensError, NotFoundError, type JournalLensErrorOptions } from '../errors.js';
import { redact } from '../util/redact.js';

/**
 * Spark refused or failed a query. `sparkMessage` is Spark's own text, `errorClass` its error class
 * (e.g. 'TABLE_OR_VIEW_NOT_FOUND'), `line`/`position` where in `query` it points, when it says.
 */
export class SparkQueryError extends JournalLensError {
  constructor(
    readonly query: string,
    readonly sparkMessage: string,
    readonly errorClass: string | undefined,
    readonly line: number | undefined,
    readonly position: number | undefined,
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}

/** The Spark Connect server lacks something the journal needs (the Cassandra connector, a setting). */
export class SparkSetupError extends JournalLensError {
  constructor(readonly remote: string, message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_CANCELLED = 1;
const GRPC_UNAUTHENTICATED = 16;

/** What a failed call was doing, for the message. */
export interface CallContext {
  remote: string;
  query?: string;
}

/**
 * The library error for a failed gRPC call.
 *
 * @example
 * stream.on('error', (e) => reject(errorFromGrpc(e, { remote: 'sc://127.0.0.1:15002', query })));
 */
export function errorFromGrpc(error: ServiceError | Error, context: CallContext): JournalLensError {
  const code = (error as ServiceError).code;
  const details = redact(String((error as ServiceError).details ?? error.message ?? error));
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) {
    return new ConnectionError([context.remote], `The Spark Connect server at ${context.remote} could not be reached ` +
      `(${details.split('\n')[0]}).`, {
      cause: error,
      hint: `Check that a Spark Connect server listens there (locally: scripts/services start spark; on a cluster: ` +
        `sbin/start-connect-server.sh --packages org.apache.spark:spark-connect_2.12:3.5.7,com.datastax.spark:spark-cassandra-connector_2.12:3.5.1) ` +
        `and that sparkJournal({ remote }) names its host and port.`,
    });
  }
  if (code === GRPC_UNAUTHENTICATED) {
    return new ConnectionError([context.remote], `The Spark Connect server at ${context.remote} refused the call as ` +
      `unauthenticated.`, { cause: error, retriable: false, hint: 'Pass the token the server expects in the URL: sc://host:port/;token=….' });
  }
  if (code === GRPC_CANCELLED) {
    return new JournalLensError(`The Spark operation was cancelled${context.query ? ` (query: ${clip(context.query)})` : ''}.`, { cause: error });
  }
  return queryError(details, context, error);
}

function queryError(details: string, context: CallContext, cause: unknown): JournalLensError {
  const first = details.split('\n')[0]!.trim();
  const errorClass = /^\[([A-Z0-9_.]+)\]/.exec(first)?.[1];
  const at = /line (\d+),? pos(?:ition)? (\d+)/.exec(details);
  const query = context.query ?? '';
  const missingCatalog = /Cannot find catalog plugin class|CATALOG_NOT_FOUND|(ClassNotFound|NoClassDefFound)\w*:? *com[./]datastax/i.test(details);
  if (missingCatalog) {
    return new SparkSetupError(context.remote, `The Spark Connect server at ${context.remote} has no Spark Cassandra ` +
      `Connector: Spark answered '${clip(first)}'.`, {
      cause,
      hint: `Start it with --packages com.datastax.spark:spark-cassandra-connector_2.12:3.5.1 and ` +
        `--conf spark.sql.catalog.cassandra=com.datastax.spark.connector.datasource.CassandraCatalog (scripts/services start spark does).`,
    });
  }
  const cassandraAt = /Failed to open native connection to Cassandra at \{?([^}:]+:\d+)/.exec(details);
  if (cassandraAt) {
    const endpoint = cassandraAt[1]!;
    if (/AuthenticationException/.test(details)) {
      return new AuthenticationError([endpoint], `Cassandra at ${endpoint} refused the credentials that the Spark Connect ` +
        `server's connector (${context.remote}) used.`, {
        cause, hint: 'Check sparkJournal({ cassandra: { credentials: { username, password } } }) (the password is never shown).',
      });
    }
    return new ConnectionError([endpoint], `The Spark Connect server (${context.remote}) could not connect its Cassandra connector ` +
      `to ${endpoint}: ${clip(first, 300)}`, {
      cause, hint: 'Check sparkJournal({ cassandra: { host, port, localDataCenter } }): the address is resolved on the Spark side, not in this notebook.',
    });
  }
  const notFound = /\[(TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|NoSuchTableException|NoSuchNamespaceException)\]|Table or view not found|Keyspace .* not found|Couldn't find .* or any similarly named keyspace and table/i.exec(details);
  if (notFound && /`?cassandra`?\./i.test(details)) {
    const name = /`?cassandra`?\.`?([\w]+)`?\.`?([\w]+)`?/i.exec(details) ?? /`?cassandra`?\.`?([\w]+)`?/i.exec(details);
    const kind = /SCHEMA_NOT_FOUND|Namespace|Keyspace/i.test(notFound[0]) ? 'keyspace' : 'table';
    const missing = name ? name.slice(1).filter(Boolean).join('.') : '?';
    return new NotFoundError(kind, missing, [], `The Cassandra ${kind} ${missing} is not visible to Spark's Cassandra ` +
      `connector at ${context.remote} (Spark: '${clip(first)}').`, {
      cause,
      hint: `Check the keyspace and table names (spark.sql('SHOW NAMESPACES IN cassandra') and ` +
        `spark.sql('SHOW TABLES IN cassandra.<keyspace>') list what it sees), and that the server's connector points at the right ` +
        `cluster (sparkJournal({ cassandra: { host, port } })).`,
    });
  }
  const where = at ? ` at line ${at[1]}, position ${at[2]}` : '';
  return new SparkQueryError(query, details, errorClass, at ? Number(at[1]) : undefined, at ? Number(at[2]) : undefined,
    `Spark could not run the query${where}: ${clip(first, 400)}${query ? ` Query: ${clip(query, 400)}` : ''}`, {
      cause,
      hint: errorClass === 'TABLE_OR_VIEW_NOT_FOUND'
        ? 'Journal handles name their journal `events`; Cassandra tables are cassandra.<keyspace>.<table>.'
        : 'Fix the query; sparkMessage holds Spark\'s whole answer.',
    });
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
