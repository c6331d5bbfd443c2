import cassandra from 'cassandra-driver';
import type { ConnectionOptions } from 'node:tls';
import { AuthenticationError, ConnectionError, OptionError } from '../errors.js';
import { redact, rememberSecret } from '../util/redact.js';
import { tlsProblemOf } from '../util/tls-problem.js';
import { setRetryPolicy } from './retry.js';

/** How to reach the cluster that holds the journal. */
export interface CassandraConnectionOptions {
  /** Hosts, `host` or `host:port`. Default `['127.0.0.1']`. */
  contactPoints?: string[];
  /** The driver's local data center. Default `'datacenter1'` (Cassandra's SimpleSnitch). */
  localDataCenter?: string;
  /** Native protocol port for contact points without one. Default 9042. */
  port?: number;
  /** PasswordAuthenticator credentials; the password never appears in output. */
  credentials?: { username: string; password: string };
  /**
   * `true` for TLS with Node's defaults, or Node TLS options (ca, cert, key, servername…). The
   * server's certificate is verified as Node does (the driver alone would not); pass
   * `rejectUnauthorized: false` to skip that, never in production.
   */
  tls?: boolean | ConnectionOptions;
  /** Ms to wait for a connection. Default 5000. */
  connectTimeoutMs?: number;
  /** Ms to wait for one page of a query. Default 30000. */
  readTimeoutMs?: number;
  /**
   * Read consistency. Default 'localOne': journal rows are written once and never updated, so any
   * replica that holds a row returns the same bytes, and a quorum read would only add digest
   * mismatches that Cassandra answers with blocking read-repair *writes* (a read-only tool must not
   * write). 'localQuorum' also sees rows written a moment ago that one replica has not yet received.
   */
  consistency?: 'one' | 'localOne' | 'quorum' | 'localQuorum' | 'all';
  /**
   * How long a failed query (a page of a load, a schema or metadata query) is tried again, with
   * backoff, before the call fails. Default 90: long enough for a node to restart.
   */
  retryBudgetSeconds?: number;
}

export const connectionDefaults = {
  contactPoints: ['127.0.0.1'],
  localDataCenter: 'datacenter1',
  port: 9042,
  connectTimeoutMs: 5000,
  readTimeoutMs: 30_000,
  consistency: 'localOne' as const,
  retryBudgetSeconds: 90,
};

/** A driver client for the options (not yet connected). */
export function createClient(options: CassandraConnectionOptions): cassandra.Client {
  const contactPoints = options.contactPoints ?? connectionDefaults.contactPoints;
  if (!Array.isArray(contactPoints) || contactPoints.length === 0 || contactPoints.some((c) => typeof c !== 'string' || c === '')) {
    throw new OptionError('contactPoints', `contactPoints must be a non-empty array of host names, got ${JSON.stringify(contactPoints)}.`,
      { hint: "E.g. cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' })." });
  }
  const credentials = options.credentials;
  if (credentials) rememberSecret(credentials.password);
  const consistency = options.consistency ?? connectionDefaults.consistency;
  // cassandra-driver sets rejectUnauthorized: false unless told otherwise: verify, as Node does.
  const tls = options.tls === true ? { rejectUnauthorized: true } : options.tls ? { rejectUnauthorized: true, ...options.tls } : undefined;
  const budgetSeconds = maybeBudgetSeconds(options.retryBudgetSeconds, connectionDefaults.retryBudgetSeconds);
  const client = new cassandra.Client({
    contactPoints,
    localDataCenter: options.localDataCenter ?? connectionDefaults.localDataCenter,
    protocolOptions: { port: options.port ?? connectionDefaults.port },
    socketOptions: {
      connectTimeout: options.connectTimeoutMs ?? connectionDefaults.connectTimeoutMs,
      readTimeout: options.readTimeoutMs ?? connectionDefaults.readTimeoutMs,
    },
    queryOptions: { consistency: cassandra.types.consistencies[consistency], prepare: true },
    // Blobs and uuids reference the network buffer instead of a copy each: every payload is decoded
    // and dropped at once (undecodable ones are copied when kept), so a million copies are pure waste.
    encoding: { copyBuffer: false },
    ...(credentials ? { authProvider: new cassandra.auth.PlainTextAuthProvider(credentials.username, credentials.password) } : {}),
    ...(tls ? { sslOptions: tls } : {}),
    // One control connection and one pooled connection per host are plenty for a notebook;
    // reconnection must not spin forever in the background when a host is gone.
    policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(2000) },
  });
  setRetryPolicy(client, { budgetMs: budgetSeconds * 1000 });
  return client;
}

/** A retry budget in seconds (≥ 0, finite), or the fallback when absent. */
export function maybeBudgetSeconds(value: unknown, fallback: number, option = 'retryBudgetSeconds'): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OptionError(option, `${option} must be a number of seconds ≥ 0, got ${JSON.stringify(value)}.`,
      { hint: `E.g. ${option}: 120 to wait out a node restart of up to two minutes; 0 fails at the first error.` });
  }
  return value;
}

/** Connects, turning the driver's errors into one clear paragraph naming the hosts tried. */
export async function connectClient(client: cassandra.Client, options: CassandraConnectionOptions): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    await client.shutdown().catch(() => undefined);
    throw errorFromConnect(error, options);
  }
}

export function endpointsOf(options: CassandraConnectionOptions): string[] {
  const port = options.port ?? connectionDefaults.port;
  return (options.contactPoints ?? connectionDefaults.contactPoints).map((c) => (c.includes(':') ? c : `${c}:${port}`));
}

/** Our error for a failed connect: AuthenticationError for refused credentials, else ConnectionError. */
export function errorFromConnect(error: unknown, options: CassandraConnectionOptions): Error {
  const endpoints = endpointsOf(options);
  const inner = innerErrors(error);
  const auth = inner.find((e) => e instanceof cassandra.errors.AuthenticationError || /authenticat|credentials|password/i.test(e.message));
  if (auth || error instanceof cassandra.errors.AuthenticationError) {
    const username = options.credentials?.username;
    return new AuthenticationError(endpoints,
      `Cassandra at ${endpoints.join(', ')} refused the credentials${username ? ` of user '${username}'` : ' (none were given)'}: ` +
      `${redact((auth ?? (error as Error)).message)}.`,
      { hint: username ? 'Check the username and password passed as credentials.' :
        'The cluster requires authentication: pass credentials: { username, password } to cassandraJournal().', cause: error });
  }
  const causes = describeInner(error);
  const tlsProblem = tlsProblemOf(error);
  if (tlsProblem !== undefined && (options.tls || tlsProblem.kind === 'certificate')) {
    const what = tlsProblem.kind === 'certificate'
      ? `the server's TLS certificate was not accepted (${tlsProblem.code ? `${tlsProblem.code}: ` : ''}${redact(tlsProblem.message)})`
      : `no TLS handshake was possible (${redact(tlsProblem.message)}): the port may not speak TLS`;
    return new ConnectionError(endpoints, `Could not connect to Cassandra at ${endpoints.join(', ')} over TLS: ${what}.`, {
      hint: tlsProblem.kind === 'certificate'
        ? "Pass the CA that signed the server's certificate: cassandraJournal({ tls: { ca: fs.readFileSync('ca.pem') } }), " +
          'plus `servername` when the contact points are not names in the certificate; `rejectUnauthorized: false` skips the check (not for production).'
        : 'Check the port of the TLS-enabled native transport (client_encryption_options), or drop `tls` for a plain port.',
      cause: error, retriable: false });
  }
  const dc = options.localDataCenter ?? connectionDefaults.localDataCenter;
  return new ConnectionError(endpoints,
    `Could not connect to Cassandra at ${endpoints.join(', ')} (local data center '${dc}'): ${causes}.`,
    { hint: 'Check that Cassandra is running and reachable on that host and port (scripts/services start runs a local one), ' +
      'or pass the right contactPoints, port and localDataCenter to cassandraJournal().', cause: error });
}

function innerErrors(error: unknown): Error[] {
  const inner = (error as { innerErrors?: Record<string, unknown> } | undefined)?.innerErrors;
  if (!inner || typeof inner !== 'object') return [];
  return Object.values(inner).filter((e): e is Error => e instanceof Error);
}

function describeInner(error: unknown): string {
  const inner = (error as { innerErrors?: Record<string, unknown> } | undefined)?.innerErrors;
  if (inner && typeof inner === 'object' && Object.keys(inner).length > 0) {
    return Object.entries(inner).map(([host, e]) => `${host}: ${redact(e instanceof Error ? e.message : String(e))}`).join('; ');
  }
  return redact(error instanceof Error ? error.message : String(error));
}
