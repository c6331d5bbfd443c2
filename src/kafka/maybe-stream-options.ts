// eventStream's own options checked at the door (from-kafka.ts): topics, interval, group and commit,
// key filter, format with its decode mode and JSON fields. `window` (window/maybe-window.ts) and
// `from` (kafka/start-offsets.ts, snapshot/kafka-resume.ts) have normalisers of their own.
import { OptionError } from '../errors.js';
import { defaults as streamDefaults } from './event-stream.js';
import type { JsonFormatOptions } from './formats/json-format.js';
import { maybeFormat, type FormatOption } from './formats/maybe-format.js';

/** The options of one stream as given (from-kafka.ts `EventStreamOptions`), unchecked. */
export interface StreamOptionsInput extends JsonFormatOptions {
  topics?: unknown;
  interval?: unknown;
  groupId?: unknown;
  commit?: unknown;
  key?: unknown;
  format?: unknown;
  decode?: unknown;
}

/** A stream's options, checked, with their defaults filled in. */
export interface StreamSettings {
  topics: string[];
  intervalMs: number;
  groupId: string | undefined;
  commit: boolean;
  /** undefined: every record. */
  keyFilter: ((key: Buffer | null) => boolean) | undefined;
  format: FormatOption;
  /** akka: plain JSON payloads are checked on arrival and parsed on first read. */
  lazyJson: boolean;
  json: JsonFormatOptions;
}

/**
 * Checks eventStream's options (OptionError names the first wrong one) and fills in the defaults.
 *
 * @example
 * const settings = maybeStreamOptions({ topics: 'events', interval: 500 });
 */
export function maybeStreamOptions(options: StreamOptionsInput | null | undefined): StreamSettings {
  if (options === null || typeof options !== 'object') {
    throw new OptionError('topics', "eventStream needs options like { topics: ['events'] }.");
  }
  const topics = typeof options.topics === 'string' ? [options.topics] : options.topics;
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== 'string' || t === '')) {
    throw new OptionError('topics', `topics must be a topic name or a non-empty list of them, got ${JSON.stringify(options.topics)}.`);
  }
  const intervalMs = options.interval ?? streamDefaults.intervalMs;
  if (typeof intervalMs !== 'number' || !(Number.isFinite(intervalMs) && intervalMs >= 50)) {
    throw new OptionError('interval', `interval must be a number of milliseconds ≥ 50, got ${String(options.interval)}.`);
  }
  if (options.groupId !== undefined && (typeof options.groupId !== 'string' || options.groupId === '')) {
    throw new OptionError('groupId', `groupId must be a non-empty string, got ${JSON.stringify(options.groupId)}.`);
  }
  if (options.commit === true && options.groupId === undefined) {
    throw new OptionError('commit', 'commit: true needs a groupId: without one the stream reads as a throwaway group that is never committed to.', {
      hint: "Pass `groupId: 'my-group'` to commit that group's offsets, or drop `commit`.",
    });
  }
  const format = maybeFormat(options.format);
  const jsonFields = (['persistenceIdField', 'sequenceNrField', 'eventTypeField'] as const).filter((f) => options[f] !== undefined);
  if (format !== 'json' && jsonFields.length > 0) {
    throw new OptionError(jsonFields[0]!, `${jsonFields.join(', ')} only apply to format 'json'; the format is ${typeof format === 'function' ? 'a function' : `'${format}'`}.`);
  }
  if (options.decode !== undefined && options.decode !== 'lazy' && options.decode !== 'eager') {
    throw new OptionError('decode', `decode must be 'lazy' or 'eager', got ${JSON.stringify(options.decode)}.`);
  }
  return {
    topics: [...(topics as string[])], intervalMs, groupId: options.groupId as string | undefined, commit: options.commit === true,
    keyFilter: maybeKeyFilter(options.key), format, lazyJson: options.decode !== 'eager',
    json: { persistenceIdField: options.persistenceIdField, sequenceNrField: options.sequenceNrField, eventTypeField: options.eventTypeField },
  };
}

/**
 * The `key` option as a test of a record's key bytes; undefined when absent (every record).
 *
 * @example
 * maybeKeyFilter(/^cart-/)!(Buffer.from('cart-1')); // true
 */
export function maybeKeyFilter(key: unknown): ((key: Buffer | null) => boolean) | undefined {
  if (key === undefined) return undefined;
  if (typeof key === 'function') return (k) => Boolean((key as (k: string | null) => unknown)(k === null ? null : k.toString('utf8')));
  if (key instanceof RegExp) return (k) => k !== null && key.test(k.toString('utf8'));
  const wanted = new Set(typeof key === 'string' ? [key] : Array.isArray(key) ? key : [key]);
  if (![...wanted].every((k) => typeof k === 'string')) {
    throw new OptionError('key', `key must be a string, an array of strings, a RegExp or a function, got ${JSON.stringify(key)}.`);
  }
  return (k) => k !== null && wanted.has(k.toString('utf8'));
}
