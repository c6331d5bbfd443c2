// The one-line status shown above a live view.
// Example: "● live · 1,204 events/s · window 58,311 events · lag 12 (events/1 12, events/0 0) · 3 undecodable · 12:04:31"

/** Lag of one partition: log end offset minus the stream's position. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** What the status line shows. */
export interface StreamStatus {
  state: 'connecting' | 'live' | 'reconnecting' | 'stopped' | 'failed';
  /** Why it is reconnecting or failed, or the last warning. */
  detail?: string;
  eventsPerSecond: number;
  windowRows: number;
  lag: PartitionLag[];
  undecodable: number;
  duplicates: number;
  refreshedAt: Date;
  /** Arrivals dropped because an `onBatch` listener was still busy and its queue full. */
  pendingDropped?: number;
  /** Record batches skipped so far: corrupt, or their records' handling threw. */
  skippedBatches?: number;
  /** Where the last one was: `topic/partition at offset n`. */
  lastSkipped?: string;
  /** kafkajs's record decoding could not be switched to raw batches (kafkajs-internals/): about half speed. */
  halfSpeed?: boolean;
}

export const defaults = {
  /** Partitions named in the lag part; the rest are summed into "+N more". */
  lagPartitionsShown: 4,
  /** Longest detail text shown. */
  detailChars: 120,
};

const MARK = { connecting: '○', live: '●', reconnecting: '◌', stopped: '■', failed: '✖' } as const;

function grouped(n: number): string {
  const [int, frac] = String(Math.round(n * 10) / 10).split('.');
  const digits = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined || Math.abs(n) >= 100 ? digits : `${digits}.${frac}`;
}

function clock(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/**
 * Formats the status as one line of plain text (local time, fixed number format).
 *
 * @example
 * statusLineFromStatus({ state: 'live', eventsPerSecond: 1204, windowRows: 58311, lag: [], undecodable: 0,
 *   duplicates: 0, refreshedAt: new Date() }); // '● live · 1,204 events/s · window 58,311 events · 12:04:31'
 */
export function statusLineFromStatus(status: StreamStatus): string {
  const parts = [`${MARK[status.state]} ${status.state}`];
  parts.push(`${grouped(status.eventsPerSecond)} events/s`);
  parts.push(`window ${grouped(status.windowRows)} event${status.windowRows === 1 ? '' : 's'}`);
  if (status.lag.length > 0) {
    const sorted = [...status.lag].sort((a, b) => b.lag - a.lag || a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const total = sorted.reduce((sum, p) => sum + p.lag, 0);
    const shown = sorted.slice(0, defaults.lagPartitionsShown).map((p) => `${p.topic}/${p.partition} ${grouped(p.lag)}`);
    const more = sorted.length - shown.length;
    parts.push(`lag ${grouped(total)} (${shown.join(', ')}${more > 0 ? `, +${more} more` : ''})`);
  }
  if (status.undecodable > 0) parts.push(`${grouped(status.undecodable)} undecodable`);
  if (status.duplicates > 0) parts.push(`${grouped(status.duplicates)} duplicates dropped`);
  const skipped = status.skippedBatches ?? 0;
  if (skipped > 0) parts.push(`${grouped(skipped)} unreadable batch${skipped === 1 ? '' : 'es'} skipped${status.lastSkipped ? ` (${status.lastSkipped})` : ''}`);
  const dropped = status.pendingDropped ?? 0;
  if (dropped > 0) parts.push(`${grouped(dropped)} event${dropped === 1 ? '' : 's'} dropped for a slow onBatch listener`);
  if (status.halfSpeed) parts.push('half speed: kafkajs internals not installed (see the warning)');
  parts.push(clock(status.refreshedAt));
  let line = parts.join(' · ');
  if (status.detail) {
    const d = status.detail.replace(/\s+/g, ' ').trim();
    line += ` · ${d.length > defaults.detailChars ? `${d.slice(0, defaults.detailChars - 1)}…` : d}`;
  }
  return line;
}
