import { OptionError } from '../errors.js';
import type { RowFilter } from './row-gate.js';

/** A non-empty string, or the fallback when absent. */
export function maybeName(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    throw new OptionError(option, `${option} must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A whole number ≥ `min`, or the fallback when absent. */
export function maybeCount(option: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(Number.isInteger(value) || value === Infinity) || value < min) {
    throw new OptionError(option, `${option} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A valid Date as epoch ms, or the fallback when absent. */
export function maybeTime(option: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
  if (Number.isNaN(ms)) {
    throw new OptionError(option, `${option} must be a Date (or an ISO date string), got ${JSON.stringify(value)}.`,
      { hint: `E.g. ${option}: new Date('2026-11-01T00:00:00Z').` });
  }
  return ms;
}

/** A non-empty array of distinct persistence ids, or undefined. */
export function maybePersistenceIds(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new OptionError('persistenceIds', `persistenceIds must be an array of strings, got ${JSON.stringify(value)?.slice(0, 200)}.`,
      { hint: "E.g. persistenceIds: ['ShoppingCart|cart-1']; journal.persistenceIds() lists them." });
  }
  return [...new Set(value as string[])];
}

/**
 * The inclusive sequence-number and time bounds of a load, checked in this order: fromSequenceNr,
 * toSequenceNr, from, to (the first wrong one is the one named).
 *
 * @example
 * maybeRowFilter({ fromSequenceNr: 10 }); // { fromSequenceNr: 10, toSequenceNr: Infinity, fromMs: -Infinity, toMs: Infinity }
 */
export function maybeRowFilter(options: { fromSequenceNr?: unknown; toSequenceNr?: unknown; from?: unknown; to?: unknown }): RowFilter {
  return {
    fromSequenceNr: maybeCount('fromSequenceNr', options.fromSequenceNr, 0, 0),
    toSequenceNr: maybeCount('toSequenceNr', options.toSequenceNr, Infinity, 0),
    fromMs: maybeTime('from', options.from, -Infinity),
    toMs: maybeTime('to', options.to, Infinity),
  };
}
