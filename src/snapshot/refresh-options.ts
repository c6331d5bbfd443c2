// The `refresh` option of eventTable({ snapshot }): true / false, or how to refresh (see
// docs/snapshots.md, "Incremental refresh").
import { OptionError } from '../errors.js';

/** How eventTable({ snapshot }) finds what changed since the snapshot. */
export interface SnapshotRefreshOptions {
  /**
   * 'written-since' (default where the table has a timeuuid `timestamp` clustering column): a
   * token-range scan that returns only rows written since the snapshot was read, minus
   * `clockSkewSeconds`; 'key-scan': every row's key is read and compared with the snapshot
   * (slower, independent of the writers' clocks).
   */
  method?: 'written-since' | 'key-scan';
  /**
   * How far a writer's clock (or a write's delay) may lag the machine that read the snapshot,
   * in seconds; rows whose timeuuid is older than the snapshot's read time minus this are
   * assumed to be in the snapshot already. Default 60.
   */
  clockSkewSeconds?: number;
}

export interface RefreshChoice {
  refresh: boolean;
  method: 'written-since' | 'key-scan';
  clockSkewMs: number;
}

export const refreshDefaults = { clockSkewSeconds: 60 };

/** Normalises `refresh` (undefined → refresh with the defaults). */
export function maybeRefreshOptions(value: unknown): RefreshChoice {
  if (value === undefined || value === true) return { refresh: true, method: 'written-since', clockSkewMs: refreshDefaults.clockSkewSeconds * 1000 };
  if (value === false) return { refresh: false, method: 'written-since', clockSkewMs: refreshDefaults.clockSkewSeconds * 1000 };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptionError('refresh', `refresh must be true, false or { method, clockSkewSeconds }, got ${JSON.stringify(value)}.`);
  }
  const { method, clockSkewSeconds, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new OptionError('refresh', `refresh has no option ${unknown.map((k) => `'${k}'`).join(', ')}; it takes method ('written-since' or 'key-scan') and clockSkewSeconds.`);
  }
  if (method !== undefined && method !== 'written-since' && method !== 'key-scan') {
    throw new OptionError('refresh', `refresh.method must be 'written-since' or 'key-scan', got ${JSON.stringify(method)}.`);
  }
  const skew = clockSkewSeconds ?? refreshDefaults.clockSkewSeconds;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0) {
    throw new OptionError('refresh', `refresh.clockSkewSeconds must be a number of seconds ≥ 0, got ${JSON.stringify(clockSkewSeconds)}. ` +
      `It is how far the writers' clocks may lag this machine's; the default is ${refreshDefaults.clockSkewSeconds}.`);
  }
  return { refresh: true, method: method ?? 'written-since', clockSkewMs: skew * 1000 };
}
