// The kafkajs client configuration of a stream, from the user's connection options.
// kafkajs logs JSON lines to the console by default; a notebook must not fill with them, so its
// log goes to a sink that the stream turns into its status line (and nothing is printed).
import type tls from 'node:tls';
import kafkajs, { type KafkaConfig, type logCreator } from 'kafkajs';
import { OptionError } from '../errors.js';
import { rememberSecret } from '../util/redact.js';

const { logLevel } = kafkajs;

/** SASL credentials passed through to kafkajs. */
export interface SaslOptions {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/** How to reach the brokers. */
export interface KafkaConnectionOptions {
  /** 'host:port', a comma-separated list of them, or an array. */
  brokers: string | string[];
  /** Default 'journal-lens'. */
  clientId?: string;
  /** TLS: true, or node tls options (ca, cert, key, servername, ...). Default off. */
  ssl?: boolean | tls.ConnectionOptions;
  sasl?: SaslOptions;
  /** TCP connect timeout per broker, default 3000 ms; the first connection is tried twice. */
  connectionTimeoutMs?: number;
  /** Extra kafkajs client settings, applied last (e.g. `requestTimeout`, `socketFactory`). */
  kafkajs?: Partial<KafkaConfig>;
}

export const defaults = {
  clientId: 'journal-lens',
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 30_000,
  /** Retries of admin requests and of the first connection: few, so that a wrong address fails in seconds. */
  retry: { retries: 1, initialRetryTime: 300, maxRetryTime: 1000 },
};

/** Receives kafkajs log entries at WARN and above. */
export type KafkaLogSink = (level: 'error' | 'warn', message: string) => void;

/** Drops every kafkajs log entry; a stream replaces it by one feeding its status line. */
const silent: logCreator = () => () => {};

/**
 * Validates the connection options and returns the broker list and the kafkajs config.
 * Remembers the SASL password so that `redact` blanks it out of any message. kafkajs logging is
 * silenced (`logCreator` drops everything): nothing of kafkajs reaches the notebook.
 *
 * @example
 * const { brokers, config } = kafkaConfigFromOptions({ brokers: 'localhost:9092' });
 * const kafka = new Kafka(config);
 */
export function kafkaConfigFromOptions(options: KafkaConnectionOptions): { brokers: string[]; config: KafkaConfig } {
  if (options === null || typeof options !== 'object') {
    throw new OptionError('brokers', "kafkaJournal needs options like { brokers: 'localhost:9092' }.");
  }
  const list = typeof options.brokers === 'string' ? options.brokers.split(',') : options.brokers;
  const brokers = Array.isArray(list) ? list.map((b) => String(b).trim()).filter((b) => b !== '') : [];
  if (brokers.length === 0 || brokers.some((b) => !/^[^\s:]+:\d+$/.test(b) && !/^\[[0-9a-fA-F:]+\]:\d+$/.test(b))) {
    throw new OptionError('brokers', `brokers must be 'host:port' or a list of them, got ${JSON.stringify(options.brokers)}.`);
  }
  const sasl = options.sasl;
  if (sasl !== undefined) {
    if (!['plain', 'scram-sha-256', 'scram-sha-512'].includes(sasl?.mechanism) || typeof sasl.username !== 'string' || typeof sasl.password !== 'string') {
      throw new OptionError('sasl', `sasl must be { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512', username, password }, got mechanism ${JSON.stringify(sasl?.mechanism)}.`);
    }
    rememberSecret(sasl.password);
  }
  const timeout = options.connectionTimeoutMs ?? defaults.connectionTimeoutMs;
  if (!(Number.isFinite(timeout) && timeout > 0)) {
    throw new OptionError('connectionTimeoutMs', `connectionTimeoutMs must be a positive number of ms, got ${String(timeout)}.`);
  }
  const config: KafkaConfig = {
    brokers,
    clientId: options.clientId ?? defaults.clientId,
    ssl: options.ssl,
    sasl: sasl && { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as KafkaConfig['sasl'],
    connectionTimeout: timeout,
    requestTimeout: defaults.requestTimeoutMs,
    retry: defaults.retry,
    logLevel: logLevel.WARN,
    logCreator: silent,
    // Only keys actually given: an explicit undefined would unset a default above.
    ...Object.fromEntries(Object.entries(options.kafkajs ?? {}).filter(([, v]) => v !== undefined)),
  };
  return { brokers, config };
}
