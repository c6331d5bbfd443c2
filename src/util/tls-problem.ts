// A TLS failure hidden somewhere in a driver's error chain (cassandra-driver's innerErrors per
// host, kafkajs's originalError/cause), told apart from other connection failures so that the
// error can say what to pass instead of "could not connect".

/** What went wrong with TLS: `certificate` = the server's certificate was not trusted or did not match; `handshake` = no TLS there. */
export interface TlsProblem {
  kind: 'certificate' | 'handshake';
  /** Node's error code, e.g. SELF_SIGNED_CERT_IN_CHAIN, or '' when only the message told. */
  code: string;
  message: string;
}

// Node's (OpenSSL's) certificate verification codes.
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'INVALID_CA',
]);
const CERTIFICATE_TEXT = /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate has expired|Hostname\/IP does not match certificate/i;
const HANDSHAKE_TEXT = /before secure TLS connection was established|wrong version number|packet length too long|ssl3_get_record|EPROTO/i;

function* chainOf(error: unknown, depth = 0): Generator<Error> {
  if (!(error instanceof Error) || depth > 6) return;
  yield error;
  const e = error as { cause?: unknown; originalError?: unknown; innerErrors?: unknown };
  if (e.cause !== undefined) yield* chainOf(e.cause, depth + 1);
  if (e.originalError !== undefined) yield* chainOf(e.originalError, depth + 1);
  if (e.innerErrors !== null && typeof e.innerErrors === 'object') {
    for (const inner of Object.values(e.innerErrors as Record<string, unknown>)) yield* chainOf(inner, depth + 1);
  }
}

/**
 * The TLS problem in `error`'s chain, if any.
 *
 * @example
 * const problem = tlsProblemOf(error);
 * if (problem?.kind === 'certificate') hint = 'pass the CA that signed the server certificate as tls.ca';
 */
export function tlsProblemOf(error: unknown): TlsProblem | undefined {
  // Deepest first: wrappers (NoHostAvailableError) repeat the inner error's text with its stack.
  for (const e of [...chainOf(error)].reverse()) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (CERTIFICATE_CODES.has(code) || CERTIFICATE_TEXT.test(e.message)) return { kind: 'certificate', code, message: e.message };
    if (HANDSHAKE_TEXT.test(e.message) || code === 'EPROTO') return { kind: 'handshake', code, message: e.message };
  }
  return undefined;
}
