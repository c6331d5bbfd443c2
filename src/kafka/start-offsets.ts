// Where a stream starts reading: the offsets per partition for `from`.
import type { Admin } from 'kafkajs';
import { OptionError } from '../errors.js';

/** 'earliest', 'latest', a point in time (Date or epoch ms), or the position a saved window reached (`saveTable(s.window(), path)`). */
export type FromOption = 'earliest' | 'latest' | Date | number | { snapshot: string };

/** A normalised `from`: also explicit offsets (a resumed snapshot), where partitions not listed start at the earliest. */
export type StartFrom = 'earliest' | 'latest' | number | { offsets: readonly PartitionOffset[] };

/** An offset to seek one partition to. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Returns `from` as 'earliest' | 'latest' | epoch ms, or throws an OptionError.
 *
 * @example
 * maybeFrom(new Date('2024-05-01')); // 1714521600000
 */
export function maybeFrom(from: unknown): 'earliest' | 'latest' | number | undefined {
  if (from === undefined || from === 'earliest' || from === 'latest') return from;
  const ms = from instanceof Date ? from.getTime() : typeof from === 'number' ? from : NaN;
  if (Number.isFinite(ms)) return ms;
  throw new OptionError('from', `from must be 'earliest', 'latest' or a Date, got ${JSON.stringify(from)}.`);
}

/**
 * Looks up the offset of every partition of `topics` for `from`: the low watermark for
 * 'earliest', the high watermark for 'latest', the first record at or after the time for a
 * timestamp (the high watermark when there is none yet).
 *
 * @example
 * const offsets = await startOffsets(admin, ['events'], Date.now() - 3_600_000);
 */
export async function startOffsets(admin: Admin, topics: readonly string[], from: StartFrom): Promise<PartitionOffset[]> {
  const out: PartitionOffset[] = [];
  for (const topic of topics) {
    const watermarks = await admin.fetchTopicOffsets(topic);
    if (typeof from === 'object') {
      // Resumed offsets, kept within what the partition still holds (retention may have moved its start).
      const saved = new Map(from.offsets.filter((o) => o.topic === topic).map((o) => [o.partition, BigInt(o.offset)]));
      for (const w of watermarks) {
        const at = saved.get(w.partition);
        const low = BigInt(w.low);
        const high = BigInt(w.high);
        out.push({ topic, partition: w.partition, offset: String(at === undefined || at < low ? low : at > high ? high : at) });
      }
      continue;
    }
    if (from === 'earliest' || from === 'latest') {
      for (const w of watermarks) out.push({ topic, partition: w.partition, offset: from === 'earliest' ? w.low : w.high });
      continue;
    }
    const high = new Map(watermarks.map((w) => [w.partition, w.high]));
    for (const { partition, offset } of await admin.fetchTopicOffsetsByTimestamp(topic, from)) {
      out.push({ topic, partition, offset: offset === '-1' ? high.get(partition) ?? offset : offset });
    }
  }
  return out;
}
