// kafkajs errors → our error classes, with the brokers named and any secret blanked out.
import { AuthenticationError, ConnectionError, JournalLensError, StreamError } from '../errors.js';
import { redact } from '../util/redact.js';
import { tlsProblemOf } from '../util/tls-problem.js';

function chain(error: unknown): Error[] {
  const out: Error[] = [];
  let e: unknown = error;
  while (e instanceof Error && out.length < 8) {
    out.push(e);
    e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return out;
}

/**
 * Maps an error thrown while connecting or talking to Kafka to ConnectionError (unreachable,
 * retriable), AuthenticationError (SASL refused) or StreamError, naming `brokers` and `action`.
 * Our own errors pass through unchanged.
 *
 * @example
 * try { await admin.connect(); } catch (e) { throw errorFromKafkajs(e, brokers, 'connecting', 3000); }
 */
export function errorFromKafkajs(error: unknown, brokers: string[], action: string, timeoutMs?: number): JournalLensError {
  if (error instanceof JournalLensError) return error;
  const errors = chain(error);
  const names = errors.map((e) => e.name);
  const reason = redact(errors.at(-1)?.message ?? String(error));
  const where = brokers.join(', ');
  if (names.some((n) => n === 'KafkaJSSASLAuthenticationError')) {
    return new AuthenticationError(brokers, `Kafka at ${where} refused the SASL credentials while ${action}: ${reason}.`, {
      cause: error,
      hint: 'Check `sasl.username`, `sasl.password` and `sasl.mechanism` (plain, scram-sha-256 or scram-sha-512) against the listener the brokers expose.',
    });
  }
  const tlsProblem = tlsProblemOf(error);
  if (tlsProblem !== undefined) {
    const certificate = tlsProblem.kind === 'certificate';
    return new ConnectionError(brokers, `Could not connect to Kafka at ${where} over TLS while ${action}: ` +
      (certificate ? `the broker's TLS certificate was not accepted (${tlsProblem.code ? `${tlsProblem.code}: ` : ''}${redact(tlsProblem.message)}).`
        : `no TLS handshake was possible (${redact(tlsProblem.message)}): that listener may not speak TLS.`), {
      cause: error, retriable: false,
      hint: certificate
        ? "Pass the CA that signed the broker's certificate: kafkaJournal({ brokers, ssl: { ca: [fs.readFileSync('ca.pem')] } }), plus `servername` when " +
          'the broker address is not a name in its certificate; `rejectUnauthorized: false` skips the check (not for production).'
        : 'Use the host:port of the TLS (SSL or SASL_SSL) listener with `ssl`, or drop `ssl` for a PLAINTEXT listener.',
    });
  }
  if (names.some((n) => /Connection|NumberOfRetriesExceeded|BrokerNotFound|RequestTimeout/.test(n))) {
    const budget = timeoutMs === undefined ? '' : ` (connection timeout ${timeoutMs} ms, tried twice)`;
    return new ConnectionError(brokers, `Could not reach Kafka at ${where} while ${action}${budget}: ${reason}.`, {
      cause: error,
      hint: 'Check that the brokers run and that `brokers` lists the host:port of a listener this machine can reach; for a TLS listener pass `ssl: true`, for a SASL one `sasl: {...}`.',
    });
  }
  return new StreamError(`Kafka request failed while ${action} (brokers ${where}): ${reason}.`, { cause: error });
}
