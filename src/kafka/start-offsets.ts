// Where a stream starts reading: the offsets per partition for `from`.
import type { Admin } from 'kafkajs';
import { OptionError } from '../errors.js';

/** 'earliest', 'latest', or a point in time (Date or epoch ms). */
export type FromOption = 'earliest' | 'latest' | Date | number;

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
export async function startOffsets(admin: Admin, topics: readonly string[], from: 'earliest' | 'latest' | number): Promise<PartitionOffset[]> {
  const out: PartitionOffset[] = [];
  for (const topic of topics) {
    const watermarks = await admin.fetchTopicOffsets(topic);
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
