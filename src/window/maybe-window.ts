// Normalises the `window` option of a stream. A window is bounded by time, by count, or both;
// a time-only window still gets a row cap so that a burst cannot exhaust the kernel's memory.
import { OptionError } from '../errors.js';

/** What a user passes as `window`. */
export interface WindowOptions {
  /** Keep events whose record timestamp is within this many seconds of the newest one seen. */
  seconds?: number;
  /** Keep at most this many events (the newest by arrival). */
  events?: number;
}

/** The canonical window: `windowMs` is Infinity for a count-only window. */
export interface WindowSpec {
  windowMs: number;
  maxEvents: number;
}

export const defaults = {
  /** Used when neither `seconds` nor `events` is given. */
  seconds: 60,
  /** Row cap of a window given by time only. */
  maxEvents: 1_000_000,
};

/**
 * Returns the canonical window for `options`, or throws an OptionError naming the bad value.
 * Defaults: `{ seconds: 60 }`; a time-only window is capped at 1,000,000 events.
 *
 * @example
 * maybeWindow({ seconds: 30 });        // { windowMs: 30000, maxEvents: 1000000 }
 * maybeWindow({ events: 500 });        // { windowMs: Infinity, maxEvents: 500 }
 */
export function maybeWindow(options: WindowOptions | undefined): WindowSpec {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new OptionError('window', `window must be an object like { seconds: 60 } or { events: 1000 }, got ${String(options)}.`);
  }
  const { seconds, events } = options ?? {};
  if (seconds !== undefined && !(typeof seconds === 'number' && seconds > 0 && Number.isFinite(seconds))) {
    throw new OptionError('window.seconds', `window.seconds must be a positive number of seconds, got ${String(seconds)}.`);
  }
  if (events !== undefined && !(Number.isInteger(events) && events > 0)) {
    throw new OptionError('window.events', `window.events must be a positive integer, got ${String(events)}.`);
  }
  if (seconds === undefined && events === undefined) return { windowMs: defaults.seconds * 1000, maxEvents: defaults.maxEvents };
  return {
    windowMs: seconds === undefined ? Infinity : seconds * 1000,
    maxEvents: events ?? defaults.maxEvents,
  };
}
