// Normalises the `format` option of a stream.
import { OptionError } from '../../errors.js';
import type { MessageFormatFn } from './function-format.js';

/** How record values are read: akka-persistence-kafka EventFormat, JSON objects, or a function. */
export type FormatOption = 'akka' | 'json' | MessageFormatFn;

export const defaults = { format: 'akka' as const };

/**
 * Returns the format, default 'akka', or throws an OptionError.
 *
 * @example
 * maybeFormat(undefined); // 'akka'
 */
export function maybeFormat(format: unknown): FormatOption {
  if (format === undefined) return defaults.format;
  if (format === 'akka' || format === 'json' || typeof format === 'function') return format as FormatOption;
  throw new OptionError('format', `format must be 'akka', 'json' or a function (message) => { persistenceId, sequenceNr, event, eventType? }, got ${JSON.stringify(format)}.`);
}

/** A short name of the format for status lines and registry keys. */
export function formatName(format: FormatOption): string {
  return typeof format === 'function' ? `function ${format.name || 'anonymous'}` : format;
}
