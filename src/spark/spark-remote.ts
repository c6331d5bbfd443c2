// Spark Connect URLs, as Spark's connector/connect/docs/client-connection-string.md defines them:
//   sc://host[:port][/;param=value;param=value...]
// Port default 15002. Params: token (a bearer token; implies use_ssl=true), use_ssl, user_id, user_agent,
// session_id (a UUID); any other param is sent as a gRPC header with every call.
import { OptionError } from '../errors.js';

export const SPARK_CONNECT_DEFAULT_PORT = 15002;

/** A parsed Spark Connect URL. `token` never appears in messages. */
export interface SparkRemote {
  host: string;
  port: number;
  useSsl: boolean;
  token: string | undefined;
  userId: string;
  userAgent: string;
  sessionId: string | undefined;
  /** Other params, sent as gRPC headers. */
  headers: Record<string, string>;
  /** The URL without its token, for messages. */
  display: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Parses a Spark Connect URL, or throws an OptionError naming what is wrong.
 *
 * @example
 * maybeSparkRemote('sc://spark.example.com:443/;token=abc').useSsl // true
 */
export function maybeSparkRemote(url: unknown): SparkRemote {
  const fail = (why: string): never => {
    throw new OptionError('remote', `remote must be a Spark Connect URL such as 'sc://127.0.0.1:15002' ` +
      `(or 'sc://host:443/;token=…' for a secured server), got ${typeof url === 'string' ? `'${url.replace(/token=[^;]*/gi, 'token=***')}'` : String(url)}: ${why}. ` +
      `Pass sparkJournal({ remote: 'sc://host:port' }).`);
  };
  if (typeof url !== 'string') return fail('not a string');
  const match = /^sc:\/\/(\[[^\]]+\]|[^:/;]+)(?::(\d+))?(?:\/(.*))?$/.exec(url.trim());
  if (!match) return fail("it does not start with 'sc://host'");
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const port = match[2] === undefined ? SPARK_CONNECT_DEFAULT_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`port ${match[2]} is not a TCP port`);
  const params: Record<string, string> = {};
  const rest = match[3] ?? '';
  if (rest !== '' && !rest.startsWith(';')) fail(`the path must be empty; parameters follow '/;'`);
  for (const part of rest.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`parameter '${part.startsWith('token') ? 'token' : part}' has no '=value'`);
    params[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  const { token, use_ssl: useSslParam, user_id: userId, user_agent: userAgent, session_id: sessionId, ...headers } = params;
  if (useSslParam !== undefined && useSslParam !== 'true' && useSslParam !== 'false') fail(`use_ssl must be true or false, got '${useSslParam}'`);
  if (sessionId !== undefined && !UUID.test(sessionId)) fail(`session_id must be a UUID, got '${sessionId}'`);
  const useSsl = useSslParam === 'true' || (token !== undefined && useSslParam !== 'false');
  return {
    host, port, useSsl, token,
    userId: userId ?? 'journal-lens',
    userAgent: userAgent ?? 'journal-lens',
    sessionId,
    headers,
    display: `sc://${match[1]}:${port}${useSsl ? ' (TLS)' : ''}`,
  };
}
