// Decoder budgets: what one event may cost to decode. A journal or a topic holds bytes that anyone
// who could write to it chose; these ceilings keep one hostile payload from crashing, hanging or
// exhausting the kernel (see docs/decoder-limits.md). Exceeding one makes that row undecodable
// (a LimitExceededError, turned into the row's decodeError); the load or the stream goes on.
//
// Decoding is synchronous and never re-entered across an await, so the limits in force are kept
// in one module variable: a load or a stream sets its own around each batch (`withDecodeLimits`),
// nested payloads (serializers 7, 8, 34) inherit them, and a direct `registry.decode` call outside
// any load uses the defaults.

import { LimitExceededError, OptionError } from '../errors.js';
import type { DecodeLimits } from '../types.js';

/**
 * Defaults a user never notices on genuine data:
 * - maxEventBytes 16 MiB: Cassandra refuses mutations above half its 32 MiB commit-log segment
 *   and Kafka's default message limit is 1 MiB, so no genuine event inflates past this;
 * - maxDepth 256: Jackson's own default nesting limit is 1000 for JSON but events rarely pass 20
 *   levels; class hierarchies are far shallower; also bounds nested payloads (7 → 7 → …);
 * - maxObjects 100 000: maps, arrays and Java objects in one event (an event of 100k objects is
 *   already megabytes of JSON); bounds the memory a few bytes can make (CBOR `A0` = one object);
 * - maxBignumDigits 4096: decimal digits of one CBOR tag 2/3 or Java BigInteger/BigDecimal
 *   (money and ids need < 40; 4096 is ~13 600 bits).
 */
export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxEventBytes: 16 * 1024 * 1024,
  maxDepth: 256,
  maxObjects: 100_000,
  maxBignumDigits: 4096,
});

/** The limits in force and the public function whose `limits` option raises them (for messages). */
export interface ActiveLimits extends DecodeLimits {
  readonly owner: string;
}

const DEFAULT_ACTIVE: ActiveLimits = Object.freeze({ ...DEFAULT_DECODE_LIMITS, owner: 'cassandraJournal' });
let active: ActiveLimits = DEFAULT_ACTIVE;

/**
 * Normalises a `limits` option: every field optional, each a whole number ≥ 1 (Infinity allowed
 * to switch a limit off); `owner` names the function the option was passed to, for messages.
 * Throws an OptionError naming the bad field.
 *
 * @example
 * const limits = maybeDecodeLimits({ maxEventBytes: 64 * 1024 * 1024 }, 'cassandraJournal');
 */
export function maybeDecodeLimits(option: Partial<DecodeLimits> | undefined, owner: string): ActiveLimits {
  if (option === undefined || option === null) return owner === DEFAULT_ACTIVE.owner ? DEFAULT_ACTIVE : { ...DEFAULT_DECODE_LIMITS, owner };
  if (typeof option !== 'object') {
    throw new OptionError('limits', `limits must be an object like { maxEventBytes: 33554432 }, got ${typeof option}.`);
  }
  const out: DecodeLimits = { ...DEFAULT_DECODE_LIMITS };
  for (const key of Object.keys(option) as (keyof DecodeLimits)[]) {
    if (!(key in DEFAULT_DECODE_LIMITS)) {
      throw new OptionError('limits', `Unknown limit '${key}'; the limits are ${Object.keys(DEFAULT_DECODE_LIMITS).join(', ')}.`);
    }
    const v = option[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v === Infinity || (Number.isInteger(v) && v >= 1))) {
      throw new OptionError('limits', `limits.${key} must be a whole number ≥ 1 (or Infinity), got ${String(v)}.`, {
        hint: `The default is ${DEFAULT_DECODE_LIMITS[key]}.`,
      });
    }
    out[key] = v;
  }
  return Object.freeze({ ...out, owner });
}

/**
 * Runs `work` with `limits` in force, then restores the previous ones.
 *
 * @example
 * const decoded = withDecodeLimits(limits, () => eventsFromBatch(batch, registry, {}));
 */
export function withDecodeLimits<T>(limits: ActiveLimits, work: () => T): T {
  const previous = active;
  active = limits;
  try {
    return work();
  } finally {
    active = previous;
  }
}

/** The limits in force now (read once at the start of each decode). */
export function decodeLimits(): ActiveLimits {
  return active;
}

/**
 * The error for a budget `limit` that a payload exceeded; `what` says what exceeded it, e.g.
 * 'the gzip payload inflates past'. The message names the option and how to raise it.
 *
 * @example
 * throw limitExceeded('maxDepth', 'CBOR nesting deeper than');
 */
export function limitExceeded(limit: keyof DecodeLimits, what: string, limits: ActiveLimits = active): LimitExceededError {
  const value = limits[limit];
  const raised = Number.isFinite(value) ? value * 4 : value;
  return new LimitExceededError(limit, value,
    `${what} limits.${limit} (${value}); raise it with ${limits.owner}({ limits: { ${limit}: ${raised} } }).`);
}
